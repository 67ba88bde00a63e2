"""What ``bench_scale.py`` measures: each measure is PeerDesk's own call beside a floor, the
plainest SQLCipher work that reads the same data (or writes the same copy).

The screens' reads are measured through the functions those screens call (the storage and
model part; painting is not measured here). ``screen_reads`` is also what the memory child
process runs.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import sqlcipher3

from peerdesk.demo import DEMO_ANCHOR
from peerdesk.models.enums import IncidentCategory, RecordKind
from peerdesk.storage.colleagues import ColleagueRepository
from peerdesk.storage.conversations import ConversationRepository
from peerdesk.storage.incidents import IncidentFilter, IncidentRepository
from peerdesk.storage.repository import Page
from peerdesk.storage.search import Search, match_query
from peerdesk.storage.vault import Vault

#: A word every demo narrative can hold, and one category and tag the demo data uses.
SEARCH_WORD = "meeting"
CATEGORY = IncidentCategory.VERBAL_ABUSE
TODAY = DEMO_ANCHOR
#: Home shows follow-ups due within this many days (peerdesk.ui.shell.home.UPCOMING_DAYS).
HOME_DAYS = 7
#: Home lists this many lines besides drafts (peerdesk.ui.shell.home.HOME_MOST).
HOME_MOST = 50


@dataclass
class Context:
    path: Path
    passphrase: str
    vault: Vault
    raw: sqlcipher3.Connection
    scratch: Path
    tag: str


@dataclass(frozen=True)
class Measure:
    name: str
    run: Callable[[Context], Any]
    floor: Callable[[Context], Any]
    floor_name: str
    #: Run each once, untimed, before the timed rounds (page cache, imports). A backup writes
    #: a new file each time: nothing to warm, and at 50,000 entries each run takes long.
    warm: bool = True


def raw_connection(path: Path, passphrase: str) -> sqlcipher3.Connection:
    """The floor's connection: keyed, verified with one read, memory temp store."""
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.set_key(passphrase)
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return conn


def _all(ctx: Context, sql: str, params: tuple[object, ...] = ()) -> list[Any]:
    return list(ctx.raw.execute(sql, params).fetchall())


# -- open ----------------------------------------------------------------------------------


def open_vault(ctx: Context) -> None:
    ctx.vault.close()
    ctx.vault = Vault.open(ctx.path, ctx.passphrase)
    incidents = IncidentRepository(ctx.vault)
    incidents.count()
    incidents.list(page=_first_page())


def _first_page() -> Page:
    return Page(offset=0, limit=100)


def open_raw(ctx: Context) -> None:
    conn = raw_connection(ctx.path, ctx.passphrase)
    conn.execute("SELECT count(*) FROM incidents").fetchone()
    conn.execute(
        "SELECT id, event_date, title FROM incidents ORDER BY event_date DESC LIMIT 100"
    ).fetchall()
    conn.close()


# -- Patterns ---------------------------------------------------------------------------------


def patterns(ctx: Context) -> Any:
    from peerdesk.ui.journal.patterns import load_pattern_data  # the screen's worker function

    return load_pattern_data(ctx.vault)


def patterns_raw(ctx: Context) -> Any:
    """The same rows the Patterns read takes (schema v7: the list keys' covering index and the
    mirrored dates), in the same order, as raw tuples: what is left is PeerDesk's own work."""
    return (
        _all(
            ctx,
            "SELECT id, event_date, severity, reported, after_complaint, title FROM incidents "
            "INDEXED BY incidents_list_keys "
            "WHERE id NOT IN (SELECT id FROM incidents WHERE withdrawn = 1) "
            "ORDER BY event_date DESC, event_time DESC, id DESC",
        ),
        _all(ctx, "SELECT incident_id, person_id FROM incident_people"),
        _all(ctx, "SELECT incident_id, category FROM incident_categories"),
        _all(ctx, "SELECT incident_id, kind, day FROM incident_dates"),
        _all(ctx, "SELECT id, display_name FROM persons"),
    )


# -- check ------------------------------------------------------------------------------------


def check(ctx: Context) -> Any:
    report = IncidentRepository(ctx.vault).verify_history()
    assert report.ok, report.summary()
    return report


def check_raw(ctx: Context) -> Any:
    return (
        _all(
            ctx,
            "SELECT incident_id, number, saved_at, payload, prev_hash, hash "
            "FROM incident_revisions ORDER BY incident_id, number",
        ),
        _all(
            ctx,
            "SELECT id, record_number, revision_count, recorded_at, content "
            "FROM incidents ORDER BY record_number",
        ),
    )


# -- search and the journal's filters --------------------------------------------------------


def search_ids(ctx: Context) -> Any:
    return Search(ctx.vault).record_ids(SEARCH_WORD, RecordKind.INCIDENT)


def search_ids_raw(ctx: Context) -> Any:
    return _all(
        ctx,
        "SELECT rowid FROM search_index WHERE search_index MATCH ?",
        (match_query(SEARCH_WORD),),
    )


def search_hits(ctx: Context) -> Any:
    return Search(ctx.vault).search(SEARCH_WORD, limit=50)


def search_hits_raw(ctx: Context) -> Any:
    return _all(
        ctx,
        "SELECT rowid, title FROM search_index WHERE search_index MATCH ? ORDER BY rank LIMIT 50",
        (match_query(SEARCH_WORD),),
    )


def _filter_ids(where: IncidentFilter) -> Callable[[Context], Any]:
    def run(ctx: Context) -> Any:
        return IncidentRepository(ctx.vault).ids(where)

    return run


def category_raw(ctx: Context) -> Any:
    return _all(
        ctx, "SELECT incident_id FROM incident_categories WHERE category = ?", (CATEGORY.value,)
    )


def tag_filter(ctx: Context) -> Any:
    return IncidentRepository(ctx.vault).ids(IncidentFilter(tags=frozenset({ctx.tag})))


def tag_raw(ctx: Context) -> Any:
    return _all(ctx, "SELECT incident_id FROM incident_tags WHERE tag = ?", (ctx.tag,))


DATE_FROM = TODAY - timedelta(days=90)


def dates_raw(ctx: Context) -> Any:
    return _all(
        ctx,
        "SELECT id FROM incidents WHERE event_date BETWEEN ? AND ?",
        (DATE_FROM.isoformat(), TODAY.isoformat()),
    )


# -- Home and Colleagues (storage side) ------------------------------------------------------


def home_attention(ctx: Context) -> Any:
    conversations = ConversationRepository(ctx.vault)
    colleagues = ColleagueRepository(ctx.vault)
    return (
        conversations.follow_ups(
            due_before=TODAY + timedelta(days=HOME_DAYS), today=TODAY, limit=HOME_MOST
        ),
        conversations.count_follow_ups(TODAY + timedelta(days=HOME_DAYS)),
        colleagues.expired(TODAY),
    )


def home_raw(ctx: Context) -> Any:
    return (
        _all(
            ctx,
            "SELECT c.id, c.colleague_id, k.pseudonym, c.held_on, c.follow_up_due "
            "FROM conversations c JOIN colleagues k ON k.id = c.colleague_id "
            "WHERE c.follow_up_due <= ? AND c.follow_up_done = 0 "
            "ORDER BY c.follow_up_due, c.held_on, c.id LIMIT ?",
            ((TODAY + timedelta(days=HOME_DAYS)).isoformat(), HOME_MOST),
        ),
        _all(
            ctx,
            "SELECT count(*) FROM conversations WHERE follow_up_due <= ? AND follow_up_done = 0",
            ((TODAY + timedelta(days=HOME_DAYS)).isoformat(),),
        ),
        _all(ctx, "SELECT id, pseudonym, last_contact, retention_months FROM colleagues"),
    )


def colleagues_lists(ctx: Context) -> Any:
    """What the Colleagues screen's on_opened reads: the colleague list with each one's next
    follow-up, the open follow-ups, the expired colleagues, the statistics of the year."""
    conversations = ConversationRepository(ctx.vault)
    colleagues = ColleagueRepository(ctx.vault)
    return (
        conversations.follow_ups(include_done=False, today=TODAY),  # the colleague rows' dates
        colleagues.list(),
        conversations.follow_ups(include_done=False, today=TODAY),  # the follow-up tab
        colleagues.expired(TODAY),
        conversations.statistics(date(TODAY.year, 1, 1), TODAY),
    )


def colleagues_raw(ctx: Context) -> Any:
    return (
        _all(
            ctx,
            "SELECT c.id, c.colleague_id, k.pseudonym, c.held_on, c.follow_up_due "
            "FROM conversations c JOIN colleagues k ON k.id = c.colleague_id "
            "WHERE c.follow_up_due IS NOT NULL AND c.follow_up_done = 0",
        ),
        _all(ctx, "SELECT * FROM colleagues"),
        _all(
            ctx,
            "SELECT held_on, themes FROM conversations WHERE held_on BETWEEN ? AND ?",
            (date(TODAY.year, 1, 1).isoformat(), TODAY.isoformat()),
        ),
    )


_APP: Any = None  # the QApplication the screen measure needs, made on first use


def colleagues_screen(ctx: Context) -> Any:
    """The Colleagues screen's first show, as the main window does it when the peer supporter
    first opens it: the screen is built and shown, reads its data (``on_opened``) and paints
    once; then it is closed as at a lock (untimed work is none: all of it is counted)."""
    global _APP
    from PySide6.QtWidgets import QApplication

    from peerdesk.ui.common.session import VaultSession
    from peerdesk.ui.supporter.screen import ColleaguesScreen

    _APP = QApplication.instance() or QApplication([])
    session = VaultSession()
    session.adopt(ctx.vault)
    screen = ColleaguesScreen(session, today=lambda: TODAY)
    screen.resize(1100, 800)
    screen.show()
    screen.on_opened()
    screen.repaint()
    _APP.processEvents()
    rows = (screen.colleague_model.rowCount(), screen.follow_model.rowCount())
    screen.on_closing()
    screen.close()
    screen.deleteLater()
    _APP.processEvents()
    return rows


def colleagues_screen_raw(ctx: Context) -> Any:
    """The rows that screen shows: the open follow-ups with pseudonyms, and the colleagues."""
    return (
        _all(
            ctx,
            "SELECT c.id, c.colleague_id, k.pseudonym, c.held_on, c.follow_up_due, "
            "c.follow_up_done, c.follow_up_done_on FROM conversations c "
            "JOIN colleagues k ON k.id = c.colleague_id "
            "WHERE c.follow_up_due IS NOT NULL AND c.follow_up_done = 0 "
            "ORDER BY c.follow_up_due, c.held_on, c.id",
        ),
        _all(ctx, "SELECT * FROM colleagues ORDER BY pseudonym"),
    )


# -- backup -------------------------------------------------------------------------------------


def backup(ctx: Context) -> None:
    from peerdesk.storage.backup import export_to

    target = ctx.scratch / "backup.vault"
    export_to(ctx.vault, target)
    target.unlink()


def backup_raw(ctx: Context) -> None:
    target = ctx.scratch / "raw-backup.vault"
    ctx.raw.execute("ATTACH DATABASE ? AS bk KEY ?", (str(target), ctx.passphrase))
    ctx.raw.execute("SELECT sqlcipher_export('bk')").fetchall()
    ctx.raw.execute("DETACH DATABASE bk")
    target.unlink()


def measures() -> list[Measure]:
    dates = IncidentFilter(date_from=DATE_FROM, date_to=TODAY)
    category = IncidentFilter(categories=frozenset({CATEGORY}))
    return [
        Measure("open + first page", open_vault, open_raw, "raw open + same reads"),
        Measure("Patterns data", patterns, patterns_raw, "raw same reads (v7)"),
        Measure("check (history)", check, check_raw, "raw revision rows"),
        Measure("search ids (journal)", search_ids, search_ids_raw, "raw MATCH rowids"),
        Measure("search 50 hits + snippets", search_hits, search_hits_raw, "raw MATCH top 50"),
        Measure("filter: category", _filter_ids(category), category_raw, "raw category rows"),
        Measure("filter: tag", tag_filter, tag_raw, "raw tag rows"),
        Measure("filter: last 90 days", _filter_ids(dates), dates_raw, "raw date range"),
        Measure("Home attention", home_attention, home_raw, "raw follow-up rows"),
        Measure("Colleagues lists", colleagues_lists, colleagues_raw, "raw same rows"),
        Measure(
            "Colleagues screen first show",
            colleagues_screen,
            colleagues_screen_raw,
            "raw same rows",
        ),
        Measure("backup (verified)", backup, backup_raw, "raw sqlcipher_export", warm=False),
    ]


def make_context(path: Path, passphrase: str) -> Context:
    vault = Vault.open(path, passphrase)
    raw = raw_connection(path, passphrase)
    row = raw.execute(
        "SELECT tag FROM incident_tags GROUP BY tag ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    scratch = Path(tempfile.mkdtemp(prefix="peerdesk-bench-"))
    return Context(path, passphrase, vault, raw, scratch, row[0] if row else "none")


def close_context(ctx: Context) -> None:
    ctx.vault.close()
    ctx.raw.close()
    shutil.rmtree(ctx.scratch, ignore_errors=True)


def home_first_reads_raw(conn: sqlcipher3.Connection) -> Any:
    """What Home reads when the vault opens (the unlock floor), with plain SQL: the capture
    draft, the follow-ups due soon, the colleagues (for their retention), the drafts."""
    horizon = (date.today() + timedelta(days=HOME_DAYS)).isoformat()
    return (
        conn.execute("SELECT * FROM drafts").fetchall(),
        conn.execute(
            "SELECT c.id, c.colleague_id, k.pseudonym, c.held_on, c.follow_up_due "
            "FROM conversations c JOIN colleagues k ON k.id = c.colleague_id "
            "WHERE c.follow_up_due <= ? AND c.follow_up_done = 0 "
            "ORDER BY c.follow_up_due, c.held_on, c.id LIMIT ?",
            (horizon, HOME_MOST),
        ).fetchall(),
        conn.execute(
            "SELECT count(*) FROM conversations WHERE follow_up_due <= ? AND follow_up_done = 0",
            (horizon,),
        ).fetchall(),
        conn.execute(
            "SELECT id, pseudonym, last_contact, retention_months FROM colleagues"
        ).fetchall(),
    )


def screen_reads_raw(conn: sqlcipher3.Connection) -> dict[str, Callable[[], Any]]:
    """The floor of each screen's first show (``scale_children.raw_screens``): the rows it
    shows, read with plain SQL on an open raw connection."""
    ctx = Context(Path(), "", None, conn, Path(), "")  # type: ignore[arg-type]

    def journal() -> Any:
        return (
            _all(ctx, "SELECT count(*) FROM incidents"),
            _all(
                ctx,
                "SELECT id, event_date, title FROM incidents ORDER BY event_date DESC LIMIT 100",
            ),
        )

    return {
        "journal": journal,
        "people": lambda: _all(ctx, "SELECT * FROM persons ORDER BY display_name"),
        "patterns": lambda: patterns_raw(ctx),
        "colleagues": lambda: colleagues_screen_raw(ctx),
        "library": lambda: (
            _all(ctx, "SELECT * FROM strategies"),
            _all(ctx, "SELECT * FROM strategy_uses"),
        ),
        "resources": lambda: _all(ctx, "SELECT * FROM resources"),
    }
