"""ColleagueRepository: round trip, the real name kept apart, retention, complete deletion."""

from __future__ import annotations

import hashlib
import unicodedata
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from peerdesk.models import (
    Channel,
    Colleague,
    ColleagueStatus,
    Consent,
    Conversation,
    ConversationTheme,
    FollowUp,
    RecordKind,
    Referral,
    Resource,
    ResourceKind,
    add_months,
)
from peerdesk.storage.colleagues import ColleagueRepository, ColleagueSort, ExpiredColleague
from peerdesk.storage.conversations import ConversationRepository
from peerdesk.storage.directory import ResourceRepository
from peerdesk.storage.errors import RecordNotFound
from peerdesk.storage.repository import Change, Page
from peerdesk.storage.search import Search
from peerdesk.storage.vault import Vault

REAL_NAME = "Wilhelmina Quartermaine"


def _colleague(pseudonym: str = "J.K.", **kwargs: object) -> Colleague:
    fields: dict[str, object] = {
        "pseudonym": pseudonym,
        "consent": Consent(
            may_record="Dates and themes only",
            may_share="Nothing without asking",
            share_with="",
            until=date(2025, 6, 30),
            recorded_on=date(2024, 3, 1),
        ),
        "retention_months": 12,
        "notes": "Prefers to meet away from the office.",
    }
    fields.update(kwargs)
    return Colleague(**fields)  # type: ignore[arg-type]


def test_round_trip_hides_the_real_name_unless_revealed(vault: Vault) -> None:
    repo = ColleagueRepository(vault)
    before = datetime.now(UTC)
    saved = repo.add(_colleague(real_name=REAL_NAME, last_contact=date(2024, 3, 4)))
    assert saved.id is not None
    assert saved.created_at is not None and saved.created_at >= before.replace(microsecond=0)

    hidden = repo.get(saved.id)
    assert hidden.real_name == ""
    assert hidden.pseudonym == "J.K."
    assert hidden.consent == saved.consent
    assert hidden.consent.until == date(2025, 6, 30)
    assert hidden.last_contact == date(2024, 3, 4)
    assert hidden.created_at == saved.created_at
    assert hidden.notes == "Prefers to meet away from the office."
    assert hidden.status is ColleagueStatus.ACTIVE

    revealed = repo.get(saved.id, reveal_real_name=True)
    assert revealed.real_name == REAL_NAME
    assert revealed == saved
    assert repo.real_name(saved.id) == REAL_NAME
    assert repo.has_real_name(saved.id)
    # Lists never carry the real name.
    assert [c.real_name for c in repo.list()] == [""]

    # Saving what get() returned (real name hidden) keeps the stored real name.
    hidden.pseudonym = "JK"
    hidden.status = ColleagueStatus.CLOSED
    hidden.retention_months = 6
    repo.update(hidden)
    again = repo.get(saved.id, reveal_real_name=True)
    assert (again.pseudonym, again.status, again.retention_months) == (
        "JK",
        ColleagueStatus.CLOSED,
        6,
    )
    assert again.real_name == REAL_NAME

    repo.set_real_name(saved.id, "")
    assert repo.real_name(saved.id) == ""
    assert not repo.has_real_name(saved.id)
    repo.set_real_name(saved.id, "  Other Name ")
    assert repo.real_name(saved.id) == "Other Name"


def test_real_name_is_stored_apart_and_not_searchable(vault: Vault) -> None:
    repo = ColleagueRepository(vault)
    saved = repo.add(_colleague("Owl", real_name=REAL_NAME, notes="met at the canteen"))
    assert saved.id is not None
    search = Search(vault)
    assert [h.record_id for h in search.search("Owl")] == [saved.id]
    assert [h.record_id for h in search.search("canteen")] == [saved.id]
    assert search.search("Quartermaine") == []
    assert search.search("Wilhelmina") == []
    # Only colleague_real_names holds it.
    holders = _tables_containing(vault, "Quartermaine")
    assert holders == {"colleague_real_names"}


def test_get_update_delete_missing_raise_record_not_found(vault: Vault) -> None:
    repo = ColleagueRepository(vault)
    with pytest.raises(RecordNotFound):
        repo.get(999)
    with pytest.raises(RecordNotFound):
        repo.update(_colleague(id=999))
    with pytest.raises(RecordNotFound):
        repo.delete_completely(999)
    with pytest.raises(RecordNotFound):
        repo.set_real_name(999, "x")


def test_list_filters_by_status_and_sorts(vault: Vault) -> None:
    repo = ColleagueRepository(vault)
    a = repo.add(_colleague("beta", last_contact=date(2024, 1, 5)))
    b = repo.add(_colleague("Alpha", last_contact=None))
    c = repo.add(_colleague("gamma", last_contact=date(2024, 5, 1), status=ColleagueStatus.CLOSED))
    assert [x.pseudonym for x in repo.list()] == ["Alpha", "beta", "gamma"]
    assert [x.id for x in repo.list(sort=ColleagueSort.LAST_CONTACT)] == [c.id, a.id, b.id]
    assert [x.id for x in repo.list(ColleagueStatus.ACTIVE)] == [b.id, a.id]
    assert [x.id for x in repo.list(ColleagueStatus.CLOSED)] == [c.id]
    assert [x.id for x in repo.list(page=Page(1, 1))] == [a.id]
    assert repo.count() == 3
    assert repo.count(ColleagueStatus.ACTIVE) == 2


def test_last_contact_follows_the_newest_conversation(vault: Vault) -> None:
    colleagues = ColleagueRepository(vault)
    conversations = ConversationRepository(vault, colleagues)
    changes: list[Change] = []
    colleagues.subscribe(changes.append)
    saved = colleagues.add(_colleague(last_contact=date(2024, 1, 1)))
    assert saved.id is not None
    cid = saved.id
    first = conversations.add(Conversation(colleague_id=cid, held_on=date(2024, 2, 10)))
    assert colleagues.get(cid).last_contact == date(2024, 2, 10)
    assert changes[-1] == Change("changed", (cid,))
    newest = conversations.add(Conversation(colleague_id=cid, held_on=date(2024, 4, 2)))
    conversations.add(Conversation(colleague_id=cid, held_on=date(2024, 3, 1)))  # older
    assert colleagues.get(cid).last_contact == date(2024, 4, 2)
    # A date typed wrongly and corrected moves it back.
    newest.held_on = date(2024, 3, 20)
    conversations.update(newest)
    assert colleagues.get(cid).last_contact == date(2024, 3, 20)
    assert newest.id is not None
    conversations.delete(newest.id)
    assert colleagues.get(cid).last_contact == date(2024, 3, 1)
    # With conversations recorded, a hand-set date does not override them.
    stored = colleagues.get(cid)
    stored.last_contact = date(2020, 1, 1)
    assert colleagues.update(stored).last_contact == date(2024, 3, 1)
    assert colleagues.get(cid).last_contact == date(2024, 3, 1)
    assert first.id is not None


@pytest.mark.parametrize(
    ("last_contact", "months", "expires_on"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap-year February
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 3, 31), 1, date(2024, 4, 30)),
        (date(2024, 5, 15), 12, date(2025, 5, 15)),
    ],
)
def test_retention_expiry_including_month_end(
    vault: Vault, last_contact: date, months: int, expires_on: date
) -> None:
    repo = ColleagueRepository(vault)
    saved = repo.add(_colleague("Kestrel", last_contact=last_contact, retention_months=months))
    assert saved.id is not None
    day_before = date.fromordinal(expires_on.toordinal() - 1)
    assert repo.expired(day_before) == []
    expected = [ExpiredColleague(saved.id, "Kestrel", expires_on, last_contact)]
    assert repo.expired(expires_on) == expected
    assert repo.expired(date(2030, 1, 1)) == expected


def test_retention_without_contact_counts_from_creation(vault: Vault) -> None:
    repo = ColleagueRepository(vault)
    saved = repo.add(_colleague("Heron", last_contact=None, retention_months=3))
    assert saved.id is not None and saved.created_at is not None
    expires = add_months(saved.created_at.date(), 3)
    assert repo.expired(saved.created_at.date()) == []
    assert repo.expired(expires) == [ExpiredColleague(saved.id, "Heron", expires, None)]


def test_expired_lists_soonest_first_and_only_expired(vault: Vault) -> None:
    repo = ColleagueRepository(vault)
    late = repo.add(_colleague("late", last_contact=date(2023, 6, 1), retention_months=12))
    soon = repo.add(_colleague("soon", last_contact=date(2023, 1, 1), retention_months=12))
    repo.add(_colleague("kept", last_contact=date(2024, 6, 1), retention_months=12))
    assert [e.id for e in repo.expired(date(2024, 7, 1))] == [soon.id, late.id]


MARKER = "Zyxquorblat"


def test_delete_completely_leaves_no_trace(vault: Vault, vault_path: Path, passphrase: str) -> None:
    colleagues = ColleagueRepository(vault)
    conversations = ConversationRepository(vault, colleagues)
    resources = ResourceRepository(vault)
    eap = resources.add(Resource(name="Company EAP", kind=ResourceKind.EAP))
    # A second colleague whose records must survive.
    other = colleagues.add(_colleague("Other", notes="keeps talking about gardening"))
    assert other.id is not None
    other_conv = conversations.add(
        Conversation(colleague_id=other.id, held_on=date(2024, 2, 2), summary="gardening")
    )

    target = colleagues.add(
        _colleague(
            f"{MARKER}pseud",
            real_name=f"{MARKER} Realname",
            notes=f"notes {MARKER}notes",
            consent=Consent(may_record=f"{MARKER}consent"),
        )
    )
    assert target.id is not None
    ids = []
    for n in range(3):
        conv = conversations.add(
            Conversation(
                colleague_id=target.id,
                held_on=date(2024, 3, 1 + n),
                channel=Channel.PHONE,
                themes={ConversationTheme.BULLYING},
                summary=f"summary {MARKER}summary {n}",
                actions_agreed=f"actions {MARKER}actions",
                debrief=f"debrief {MARKER}debrief",
                referrals=[
                    Referral(resource_id=eap.id, kind=ResourceKind.EAP, note=f"{MARKER}referral")
                ],
                follow_up=FollowUp(due=date(2024, 4, 1), note=f"{MARKER}follow"),
            )
        )
        assert conv.id is not None
        ids.append(conv.id)
    with vault.transaction() as tx:  # an editor's unsaved draft of one of the conversations
        tx.execute(
            "INSERT INTO drafts(record_kind, record_id, payload, saved_at) VALUES (?, ?, ?, ?)",
            ("conversation", ids[0], f'{{"summary": "{MARKER}draft"}}', "2024-03-01T00:00:00Z"),
        )

    # The checks below can see the marker while it exists.
    assert Search(vault).search(MARKER)
    assert _tables_containing(vault, MARKER)
    assert MARKER.encode() in _decrypted_vault_bytes(vault_path, passphrase)

    colleague_changes: list[Change] = []
    conversation_changes: list[Change] = []
    colleagues.subscribe(colleague_changes.append)
    conversations.subscribe(conversation_changes.append)

    colleagues.delete_completely(target.id)

    assert colleague_changes == [Change("removed", (target.id,))]
    assert conversation_changes == [Change("removed", tuple(ids))]
    with pytest.raises(RecordNotFound):
        colleagues.get(target.id)
    assert colleagues.real_name(target.id) == ""
    assert conversations.count(target.id) == 0
    for table, column in [
        ("colleagues", "id"),
        ("colleague_real_names", "colleague_id"),
        ("conversations", "colleague_id"),
    ]:
        row = vault.query_one(
            f"SELECT count(*) FROM {table} WHERE {column} = ?",  # noqa: S608
            (target.id,),
        )
        assert row is not None and row[0] == 0, table
    assert vault.query_one("SELECT count(*) FROM referrals")[0] == 0  # type: ignore[index]
    assert vault.query_one("SELECT count(*) FROM drafts")[0] == 0  # type: ignore[index]
    for word in (MARKER, f"{MARKER}summary", f"{MARKER}pseud", "Realname"):
        assert Search(vault).search(word) == [], word
    assert _tables_containing(vault, MARKER) == set()
    assert _tables_containing(vault, MARKER.lower()) == set()

    # The other colleague is untouched.
    assert colleagues.get(other.id).notes == "keeps talking about gardening"
    assert other_conv.id is not None
    assert conversations.get(other_conv.id).summary == "gardening"
    assert resources.get(eap.id or 0).name == "Company EAP"
    assert vault.integrity_problems() == []

    vault.close()
    for suffix in ("", "-wal", "-journal"):
        side = Path(str(vault_path) + suffix)
        if side.exists():
            raw = side.read_bytes()
            assert MARKER.encode() not in raw and MARKER.lower().encode() not in raw, suffix
    # Decrypted, page by page (free pages too): secure_delete left none of the words behind.
    plain = _decrypted_vault_bytes(vault_path, passphrase)
    assert MARKER.encode() not in plain
    assert MARKER.lower().encode() not in plain
    assert b"Realname" not in plain


def test_what_i_hold_collects_everything_about_one_colleague(vault: Vault) -> None:
    colleagues = ColleagueRepository(vault)
    conversations = ConversationRepository(vault, colleagues)
    helpline = ResourceRepository(vault).add(
        Resource(name="Night helpline", kind=ResourceKind.HELPLINE, country="GB")
    )
    saved = colleagues.add(_colleague("Robin", real_name="Robin Real", retention_months=12))
    other = colleagues.add(_colleague("Other"))
    assert saved.id is not None and other.id is not None
    second = conversations.add(
        Conversation(
            colleague_id=saved.id,
            held_on=date(2024, 5, 2),
            summary="second",
            follow_up=FollowUp(due=date(2024, 5, 9), done=True, done_on=date(2024, 5, 8)),
        )
    )
    first = conversations.add(
        Conversation(
            colleague_id=saved.id,
            held_on=date(2024, 4, 2),
            summary="first",
            referrals=[
                Referral(resource_id=helpline.id, kind=ResourceKind.HELPLINE),
                Referral(kind=ResourceKind.GP, note="see GP"),
            ],
            debrief="tiring",
        )
    )
    conversations.add(Conversation(colleague_id=other.id, held_on=date(2024, 4, 3)))

    held = colleagues.what_i_hold(saved.id)
    assert held.colleague.real_name == "Robin Real"
    assert held.colleague.consent == saved.consent
    assert held.colleague.last_contact == date(2024, 5, 2)
    assert [c.id for c in held.conversations] == [first.id, second.id]
    assert held.conversations[0] == first
    assert held.conversations[1] == second
    assert held.resource_names == {helpline.id: "Night helpline"}
    assert held.retention_expires_on == date(2025, 5, 2)
    with pytest.raises(RecordNotFound):
        colleagues.what_i_hold(999)


# -- helpers ---------------------------------------------------------------------------------


def _tables_containing(vault: Vault, needle: str) -> set[str]:
    """Tables (FTS shadow tables included) with any text or blob value containing needle."""
    tables = [
        r[0]
        for r in vault.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    found: set[str] = set()
    raw = needle.encode()
    for table in tables:
        if table == "search_index":
            continue  # the virtual table itself; its shadow tables are scanned
        for row in vault.query(f'SELECT * FROM "{table}"'):  # noqa: S608
            for value in tuple(row):
                if (isinstance(value, str) and needle in value) or (
                    isinstance(value, bytes) and raw in value
                ):
                    found.add(table)
    return found


PAGE = 4096
RESERVE = 80  # SQLCipher 4: 16-byte IV + 64-byte HMAC-SHA512 per page
KDF_ITERATIONS = 256_000


def _decrypt_page(key: bytes, page: bytes, first: bool) -> bytes:
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    start = 16 if first else 0
    iv = page[PAGE - RESERVE : PAGE - RESERVE + 16]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(page[start : PAGE - RESERVE]) + decryptor.finalize()


def _decrypted_vault_bytes(path: Path, passphrase: str) -> bytes:
    """Every page of the vault file and of its -wal, decrypted (SQLCipher 4 defaults)."""
    data = path.read_bytes()
    salt = data[:16]
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    key = hashlib.pbkdf2_hmac("sha512", secret, salt, KDF_ITERATIONS, 32)
    pages = [_decrypt_page(key, data[i : i + PAGE], i == 0) for i in range(0, len(data), PAGE)]
    # Page 1 after the 16 salt bytes starts with the page size (big-endian): proof the key
    # and layout are right, so an absent marker means absent, not "could not decrypt".
    assert pages[0][:2] == PAGE.to_bytes(2, "big")
    wal = Path(str(path) + "-wal")
    if wal.exists():
        frames = wal.read_bytes()
        for offset in range(32, len(frames) - PAGE + 1, 24 + PAGE):
            number = int.from_bytes(frames[offset : offset + 4], "big")
            frame = frames[offset + 24 : offset + 24 + PAGE]
            pages.append(_decrypt_page(key, frame, number == 1))
    return b"".join(pages)


def test_renaming_a_colleague_retitles_their_conversations_in_search(vault: Vault) -> None:
    colleagues = ColleagueRepository(vault)
    saved = colleagues.add(_colleague("Finch"))
    assert saved.id is not None
    conv = ConversationRepository(vault).add(
        Conversation(colleague_id=saved.id, held_on=date(2024, 2, 3), summary="rota")
    )
    search = Search(vault)
    assert search.record_ids("Finch", RecordKind.CONVERSATION) == [conv.id]
    saved.pseudonym = "Wren"
    colleagues.update(saved)
    assert search.record_ids("Finch", RecordKind.CONVERSATION) == []
    assert search.record_ids("Wren", RecordKind.CONVERSATION) == [conv.id]
    assert search.record_ids("Wren", RecordKind.COLLEAGUE) == [saved.id]


def test_delete_completely_removes_a_new_conversation_draft_about_them(vault: Vault) -> None:
    from peerdesk.models import Draft, RecordKind
    from peerdesk.storage.drafts import DraftRepository

    colleagues = ColleagueRepository(vault)
    drafts = DraftRepository(vault)
    gone = colleagues.add(Colleague(pseudonym="Gone"))
    kept = colleagues.add(Colleague(pseudonym="Kept"))
    assert gone.id is not None and kept.id is not None
    drafts.save(
        Draft(
            record_kind=RecordKind.CONVERSATION,
            record_id=None,
            payload={"colleague_id": gone.id, "summary": "unsaved about Gone"},
        )
    )
    colleagues.delete_completely(gone.id)
    assert drafts.load(RecordKind.CONVERSATION, None) is None
    drafts.save(
        Draft(
            record_kind=RecordKind.CONVERSATION,
            record_id=None,
            payload={"colleague_id": kept.id, "summary": "unsaved about Kept"},
        )
    )
    other = colleagues.add(Colleague(pseudonym="Other"))
    assert other.id is not None
    colleagues.delete_completely(other.id)
    assert drafts.load(RecordKind.CONVERSATION, None) is not None
