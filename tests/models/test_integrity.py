"""The SHA-256 revision chain and manifest fingerprint."""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peerdesk.models import (
    GENESIS_HASH,
    Revision,
    ValidationError,
    make_revision,
    manifest_fingerprint,
    revision_hash,
    sha256_hex,
    verify_chain,
)

START = datetime(2024, 3, 5, 16, 45, tzinfo=UTC)


def _chain(length: int, incident_id: int = 7) -> list[Revision]:
    revisions: list[Revision] = []
    previous = None
    for index in range(length):
        previous = make_revision(
            incident_id=incident_id,
            previous=previous,
            saved_at=START + timedelta(minutes=index),
            payload=f'{{"title":"version {index + 1}"}}'.encode(),
        )
        revisions.append(previous)
    return revisions


def test_sha256_hex_matches_a_known_vector() -> None:
    assert sha256_hex(b"abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )


def test_revision_hash_follows_the_documented_byte_layout() -> None:
    payload = b'{"title":"x"}'
    layout = (
        b"peerdesk-revision-v1\n"
        + GENESIS_HASH.encode()
        + b"\n1\n2024-03-05T16:45:00.000000Z\n"
        + payload
    )
    assert revision_hash(GENESIS_HASH, 1, START, payload) == hashlib.sha256(layout).hexdigest()


def test_first_revision_links_to_genesis_and_later_ones_to_their_predecessor() -> None:
    first, second = _chain(2)
    assert (first.number, first.prev_hash) == (1, GENESIS_HASH)
    assert (second.number, second.prev_hash) == (2, first.hash)
    first.validate()
    second.validate()


@pytest.mark.parametrize("bad", ["", "0" * 63, "G" * 64, "A" * 64])
def test_revision_hash_refuses_malformed_prev_hash(bad: str) -> None:
    with pytest.raises(ValueError, match="prev_hash"):
        revision_hash(bad, 1, START, b"")


def test_revision_hash_refuses_naive_time_and_bad_number() -> None:
    with pytest.raises(ValueError, match="naive"):
        revision_hash(GENESIS_HASH, 1, datetime(2024, 1, 1), b"")
    with pytest.raises(ValueError, match="number"):
        revision_hash(GENESIS_HASH, 0, START, b"")


@given(st.integers(min_value=1, max_value=8))
def test_an_untouched_chain_verifies(length: int) -> None:
    revisions = _chain(length)
    check = verify_chain(revisions)
    assert check.ok
    assert check.first_broken is None
    assert check.head == revisions[-1].hash
    assert check.count == length


def test_empty_chain_is_not_ok() -> None:
    check = verify_chain([])
    assert not check.ok
    assert check.first_broken is None


@given(st.data())
def test_tampered_payload_is_caught_at_that_revision(data: st.DataObject) -> None:
    revisions = _chain(data.draw(st.integers(min_value=1, max_value=6)))
    position = data.draw(st.integers(min_value=1, max_value=len(revisions)))
    target = revisions[position - 1]
    revisions[position - 1] = dataclasses.replace(target, payload=target.payload + b" ")
    check = verify_chain(revisions)
    assert not check.ok
    assert check.first_broken == position
    assert "changed" in check.reason
    assert check.head is None


def test_tampered_saved_at_is_caught() -> None:
    revisions = _chain(3)
    revisions[1] = dataclasses.replace(revisions[1], saved_at=START - timedelta(days=1))
    assert verify_chain(revisions).first_broken == 2


def test_rehashed_forgery_is_caught_at_the_next_revision() -> None:
    revisions = _chain(4)
    forged = dataclasses.replace(revisions[1], payload=b'{"title":"rewritten"}')
    forged.hash = revision_hash(forged.prev_hash, forged.number, forged.saved_at, forged.payload)
    revisions[1] = forged
    check = verify_chain(revisions)
    assert check.first_broken == 3
    assert check.reason == "Revision 3 does not follow on from revision 2."


def test_altered_prev_hash_is_caught() -> None:
    revisions = _chain(3)
    revisions[2] = dataclasses.replace(revisions[2], prev_hash="f" * 64)
    check = verify_chain(revisions)
    assert check.first_broken == 3
    revisions = _chain(3)
    revisions[0] = dataclasses.replace(revisions[0], prev_hash="1" * 64)
    check = verify_chain(revisions)
    assert check.first_broken == 1
    assert check.reason == "Revision 1 does not start the chain of fingerprints."


def test_reordered_revisions_are_caught_where_the_order_breaks() -> None:
    revisions = _chain(4)
    revisions[1], revisions[2] = revisions[2], revisions[1]
    check = verify_chain(revisions)
    assert check.first_broken == 2
    assert "out of order" in check.reason


def test_removed_revision_is_caught() -> None:
    revisions = _chain(4)
    del revisions[2]
    assert verify_chain(revisions).first_broken == 3
    assert verify_chain(_chain(4)[1:]).first_broken == 1


def test_revision_from_another_incident_is_caught() -> None:
    revisions = _chain(3)
    revisions[2] = dataclasses.replace(revisions[2], incident_id=8)
    check = verify_chain(revisions)
    assert check.first_broken == 3
    assert "different entry" in check.reason


def test_revision_validate_checks_genesis_rule() -> None:
    first = _chain(1)[0]
    with pytest.raises(ValidationError) as caught:
        dataclasses.replace(first, number=2).validate()
    assert caught.value.field == "prev_hash"
    with pytest.raises(ValidationError) as caught:
        dataclasses.replace(first, hash="xyz").validate()
    assert caught.value.field == "hash"


def test_manifest_is_order_independent_and_follows_the_layout() -> None:
    heads = [("2", "b" * 64), ("10", "a" * 64)]
    expected = hashlib.sha256(
        b"peerdesk-manifest-v1\n10\t" + b"a" * 64 + b"\n2\t" + b"b" * 64 + b"\n"
    ).hexdigest()
    assert manifest_fingerprint(heads) == expected
    assert manifest_fingerprint(reversed(heads)) == expected


def test_manifest_changes_when_any_head_changes() -> None:
    heads = [(str(n), sha256_hex(str(n).encode())) for n in range(1, 6)]
    base = manifest_fingerprint(heads)
    for index in range(len(heads)):
        changed = list(heads)
        changed[index] = (heads[index][0], sha256_hex(b"other"))
        assert manifest_fingerprint(changed) != base
    assert manifest_fingerprint(heads[:-1]) != base


@pytest.mark.parametrize(
    "heads",
    [
        [("1", "a" * 64), ("1", "b" * 64)],
        [("", "a" * 64)],
        [("1\t2", "a" * 64)],
        [("1", "A" * 64)],
        [("1", "a" * 63)],
    ],
)
def test_manifest_refuses_ambiguous_input(heads: list[tuple[str, str]]) -> None:
    with pytest.raises(ValueError):
        manifest_fingerprint(heads)
