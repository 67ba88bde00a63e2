"""The closing sections: what this version leaves out (10), the integrity appendix (11), the
note on text that could not be printed as written, and the statement of truth (12)."""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak

from peerdesk import __version__
from peerdesk.export import pdfkit
from peerdesk.export.report.context import ReportContext, utc_text
from peerdesk.models.report import redactions


def redaction_log(c: ReportContext) -> list[Flowable]:
    lines = redactions(c.p)
    story: list[Flowable] = [
        c.h1(10, "What this version leaves out"),
        pdfkit.para(f"This report was prepared with the profile “{c.t(c.p.label)}”.", c.s.body),
    ]
    if lines:
        story.extend(pdfkit.para(f"• {c.t(line, 'redaction log')}", c.s.body) for line in lines)
    else:
        story.append(pdfkit.para("Nothing was left out.", c.s.body))
    return story


def integrity(c: ReportContext) -> list[Flowable]:
    rows = [[str(e.incident.record_number), str(e.revision_count), e.head] for e in c.entries]
    return [
        PageBreak(),
        c.h1(11, "Integrity appendix"),
        c.facts(
            [
                ("Report fingerprint (manifest)", c.fingerprint),
                ("Entries", str(len(c.entries))),
                ("Written with", f"PeerDesk {__version__}"),
                ("Generated", utc_text(c.generated_at)),
            ],
            "integrity",
        ),
        pdfkit.gap(8),
        c.table(
            ["Record no.", "Revisions", "Fingerprint of the latest revision (chain head)"],
            rows,
            (0.14, 0.14, 0.72),
            "integrity",
        ),
        *_withdrawn_note(c),
        pdfkit.para("How to verify", c.s.h2),
        *(pdfkit.para(text, c.s.body) for text in HOW_TO_VERIFY),
    ]


#: The "How to verify" paragraphs: each names something that exists and what it shows.
HOW_TO_VERIFY = (
    "1. Chain heads. The chain head of each entry is the SHA-256 fingerprint of its latest "
    "revision, which includes the fingerprint of the revision before it. To compare, open "
    "the same journal with PeerDesk and run “peerdesk check VAULT --verbose” (VAULT is the "
    "journal's file), or press “Verify history” in the Journal. Both recompute every chain "
    "and list each entry with the columns “Record no.”, “Revisions”, “Withdrawn” and “Chain "
    "head”. “Record no.” is the number PeerDesk shows for the entry (“No.” in the journal). "
    "For each row above, the line with the same record number must show the same revisions "
    "and chain head. If the entry was changed after this report was made, it shows more "
    "revisions and a different chain head, and “History of changes” in PeerDesk lists each "
    "change.",
    "2. Report fingerprint. It is the SHA-256 of the line “peerdesk-manifest-v1” followed by "
    "one line per entry, sorted by record number as text: the record number, a tab, and its "
    "chain head. It can be recomputed from the table above with any SHA-256 tool. It "
    "depends on the records only: every PDF made from the same revisions has it.",
    "3. Date receipt. When this PDF was saved, PeerDesk showed a date receipt holding no "
    "content: this report fingerprint, the SHA-256 of the PDF file as saved, the number of "
    "entries and the date. If the author sent it to someone else (for example by email), "
    "that message shows this file and these records existed on that date. To check that "
    "a PDF is the file the receipt names, compute its SHA-256 (“sha256sum FILE.pdf” on "
    "Linux, “shasum -a 256 FILE.pdf” on macOS, “certutil -hashfile FILE.pdf SHA256” on "
    "Windows): it must equal the receipt's “PDF file SHA-256”. A file cannot print its own "
    "SHA-256, so that value is only in the receipt; another PDF of the same records (for "
    "another recipient, or saved again) has another file SHA-256 but the same report "
    "fingerprint.",
    "4. Exhibits. Each exhibit's SHA-256 in the exhibit index can be checked the same way "
    "against the original file. Which files belong to an entry is part of its revisions; "
    "an exhibit's description is the author's label for the file, kept beside it, and is "
    "not part of any fingerprint.",
    "These fingerprints show that nothing was changed after the fact without it showing. "
    "They are not a trusted third-party timestamp: only the date receipt, once it has left "
    "the device, shows when.",
)


def _withdrawn_note(c: ReportContext) -> list[Flowable]:
    """How many entries of the selection the author withdrew; never their content."""
    n = c.withdrawn
    if n == 0:
        return []
    text = (
        "1 entry was withdrawn by the author as made in error; its content is not in this report."
        if n == 1
        else f"{n} entries were withdrawn by the author as made in error; their content is "
        "not in this report."
    )
    return [pdfkit.gap(6), pdfkit.para(text, c.s.body)]


def font_note(c: ReportContext) -> list[Flowable]:
    story: list[Flowable] = []
    if c.t.right_to_left:
        found = ", ".join(sorted(c.t.right_to_left))
        if pdfkit.shaping_available():
            text = (
                "Some text is in a right-to-left script (such as Arabic or Hebrew). "
                "It is laid out with the Unicode bidirectional algorithm, its letters "
                "joined, and copies as typed; some programs that extract text from a "
                "PDF reorder a line that mixes directions by their own simpler rules. "
                f"The journal keeps the original text. Found in: {found}."
            )
        else:
            text = (
                "Some text is in a right-to-left script (such as Arabic or Hebrew). "
                "This installation cannot shape it, so it is printed letter by letter "
                "in the order it was stored, without joining letters or reversing "
                "the line; the journal keeps the original text. Found in: "
                f"{found}."
            )
        story += [pdfkit.para("Right-to-left text", c.s.h2), pdfkit.para(text, c.s.body)]
    if not c.t.missing:
        return story
    lines = [
        f"{where}: {', '.join(sorted(codes)[:12])}" + (" and others" if len(codes) > 12 else "")
        for where, codes in sorted(c.t.missing.items())
    ]
    return [
        *story,
        pdfkit.para("Characters that could not be printed", c.s.h2),
        pdfkit.para(
            "The fonts bundled with PeerDesk cannot show some characters (for "
            "example Korean script or emoji). They are printed as "
            "their Unicode code points in square brackets, e.g. [U+D55C], so "
            "nothing is lost silently. The journal itself keeps the original "
            "text.",
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
                c.h1(12, "Statement of truth"),
                pdfkit.para(
                    "I believe that the facts stated in this record are true. The "
                    "entries were written by me at the times shown.",
                    s.body,
                ),
                pdfkit.gap(28),
                pdfkit.para(f"Signed: {line}", s.body),
                pdfkit.gap(16),
                pdfkit.para(f"Name: {c.t(c.r.author.strip(), names=False) or line}", s.body),
                pdfkit.gap(16),
                pdfkit.para(f"Date: {line}", s.body),
            ]
        )
    ]
