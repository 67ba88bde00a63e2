"""Every built-in support resource with a number says where it comes from and since when."""

from __future__ import annotations

import re
from datetime import date

from peerdesk.content import load_builtin_resources, resource_provenance


def test_every_listed_organisation_has_a_source_and_a_date() -> None:
    provenance = resource_provenance()
    for resource in load_builtin_resources():
        assert resource.key is not None
        if resource.key.startswith("my_"):
            # Filled in by the user (their HR contact, their union): nothing to cite.
            assert resource.key not in provenance
            continue
        found = provenance.get(resource.key)
        assert found is not None, resource.key
        assert re.fullmatch(r"[a-z0-9.-]+\.[a-z]{2,}(/[\w./-]*)?", found.source), found.source
        assert date(2026, 1, 1) <= found.listed <= date.today()


def test_the_countries_of_the_new_languages_have_a_crisis_line() -> None:
    countries = {r.country for r in load_builtin_resources() if r.kind.value == "helpline"}
    assert {"DE", "FR", "ES"} <= countries
