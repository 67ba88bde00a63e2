"""Compiles the translation catalogues into the build (everything else is in pyproject.toml).

``peerdesk/locale/<lang>/LC_MESSAGES/*.po`` → ``.mo`` in the build directory, with Babel (which
the build requires: see ``[build-system]``), so that the wheel ships compiled catalogues.
A source checkout without them compiles in memory when first used (peerdesk.i18n.translations).
"""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithCatalogues(build_py):
    def run(self) -> None:
        super().run()
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        source = Path(__file__).resolve().parent / "peerdesk" / "locale"
        target = Path(self.build_lib) / "peerdesk" / "locale"
        for po in sorted(source.glob("*/LC_MESSAGES/*.po")):
            mo = target / po.relative_to(source).with_suffix(".mo")
            mo.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as handle:
                catalog = read_po(handle, locale=po.parent.parent.name)
            with mo.open("wb") as handle:
                write_mo(handle, catalog, use_fuzzy=False)


setup(cmdclass={"build_py": BuildWithCatalogues})
