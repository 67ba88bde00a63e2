"""``peerdesk --self-test``: a headless check that this installation works end to end.

It proves that a wheel or a frozen bundle carries everything PeerDesk needs (SQLCipher, the
built-in content, the fonts, the icons, the keyring backends, Qt and its plugins), without a
window and without touching the user's data or keyring:

- everything happens in a new temporary folder that becomes the data folder for the duration
  (:func:`peerdesk.paths.set_data_dir`) and is removed afterwards, whatever happens;
- the vault, the records, the backup and the PDF are made up here and never leave that folder;
- the keyring backends are imported, never asked to store or read anything;
- Qt runs on the offscreen platform and creates no window.

Each step prints ``ok <step>``; the end is ``self-test passed`` and exit code 0. A failure prints
``self-test failed at <step>: <ExceptionType>`` (never a message, which could hold content or
a path) and returns 1.
"""

from __future__ import annotations

import hashlib
import os
import struct
import tempfile
import zlib
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from peerdesk import paths
from peerdesk.selftest_install import (
    SelfTestError,
    check_keyring,
    check_modules,
    check_pdf_libraries,
    check_qt,
    check_that,
    check_translations,
)

if TYPE_CHECKING:
    from peerdesk.storage.vault import Vault

#: The passphrase of the throwaway vault (with characters that have broken key handling before).
PASSPHRASE = "self-test: Grüße ' \" ; -- é"  # noqa: S105 - a throwaway, public on purpose
#: Words planted in one record of each kind, so that search must find exactly that record.
WORDS = {
    "person": "Quillfeather",
    "incident": "Marrowbridge",
    "colleague": "Tamarisk",
    "conversation": "Lanternfish",
    "strategy": "Pinecone",
    "resource": "Harbourlight",
}
PDF_LINES = (
    "PeerDesk self-test",
    "Grüße Ελληνικά Кириллица",
    "Nothing here leaves this computer.",
)

STEPS = (
    "vault",
    "content",
    "person",
    "incident",
    "attachment",
    "colleague",
    "resource",
    "conversation",
    "strategy",
    "draft",
    "search",
    "integrity",
    "backup",
    "pdf",
    "preview",
    "keyring",
    "modules",
    "qt",
    "translations",
    "cleanup",
)


def tiny_png(width: int = 4, height: int = 3) -> bytes:
    """A valid RGB PNG, made here so the attachment step needs no file."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes((40, 120, 110)) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


class _Run:
    """The state shared by the steps of one self-test."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.vault: Vault | None = None
        self.ids: dict[str, int] = {}

    # -- vault and records -----------------------------------------------------------------------

    def step_vault(self) -> None:
        from peerdesk.storage.vault import Vault

        paths.ensure_private_dir(paths.data_dir())
        target = paths.default_vault_path()
        check_that(target.parent == self.folder, "the vault is outside the temporary folder")
        self.vault = Vault.create(target, PASSPHRASE)
        check_that(self._vault().is_open, "the new vault is not open")

    def _vault(self) -> Vault:
        if self.vault is None:
            raise SelfTestError("no vault")
        return self.vault

    def step_content(self) -> None:
        from peerdesk.content import (
            install_builtin_content,
            load_builtin_resources,
            load_builtin_strategies,
        )
        from peerdesk.storage.directory import ResourceRepository
        from peerdesk.storage.library import StrategyRepository

        strategies = load_builtin_strategies()
        resources = load_builtin_resources()
        check_that(bool(strategies) and bool(resources), "the built-in content is empty")
        install_builtin_content(self._vault())
        check_that(
            StrategyRepository(self._vault()).count() >= len(strategies),
            "the built-in strategies were not installed",
        )
        check_that(
            ResourceRepository(self._vault()).count() >= len(resources),
            "the built-in resources were not installed",
        )

    def step_person(self) -> None:
        from peerdesk.models import Person, Relationship
        from peerdesk.storage.persons import PersonRepository

        person = PersonRepository(self._vault()).add(
            Person(
                display_name=f"J. {WORDS['person']}",
                role="Team lead",
                relationship=Relationship.MANAGER,
                holds_power=True,
            )
        )
        assert person.id is not None
        self.ids["person"] = person.id

    def step_incident(self) -> None:
        from peerdesk.models import (
            Channel,
            Incident,
            IncidentCategory,
            IncidentPerson,
            Quote,
        )
        from peerdesk.storage.incidents import IncidentRepository

        repo = IncidentRepository(self._vault())
        person = self.ids["person"]
        incident = repo.add(
            Incident(
                event_date=date(2026, 3, 2),
                channel=Channel.MEETING,
                place="Weekly meeting",
                people=[IncidentPerson(person_id=person, role_in_incident="said it")],
                categories={IncidentCategory.PUBLIC_HUMILIATION},
                title="Criticised in front of the team",
                narrative=(
                    f"During the {WORDS['incident']} review my report was held up and mocked."
                ),
                quotes=[
                    Quote(speaker_person_id=person, text="Is this really the best you can do?")
                ],
                severity=3,
            )
        )
        assert incident.id is not None
        self.ids["incident"] = incident.id
        stored = repo.get(incident.id)
        check_that(
            bool(stored.quotes) and stored.quotes[0].text.startswith("Is this"),
            "the quote did not come back",
        )
        # A second save appends a revision to the chain that the integrity step verifies.
        stored.my_response = "I said I would follow up by email."
        repo.update(stored)
        check_that(len(repo.revisions(incident.id)) == 2, "the amendment made no revision")

    def step_attachment(self) -> None:
        from peerdesk.storage.attachments import AttachmentRepository

        repo = AttachmentRepository(self._vault())
        data = tiny_png()
        added = repo.add(
            self.ids["incident"], "screenshot.png", data, description="A tiny generated picture"
        )
        assert added.id is not None
        check_that(added.media_type == "image/png", "the PNG was not recognised")
        check_that(repo.read_bytes(added.id) == data, "the attachment did not come back intact")
        check_that(added.sha256 == hashlib.sha256(data).hexdigest(), "the attachment hash is wrong")
        check_that(repo.verify(added.id), "the attachment failed verification")

    def step_colleague(self) -> None:
        from peerdesk.models import Colleague, Consent
        from peerdesk.storage.colleagues import ColleagueRepository

        repo = ColleagueRepository(self._vault())
        colleague = repo.add(
            Colleague(
                pseudonym=WORDS["colleague"],
                real_name="Robin Example-Realname",
                consent=Consent(
                    may_record="Dates and short notes",
                    may_share="Nothing",
                    recorded_on=date(2026, 3, 1),
                ),
                retention_months=12,
            )
        )
        assert colleague.id is not None
        self.ids["colleague"] = colleague.id
        check_that(repo.get(colleague.id).real_name == "", "the real name is shown by default")
        check_that(
            repo.real_name(colleague.id) == "Robin Example-Realname",
            "the real name did not come back",
        )

    def step_resource(self) -> None:
        from peerdesk.models import Resource, ResourceKind
        from peerdesk.storage.directory import ResourceRepository

        resource = ResourceRepository(self._vault()).add(
            Resource(
                name=f"{WORDS['resource']} counselling",
                kind=ResourceKind.EXTERNAL,
                contact="0000 000 000",
                notes="Own entry",
                country="GB",
            )
        )
        assert resource.id is not None
        self.ids["resource"] = resource.id

    def step_conversation(self) -> None:
        from peerdesk.models import (
            Channel,
            Conversation,
            ConversationTheme,
            FollowUp,
            Referral,
            ResourceKind,
        )
        from peerdesk.storage.conversations import ConversationRepository

        repo = ConversationRepository(self._vault())
        conversation = repo.add(
            Conversation(
                colleague_id=self.ids["colleague"],
                held_on=date(2026, 3, 3),
                duration_minutes=30,
                channel=Channel.IN_PERSON,
                themes={ConversationTheme.BULLYING},
                summary=f"Talked about the {WORDS['conversation']} project and options.",
                actions_agreed="Meet again in two weeks.",
                referrals=[
                    Referral(
                        resource_id=self.ids["resource"],
                        kind=ResourceKind.EXTERNAL,
                        note="Shared the number",
                    )
                ],
                follow_up=FollowUp(due=date(2026, 3, 17)),
            )
        )
        assert conversation.id is not None
        self.ids["conversation"] = conversation.id
        back = repo.get(conversation.id)
        check_that(
            len(back.referrals) == 1 and back.follow_up is not None,
            "the referral or follow-up did not come back",
        )

    def step_strategy(self) -> None:
        from peerdesk.models import Strategy, StrategyCategory, StrategySource, StrategyUse
        from peerdesk.storage.library import StrategyRepository

        repo = StrategyRepository(self._vault())
        strategy = repo.add(
            Strategy(
                title=f"{WORDS['strategy']} walk",
                category=next(iter(StrategyCategory)),
                steps=["Walk round the block", "Breathe out slowly"],
                source=StrategySource.OWN,
            )
        )
        assert strategy.id is not None
        self.ids["strategy"] = strategy.id
        repo.record_use(
            StrategyUse(
                strategy_id=strategy.id,
                rating=3,
                used_at=datetime(2026, 3, 2, 19, 0, tzinfo=UTC),
                incident_id=self.ids["incident"],
            )
        )
        check_that(len(repo.uses(strategy.id)) == 1, "the strategy use did not come back")

    def step_draft(self) -> None:
        from peerdesk.models import Draft, RecordKind
        from peerdesk.storage.drafts import DraftRepository

        repo = DraftRepository(self._vault())
        repo.save(
            Draft(
                record_kind=RecordKind.INCIDENT,
                record_id=None,
                payload={"title": "Half-written", "narrative": "To be continued"},
            )
        )
        loaded = repo.load(RecordKind.INCIDENT, None)
        check_that(
            loaded is not None and loaded.payload.get("title") == "Half-written",
            "the draft did not come back",
        )

    # -- reading back ------------------------------------------------------------------------

    def step_search(self) -> None:
        from peerdesk.models import RecordKind
        from peerdesk.storage.search import Search

        search = Search(self._vault())
        for kind, word in WORDS.items():
            hits = search.search(word.lower())
            found = {(hit.kind, hit.record_id) for hit in hits}
            check_that((RecordKind(kind), self.ids[kind]) in found, f"search missed the {kind}")
        # The colleague's real name is kept apart: it must never be searchable.
        check_that(not search.search("Realname"), "the real name is searchable")

    def step_integrity(self) -> None:
        from peerdesk.storage.incidents import IncidentRepository

        vault = self._vault()
        check_that(vault.integrity_problems() == [], "the vault failed an integrity check")
        history = IncidentRepository(vault).verify_history()
        check_that(history.ok and history.checked == 1, "the revision chain did not verify")

    def step_backup(self) -> None:
        from peerdesk.storage.backup import export_to
        from peerdesk.storage.backup_files import backup_name, verify_file
        from peerdesk.storage.incidents import IncidentRepository
        from peerdesk.storage.vault import Vault

        vault = self._vault()
        folder = paths.backups_dir()
        paths.ensure_private_dir(folder, tighten_existing=False)
        written = export_to(vault, folder / backup_name(vault.path, "manual"))
        verify_file(written, PASSPHRASE)
        with Vault.open(written, PASSPHRASE, backup_dir=folder) as copy:
            check_that(IncidentRepository(copy).count() == 1, "the backup lost the journal entry")
        check_that(b"Marrowbridge" not in written.read_bytes(), "the backup is not encrypted")

    def step_pdf(self) -> None:
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        from reportlab.pdfgen import canvas

        from peerdesk.resources import resource_path

        font = resource_path("fonts", "DejaVuSans.ttf")
        check_that(font.is_file(), "the bundled font is missing")
        check_that(
            resource_path("fonts", "DroidSansFallbackFull.ttf").is_file(),
            "the bundled Chinese/Japanese font is missing",
        )
        # Its own registered name, so as not to replace the export code's "DejaVuSans"; the
        # PDF names the embedded font by the font file's own name, DejaVuSans.
        pdfmetrics.registerFont(TTFont("PeerDeskSelfTestSans", str(font)))
        out = self.folder / "self-test.pdf"
        page = canvas.Canvas(str(out), pagesize=A4, invariant=True)
        page.setTitle("PeerDesk self-test")
        page.setFont("PeerDeskSelfTestSans", 12)
        y = A4[1] - 72
        for line in PDF_LINES:
            page.drawString(72, y, line)
            y -= 18
        page.showPage()
        page.save()
        data = out.read_bytes()
        check_that(data.startswith(b"%PDF-"), "the PDF has no PDF header")
        check_that(data.rstrip().endswith(b"%%EOF"), "the PDF has no end marker")
        check_that(b"DejaVuSans" in data, "the PDF does not embed the bundled font")
        check_that(
            data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") >= 1, "the PDF has no page"
        )
        check_pdf_libraries()
        from peerdesk.models.dates import long_date  # month names from Babel's CLDR data

        check_that(long_date(date(2026, 3, 3)) == "3 March 2026", "month names are missing")

    def step_preview(self) -> None:
        """The report preview draws pages with PDFium (pypdfium2) from memory."""
        from peerdesk.export.preview import PdfPreview

        preview = PdfPreview((self.folder / "self-test.pdf").read_bytes())
        try:
            check_that(preview.page_count == 1, "the preview does not see the page")
            page = preview.render(0, 36.0)
            check_that(page.width > 200 and page.height > 300, "the preview page is too small")
            pixels = page.rgb[: page.stride * page.height]
            check_that(min(pixels) < 128 < max(pixels), "the preview page has no text on it")
        finally:
            preview.close()

    # -- the installation ----------------------------------------------------------------------

    def step_keyring(self) -> None:
        check_keyring()

    def step_modules(self) -> None:
        check_modules()

    def step_qt(self) -> None:
        check_qt()

    def step_translations(self) -> None:
        check_translations()

    # -- running -----------------------------------------------------------------------------

    def close(self) -> None:
        if self.vault is not None and self.vault.is_open:
            self.vault.close()


def run_self_test(stream: TextIO, *, workdir: Path | None = None) -> int:
    """Run every step, printing ``ok <step>`` to ``stream``; 0 when all passed, else 1.

    ``workdir`` is where the temporary folder is made (default: the system's temporary
    folder); nothing is left in it afterwards.
    """
    previous = paths._override
    step = STEPS[0]

    def say(line: str) -> None:
        print(line, file=stream, flush=True)

    try:
        with tempfile.TemporaryDirectory(prefix="peerdesk-selftest-", dir=workdir) as tmp:
            folder = Path(tmp)
            if os.name == "posix":
                os.chmod(folder, 0o700)
            paths.set_data_dir(folder)
            run = _Run(paths.data_dir())
            try:
                for step in STEPS[:-1]:
                    action: Callable[[], None] = getattr(run, f"step_{step}")
                    action()
                    say(f"ok {step}")
                step = STEPS[-1]
            finally:
                run.close()
        check_that(not folder.exists(), "the temporary folder is still there")
        say(f"ok {step}")
    except Exception as exc:
        say(f"self-test failed at {step}: {type(exc).__name__}")
        return 1
    finally:
        paths.set_data_dir(previous)
    say("self-test passed")
    return 0


__all__ = ["STEPS", "SelfTestError", "run_self_test", "tiny_png"]
