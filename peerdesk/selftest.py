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

import ctypes
import hashlib
import importlib
import importlib.util
import os
import struct
import sys
import tempfile
import zlib
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from peerdesk import paths

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
    "cleanup",
)


class SelfTestError(Exception):
    """A check did not hold (the message is never printed)."""


def _check(condition: bool, what: str) -> None:
    if not condition:
        raise SelfTestError(what)


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
        _check(target.parent == self.folder, "the vault is outside the temporary folder")
        self.vault = Vault.create(target, PASSPHRASE)
        _check(self._vault().is_open, "the new vault is not open")

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
        _check(bool(strategies) and bool(resources), "the built-in content is empty")
        install_builtin_content(self._vault())
        _check(
            StrategyRepository(self._vault()).count() >= len(strategies),
            "the built-in strategies were not installed",
        )
        _check(
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
        _check(
            stored.quotes and stored.quotes[0].text.startswith("Is this"),
            "the quote did not come back",
        )
        # A second save appends a revision to the chain that the integrity step verifies.
        stored.my_response = "I said I would follow up by email."
        repo.update(stored)
        _check(len(repo.revisions(incident.id)) == 2, "the amendment made no revision")

    def step_attachment(self) -> None:
        from peerdesk.storage.attachments import AttachmentRepository

        repo = AttachmentRepository(self._vault())
        data = tiny_png()
        added = repo.add(
            self.ids["incident"], "screenshot.png", data, description="A tiny generated picture"
        )
        assert added.id is not None
        _check(added.media_type == "image/png", "the PNG was not recognised")
        _check(repo.read_bytes(added.id) == data, "the attachment did not come back intact")
        _check(added.sha256 == hashlib.sha256(data).hexdigest(), "the attachment hash is wrong")
        _check(repo.verify(added.id), "the attachment failed verification")

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
        _check(repo.get(colleague.id).real_name == "", "the real name is shown by default")
        _check(
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
        _check(
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
        _check(len(repo.uses(strategy.id)) == 1, "the strategy use did not come back")

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
        _check(
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
            _check((RecordKind(kind), self.ids[kind]) in found, f"search missed the {kind}")
        # The colleague's real name is kept apart: it must never be searchable.
        _check(not search.search("Realname"), "the real name is searchable")

    def step_integrity(self) -> None:
        from peerdesk.storage.incidents import IncidentRepository

        vault = self._vault()
        _check(vault.integrity_problems() == [], "the vault failed an integrity check")
        history = IncidentRepository(vault).verify_history()
        _check(history.ok and history.checked == 1, "the revision chain did not verify")

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
            _check(IncidentRepository(copy).count() == 1, "the backup lost the journal entry")
        _check(b"Marrowbridge" not in written.read_bytes(), "the backup is not encrypted")

    def step_pdf(self) -> None:
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        from reportlab.pdfgen import canvas

        from peerdesk.resources import resource_path

        font = resource_path("fonts", "DejaVuSans.ttf")
        _check(font.is_file(), "the bundled font is missing")
        _check(
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
        _check(data.startswith(b"%PDF-"), "the PDF has no PDF header")
        _check(data.rstrip().endswith(b"%%EOF"), "the PDF has no end marker")
        _check(b"DejaVuSans" in data, "the PDF does not embed the bundled font")
        _check(
            data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") >= 1, "the PDF has no page"
        )
        # Right-to-left text is shaped through HarfBuzz (uharfbuzz) in the export code.
        from peerdesk.export import pdfkit

        _check(pdfkit.shaping_available(), "right-to-left shaping (uharfbuzz) is missing")
        _check(
            importlib.util.find_spec("_rl_accel") is not None,
            "reportlab's accelerator (rl_accel) is missing",
        )
        shaped, pages = pdfkit.render_pdf(
            [pdfkit.para("مرحبا שלום", pdfkit.styles().body)], title="PeerDesk self-test"
        )
        _check(pages == 1 and shaped.startswith(b"%PDF-"), "shaped text could not be laid out")

    def step_preview(self) -> None:
        """The report preview draws pages with PDFium (pypdfium2) from memory."""
        from peerdesk.export.preview import PdfPreview

        preview = PdfPreview((self.folder / "self-test.pdf").read_bytes())
        try:
            _check(preview.page_count == 1, "the preview does not see the page")
            page = preview.render(0, 36.0)
            _check(page.width > 200 and page.height > 300, "the preview page is too small")
            pixels = page.rgb[: page.stride * page.height]
            _check(min(pixels) < 128 < max(pixels), "the preview page has no text on it")
        finally:
            preview.close()

    # -- the installation ----------------------------------------------------------------------

    def step_keyring(self) -> None:
        # Import only: nothing is stored in, read from or even asked of a keyring.
        from importlib import metadata

        from peerdesk.storage.keystore import TRUSTED_BACKENDS

        names = {ep.name for ep in metadata.entry_points(group="keyring.backends")}
        _check(
            {"SecretService", "KWallet", "macOS", "Windows", "chainer"} <= names,
            "the keyring backends are not registered",
        )
        for qualified in sorted(TRUSTED_BACKENDS):
            module_name, _, class_name = qualified.rpartition(".")
            module = importlib.import_module(module_name)
            _check(
                isinstance(getattr(module, class_name, None), type),
                "a trusted keyring backend is missing",
            )
        for module_name in (
            "keyring.backends.chainer",
            "keyring.backends.fail",
            "keyring.backends.null",
        ):
            importlib.import_module(module_name)
        if sys.platform.startswith("linux"):
            importlib.import_module("secretstorage")
            importlib.import_module("jeepney")

    def step_modules(self) -> None:
        # Every module of PeerDesk imports (the GUI's too): nothing is missing from a bundle.
        import pkgutil

        import peerdesk

        names = [m.name for m in pkgutil.walk_packages(peerdesk.__path__, "peerdesk.")]
        for name in names:
            if name.endswith(".__main__") or name.startswith("peerdesk._resources"):
                continue  # __main__ would start PeerDesk; _resources holds no code
            importlib.import_module(name)
        _check(
            {"peerdesk.cli", "peerdesk.app", "peerdesk.ui.shell.main_window"} <= set(names),
            "modules are missing",
        )

    def step_qt(self) -> None:
        from PySide6 import QtSvg, QtWidgets  # noqa: F401  (the import is the check)
        from PySide6.QtCore import QLibraryInfo, QSize
        from PySide6.QtGui import QImageReader

        app = QtWidgets.QApplication.instance()
        if app is None:
            # No window: the offscreen platform, whatever the desktop is.
            app = QtWidgets.QApplication(["peerdesk", "-platform", "offscreen"])
        formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
        _check({"png", "jpeg", "svg"} <= formats, "an image format plugin is missing")

        from peerdesk.ui.common.icons import ICON_SIZES, app_icon

        icon = app_icon()
        _check(not icon.isNull(), "the application icon did not load")
        for size in (ICON_SIZES[0], ICON_SIZES[-1]):
            _check(icon.pixmap(QSize(size, size)).width() == size, "an icon size is missing")
        plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
        _check_platform_plugins([plugins, *map(Path, QtWidgets.QApplication.libraryPaths())])

    # -- running -----------------------------------------------------------------------------

    def close(self) -> None:
        if self.vault is not None and self.vault.is_open:
            self.vault.close()


def _platform_plugin_names() -> tuple[str, ...]:
    if sys.platform.startswith("linux"):
        return ("xcb", "wayland", "offscreen")
    if sys.platform == "darwin":
        return ("cocoa", "offscreen")
    if sys.platform == "win32":
        return ("windows", "offscreen")
    return ("offscreen",)


def _check_platform_plugins(folders: list[Path]) -> None:
    """The desktop's platform plugins are present, and on Linux xcb's libraries resolve."""
    found: dict[str, Path] = {}
    for folder in folders:
        platforms = folder / "platforms"
        if not platforms.is_dir():
            continue
        for plugin in platforms.iterdir():
            stem = plugin.name.lower().removeprefix("lib").removeprefix("q")
            for name in _platform_plugin_names():
                if stem.startswith(name):
                    found.setdefault(name, plugin)
    _check(set(_platform_plugin_names()) <= set(found), "a Qt platform plugin is missing")
    if sys.platform.startswith("linux"):
        # Loading the library (not the platform) proves every library it links to is there;
        # xcb is what a desktop session without Wayland starts with.
        ctypes.CDLL(str(found["xcb"]))


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
        _check(not folder.exists(), "the temporary folder is still there")
        say(f"ok {step}")
    except Exception as exc:
        say(f"self-test failed at {step}: {type(exc).__name__}")
        return 1
    finally:
        paths.set_data_dir(previous)
    say("self-test passed")
    return 0


__all__ = ["STEPS", "SelfTestError", "run_self_test", "tiny_png"]
