"""The closing sections: what this version leaves out (10), the integrity appendix (11), the
note on text that could not be printed as written, and the statement of truth (12)."""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak

from peerdesk import __version__
from peerdesk.export import pdfkit
from peerdesk.export.report.context import ReportContext, utc_text
from peerdesk.i18n import N_, _, ngettext
from peerdesk.models.report import redactions


def redaction_log(c: ReportContext) -> list[Flowable]:
    lines = redactions(c.p)
    # translators: a part of the report, named in its note on unprintable text
    where = _("redaction log")
    story: list[Flowable] = [
        # translators: heading of section 10 of the report: the redaction log (what the chosen
        # recipient profile leaves out of this version)
        c.h1(10, _("What this version leaves out")),
        pdfkit.para(
            # translators: {profile} is the name of a recipient profile (e.g. "HR")
            _("This report was prepared with the profile “{profile}”.").format(
                profile=c.t(c.p.display_label)
            ),
            c.s.body,
        ),
    ]
    if lines:
        story.extend(pdfkit.para(f"• {c.t(line, where)}", c.s.body) for line in lines)
    else:
        # translators: the redaction log when the profile leaves nothing out
        story.append(pdfkit.para(_("Nothing was left out."), c.s.body))
    return story


def integrity(c: ReportContext) -> list[Flowable]:
    rows = [[str(e.incident.record_number), str(e.revision_count), e.head] for e in c.entries]
    return [
        PageBreak(),
        # translators: heading of section 11 of the report: the technical appendix with the
        # fingerprints that let a reader check the record was not changed
        c.h1(11, _("Integrity appendix")),
        c.facts(
            # translators: labels of the integrity appendix: the SHA-256 fingerprint of the
            # whole report's manifest, the number of entries, the program that wrote it, and
            # when
            [
                (_("Report fingerprint (manifest)"), c.fingerprint),
                (_("Entries"), str(len(c.entries))),
                (
                    _("Written with"),
                    # translators: {version} is PeerDesk's version number
                    _("PeerDesk {version}").format(version=__version__),
                ),
                (_("Generated"), utc_text(c.generated_at)),
            ],
            # translators: a part of the report, named in its note on unprintable text
            _("integrity"),
        ),
        pdfkit.gap(8),
        c.table(
            # translators: the integrity table's columns: an entry's record number, its number
            # of revisions, and the SHA-256 of its latest revision ("chain head" is the term
            # the check command prints; keep it recognisable)
            [
                _("Record no."),
                _("Revisions"),
                _("Fingerprint of the latest revision (chain head)"),
            ],
            rows,
            (0.14, 0.14, 0.72),
            # translators: a part of the report, named in its note on unprintable text
            _("integrity"),
        ),
        *_withdrawn_note(c),
        # translators: a subheading of the integrity appendix
        pdfkit.para(_("How to verify"), c.s.h2),
        *(pdfkit.para(_(text), c.s.body) for text in HOW_TO_VERIFY),
    ]


#: The "How to verify" paragraphs: each names something that exists and what it shows.
#: (Marked here, translated where printed; the quoted column names and commands are what
#: PeerDesk prints and must match its translation of them, "peerdesk check" stays as it is.)
HOW_TO_VERIFY = (
    # translators: a paragraph of "How to verify" in the report's integrity appendix; keep
    # “peerdesk check VAULT --verbose”, “peerdesk-manifest-v1” and the shell commands as
    # they are; quoted names of columns and buttons are PeerDesk's own (as translated)
    N_(
        "1. Chain heads. The chain head of each entry is the SHA-256 fingerprint of its latest "
        "revision, which includes the fingerprint of the revision before it. To compare, open "
        "the same journal with PeerDesk and run “peerdesk check VAULT --verbose” (VAULT is the "
        "journal's file), or press “Verify history” in the Journal. Both recompute every chain "
        "and list each entry with the columns “Record no.”, “Revisions”, “Withdrawn” and “Chain "
        "head”. “Record no.” is the number PeerDesk shows for the entry (“No.” in the journal). "
        "For each row above, the line with the same record number must show the same revisions "
        "and chain head. If the entry was changed after this report was made, it shows more "
        "revisions and a different chain head, and “History of changes” in PeerDesk lists each "
        "change."
    ),
    # translators: a paragraph of "How to verify" in the report's integrity appendix; keep
    # “peerdesk check VAULT --verbose”, “peerdesk-manifest-v1” and the shell commands as
    # they are; quoted names of columns and buttons are PeerDesk's own (as translated)
    N_(
        "2. Report fingerprint. It is the SHA-256 of the line “peerdesk-manifest-v1” followed by "
        "one line per entry, sorted by record number as text: the record number, a tab, and its "
        "chain head. It can be recomputed from the table above with any SHA-256 tool. It "
        "depends on the records only: every PDF made from the same revisions has it."
    ),
    # translators: a paragraph of "How to verify" in the report's integrity appendix; keep
    # “peerdesk check VAULT --verbose”, “peerdesk-manifest-v1” and the shell commands as
    # they are; quoted names of columns and buttons are PeerDesk's own (as translated)
    N_(
        "3. Date receipt. When this PDF was saved, PeerDesk showed a date receipt holding no "
        "content: this report fingerprint, the SHA-256 of the PDF file as saved, the number of "
        "entries and the date. If the author sent it to someone else (for example by email), "
        "that message shows this file and these records existed on that date. To check that "
        "a PDF is the file the receipt names, compute its SHA-256 (“sha256sum FILE.pdf” on "
        "Linux, “shasum -a 256 FILE.pdf” on macOS, “certutil -hashfile FILE.pdf SHA256” on "
        "Windows): it must equal the receipt's “PDF file SHA-256”. A file cannot print its own "
        "SHA-256, so that value is only in the receipt; another PDF of the same records (for "
        "another recipient, or saved again) has another file SHA-256 but the same report "
        "fingerprint."
    ),
    # translators: a paragraph of "How to verify" in the report's integrity appendix; keep
    # “peerdesk check VAULT --verbose”, “peerdesk-manifest-v1” and the shell commands as
    # they are; quoted names of columns and buttons are PeerDesk's own (as translated)
    N_(
        "4. Exhibits. Each exhibit's SHA-256 in the exhibit index can be checked the same way "
        "against the original file. Which files belong to an entry is part of its revisions; "
        "an exhibit's description is the author's label for the file, kept beside it, and is "
        "not part of any fingerprint."
    ),
    # translators: a paragraph of "How to verify" in the report's integrity appendix; keep
    # “peerdesk check VAULT --verbose”, “peerdesk-manifest-v1” and the shell commands as
    # they are; quoted names of columns and buttons are PeerDesk's own (as translated)
    N_(
        "These fingerprints show that nothing was changed after the fact without it showing. "
        "They are not a trusted third-party timestamp: only the date receipt, once it has left "
        "the device, shows when."
    ),
)


def _withdrawn_note(c: ReportContext) -> list[Flowable]:
    """How many entries of the selection the author withdrew; never their content."""
    n = c.withdrawn
    if n == 0:
        return []
    # translators: {count} is a number of journal entries the author withdrew
    text = ngettext(
        "{count} entry was withdrawn by the author as made in error; its content is not in "
        "this report.",
        "{count} entries were withdrawn by the author as made in error; their content is "
        "not in this report.",
        n,
    ).format(count=n)
    return [pdfkit.gap(6), pdfkit.para(text, c.s.body)]


def font_note(c: ReportContext) -> list[Flowable]:
    story: list[Flowable] = []
    if c.t.right_to_left:
        found = ", ".join(sorted(c.t.right_to_left))
        if pdfkit.shaping_available():
            # translators: {parts} lists the parts of the report (e.g. "cover, entry No. 3")
            text = _(
                "Some text is in a right-to-left script (such as Arabic or Hebrew). "
                "It is laid out with the Unicode bidirectional algorithm, its letters "
                "joined, and copies as typed; some programs that extract text from a "
                "PDF reorder a line that mixes directions by their own simpler rules. "
                "The journal keeps the original text. Found in: {parts}."
            ).format(parts=found)
        else:
            # translators: {parts} lists the parts of the report (e.g. "cover, entry No. 3")
            text = _(
                "Some text is in a right-to-left script (such as Arabic or Hebrew). "
                "This installation cannot shape it, so it is printed letter by letter "
                "in the order it was stored, without joining letters or reversing "
                "the line; the journal keeps the original text. Found in: "
                "{parts}."
            ).format(parts=found)
        # translators: a subheading of the note on text the report could not print as written
        story += [pdfkit.para(_("Right-to-left text"), c.s.h2), pdfkit.para(text, c.s.body)]
    if not c.t.missing:
        return story
    # translators: {part} is a part of the report, {codes} a list of Unicode code points
    some = _("{part}: {codes}")
    # translators: {part} is a part of the report, {codes} the first twelve of a longer list
    # of Unicode code points
    more = _("{part}: {codes} and others")
    lines = [
        (more if len(codes) > 12 else some).format(part=where, codes=", ".join(sorted(codes)[:12]))
        for where, codes in sorted(c.t.missing.items())
    ]
    return [
        *story,
        # translators: a subheading of the note on text the report could not print as written
        pdfkit.para(_("Characters that could not be printed"), c.s.h2),
        pdfkit.para(
            _(
                "The fonts bundled with PeerDesk cannot show some characters (for "
                "example Korean script or emoji). They are printed as "
                "their Unicode code points in square brackets, e.g. [U+D55C], so "
                "nothing is lost silently. The journal itself keeps the original "
                "text."
            ),
            c.s.body,
        ),
        *[pdfkit.para(line, c.s.small) for line in lines],
    ]


def statement(c: ReportContext) -> list[Flowable]:
    s = c.s
    line = "_" * 44
    return [
        pdfkit.keep_together(
            [
                # translators: heading of section 12 of the report: the author's signed
                # declaration that the facts are true (a "statement of truth" in UK civil
                # procedure; use the term your legal system uses for such a declaration)
                c.h1(12, _("Statement of truth")),
                pdfkit.para(
                    # translators: the statement of truth the author signs (legal wording)
                    _(
                        "I believe that the facts stated in this record are true. The "
                        "entries were written by me at the times shown."
                    ),
                    s.body,
                ),
                pdfkit.gap(28),
                # translators: the signature line of the statement of truth; {line} is a
                # line to sign on
                pdfkit.para(_("Signed: {line}").format(line=line), s.body),
                pdfkit.gap(16),
                pdfkit.para(
                    # translators: the name line of the statement of truth; {name} is the
                    # author's name or a line to write it on
                    _("Name: {name}").format(name=c.t(c.r.author.strip(), names=False) or line),
                    s.body,
                ),
                pdfkit.gap(16),
                # translators: the date line of the statement of truth; {line} is a line to
                # write the date on
                pdfkit.para(_("Date: {line}").format(line=line), s.body),
            ]
        )
    ]
