"""Exhibits that stand on their own, navigation, metadata and AES-256 R6 of the incident report,
read back with poppler (pdftotext, pdfinfo), qpdf, pikepdf and PDFium."""

from __future__ import annotations

import hashlib
import io
import random
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A5, landscape
from reportlab.pdfgen.canvas import Canvas

from peerdesk.demo import demo_png
from peerdesk.export.pdfkit import (
    DocumentInfo,
    Embedded,
    Finish,
    Overlay,
    PdfError,
    finish_pdf,
    para,
    render_pdf,
    styles,
)
from peerdesk.export.preview import PdfPreview
from peerdesk.export.report import (
    TITLE,
    ReportRequest,
    ReportResult,
    build_report,
    render_report,
    reproduced,
)
from peerdesk.models.incident import Incident
from peerdesk.models.report import LAWYER, RecipientProfile
from peerdesk.storage.attachments import AttachmentRepository
from peerdesk.storage.incidents import IncidentRepository
from peerdesk.storage.report_source import read_report_source
from peerdesk.storage.vault import Vault
from tests.export.test_pdfkit import pdf_info, run

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
EML = (
    b"From: a@example.org\r\nTo: b@example.org\r\nSubject: EMLMARKER\r\n"
    b"Date: Mon, 2 Feb 2026 10:00:00 +0000\r\n\r\nThe body of the email.\r\n"
)


def exhibit_pdf(pages: int, marker: str) -> bytes:
    """A small PDF, landscape A5, ``marker`` and the page number printed on each page."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=landscape(A5))
    for k in range(1, pages + 1):
        canvas.setFont("Helvetica", 20)
        canvas.drawString(60, 200, f"{marker} page {k}")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def protected_pdf() -> bytes:
    with pikepdf.open(io.BytesIO(exhibit_pdf(1, "LOCKEDMARKER"))) as pdf:
        out = io.BytesIO()
        pdf.save(out, encryption=pikepdf.Encryption(owner="o", user="exhibit-pw", R=6))
    return out.getvalue()


DAMAGED_PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" + bytes(
    random.Random(5).randrange(256) for _ in range(300)
)


@dataclass
class Bundle:
    vault: Vault
    sha: dict[str, str]  # original name -> SHA-256
    data: dict[str, bytes]
    record_number: int
    title: str

    def source(self, profile: RecipientProfile = LAWYER):  # type: ignore[no-untyped-def]
        return read_report_source(self.vault, images=profile.include_exhibit_images)


@pytest.fixture
def bundle(vault: Vault) -> Bundle:
    incidents = IncidentRepository(vault)
    first = incidents.add(
        Incident(
            event_date=date(2026, 2, 2),
            event_time=time(10, 0),
            title="First meeting",
            narrative="He shouted.",
        )
    )
    incident = incidents.add(
        Incident(
            event_date=date(2026, 2, 3),
            event_time=time(9, 30),
            title="The email about my work",
            narrative="NARRATIVEMARKER what happened.",
        )
    )
    assert incident.id is not None and first.id is not None
    files = {
        "chat.png": demo_png(random.Random(1), 520, 325),
        "letter.pdf": exhibit_pdf(2, "PDFEXHIBIT"),
        "broken.pdf": DAMAGED_PDF,
        "locked.pdf": protected_pdf(),
        "mail.eml": EML,
    }
    attachments = AttachmentRepository(vault)
    for name, data in files.items():
        attachments.add(incident.id, name, data, description=f"About {name}")
    return Bundle(
        vault,
        {n: hashlib.sha256(d).hexdigest() for n, d in files.items()},
        files,
        incident.record_number or 0,
        incident.title,
    )


def build(bundle: Bundle, tmp_path: Path, **kw: object) -> tuple[Path, ReportResult]:
    out = tmp_path / "report.pdf"
    request = ReportRequest(profile=LAWYER, **kw)  # type: ignore[arg-type]
    return out, build_report(bundle.source(), request, out, now=NOW)


def pages_text(path: Path, password: str | None = None) -> list[str]:
    extra = ["-upw", password] if password is not None else []
    text = run("pdftotext", *extra, str(path), "-").stdout
    return [re.sub(r"\s+", " ", p) for p in text.split("\f")[:-1]]


def joined(text: str) -> str:
    return re.sub(r"\s+", "", text)


def exhibit_no(pages: list[str], name: str) -> str:
    """The exhibit number the report gave the file ``name`` (from its caption)."""
    for page in pages:
        found = re.search(r"Exhibit (E\d+) \(entry No\. \d+\): " + re.escape(name), page)
        if found:
            return found.group(1)
    raise AssertionError(f"no caption for {name}")


def test_picture_and_pdf_exhibits_are_pages_with_their_fingerprints(
    bundle: Bundle, tmp_path: Path
) -> None:
    out, result = build(bundle, tmp_path)
    pages = pages_text(out)
    assert len(pages) == result.pages
    picture = exhibit_no(pages, "chat.png")
    page = pages[result.exhibit_pages[picture] - 1]
    assert f"Exhibit {picture} (entry No. {bundle.record_number}): chat.png" in page
    assert bundle.sha["chat.png"] in joined(page)
    assert "About chat.png" in page
    with pikepdf.open(out) as pdf:  # the picture is drawn on that page
        assert pdf.pages[result.exhibit_pages[picture] - 1].get_images()
    letter = exhibit_no(pages, "letter.pdf")
    start = result.exhibit_pages[letter]
    caption = pages[start - 1]
    assert bundle.sha["letter.pdf"] in joined(caption)
    assert f"Its 2 pages follow on pages {start + 1} to {start + 2} of this report." in caption
    for k in (1, 2):
        shown = pages[start - 1 + k]
        assert f"PDFEXHIBIT page {k}" in shown  # the exhibit's own page, drawn in
        assert f"Exhibit {letter}, page {k} of 2 (scaled to fit)" in shown
        assert bundle.sha["letter.pdf"] in joined(shown)
        assert f"Page {start + k} of {result.pages}" in shown  # our numbering continues
    # The index points at where each exhibit starts.
    index = next(p for p in pages if "9. Exhibits" in p)
    for ex in (picture, letter):
        assert re.search(rf"{ex} .*?{result.exhibit_pages[ex]}", index)


def test_damaged_and_protected_pdfs_are_listed_and_attached(bundle: Bundle, tmp_path: Path) -> None:
    out, result = build(bundle, tmp_path)
    pages = pages_text(out)
    for name, note in (
        ("broken.pdf", "could not be read (it may be damaged)"),
        ("locked.pdf", "protected with a password"),
    ):
        ex = exhibit_no(pages, name)
        page = pages[result.exhibit_pages[ex] - 1]
        assert bundle.sha[name] in joined(page)
        assert note in page
        assert "Attached to this PDF as a file, unchanged" in page
    assert not any("LOCKEDMARKER" in p for p in pages)
    with pikepdf.open(out) as pdf:
        attached = {
            spec.filename: spec.get_file().read_bytes() for spec in pdf.attachments.values()
        }
    assert attached["broken.pdf"] == bundle.data["broken.pdf"]
    assert attached["locked.pdf"] == bundle.data["locked.pdf"]


def test_an_email_exhibit_is_embedded_whole(bundle: Bundle, tmp_path: Path) -> None:
    out, result = build(bundle, tmp_path, password="open sesame")
    with pikepdf.open(out, password="open sesame") as pdf:
        specs = {spec.filename: spec for spec in pdf.attachments.values()}
        spec = specs["mail.eml"]
        data = spec.get_file().read_bytes()
        description = str(spec.description)
    assert hashlib.sha256(data).hexdigest() == bundle.sha["mail.eml"]
    assert bundle.sha["mail.eml"] in description
    pages = pages_text(out, "open sesame")
    ex = exhibit_no(pages, "mail.eml")
    assert bundle.sha["mail.eml"] in joined(pages[result.exhibit_pages[ex] - 1])
    assert b"EMLMARKER" not in out.read_bytes()  # inside the encryption


def test_without_reproduced_exhibits_no_file_is_read_or_attached(
    bundle: Bundle, tmp_path: Path
) -> None:
    profile = LAWYER.with_changes(include_exhibit_images=False)
    source = bundle.source(profile)
    assert not source.images and not source.exhibit_files
    out = tmp_path / "plain.pdf"
    build_report(source, ReportRequest(profile=profile), out, now=NOW)
    with pikepdf.open(out) as pdf:
        assert len(pdf.attachments) == 0
    assert not any("PDFEXHIBIT" in p for p in pages_text(out))


def test_aes_256_revision_6_opens_only_with_the_password(bundle: Bundle, tmp_path: Path) -> None:
    password = "Zoë's pass ' \" 👋"
    out, result = build(bundle, tmp_path, password=password)
    data = out.read_bytes()
    assert b"NARRATIVEMARKER" not in data and b"PDFEXHIBIT" not in data
    shown = run("qpdf", "--show-encryption", f"--password={password}", str(out)).stdout
    assert "R = 6" in shown
    for what in ("stream", "string", "file"):
        assert f"{what} encryption method: AESv3" in shown
    assert run("qpdf", "--check", f"--password={password}", str(out), check=False).returncode == 0
    assert run("qpdf", "--check", str(out), check=False).returncode != 0
    assert run("qpdf", "--check", "--password=wrong", str(out), check=False).returncode != 0
    assert "NARRATIVEMARKER" in " ".join(pages_text(out, password))
    assert run("pdftotext", str(out), "-", check=False).returncode != 0
    with pytest.raises(pdfium.PdfiumError):
        pdfium.PdfDocument(data)
    doc = pdfium.PdfDocument(data, password=password)
    try:
        assert len(doc) == result.pages
        page = doc[0]
        assert TITLE in page.get_textpage().get_text_range()
        page.close()
    finally:
        doc.close()
    # The in-app preview opens the encrypted bytes in memory with the password.
    rendered = render_report(bundle.source(), ReportRequest(password=password), now=NOW)
    assert rendered.encrypted
    with pytest.raises(PdfError):
        PdfPreview(rendered.data)
    preview = PdfPreview(rendered.data, password)
    try:
        image = preview.render(0, dpi=30)
        assert image.width > 0 and len(set(image.rgb)) > 1
    finally:
        preview.close()


def test_outline_metadata_language_and_page_labels(bundle: Bundle, tmp_path: Path) -> None:
    out, _result = build(bundle, tmp_path, author="Alex Example")
    assert pdf_info(out)["Title"] == TITLE
    assert pdf_info(out)["Author"] == "Alex Example"
    with pikepdf.open(out) as pdf:
        assert str(pdf.Root.Lang) == "en"
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
        labels = pdf.Root.PageLabels.Nums
        assert int(labels[0]) == 0 and labels[1].S == pikepdf.Name.D
        meta = pdf.open_metadata()
        assert meta["dc:title"] == TITLE
        assert meta["dc:creator"] == ["Alex Example"]
        assert "en" in str(meta.get("dc:language"))
        with pdf.open_outline() as outline:
            top = [(item.title, [c.title for c in item.children]) for item in outline.root]
            index = {item.title: item for item in outline.root}
            page_of = {pikepdf.Page(item.destination[0]).index: item.title for item in outline.root}
    titles = [t for t, _ in top]
    for section in (
        "1. Cover",
        "2. How this record was kept",
        "3. Summary",
        "5. Chronology",
        "6. The incidents in full",
        "9. Exhibits",
        "11. Integrity appendix",
        "12. Statement of truth",
    ):
        assert section in titles
    entries = dict(top)["6. The incidents in full"]
    assert len(entries) == 2
    assert any(bundle.title in e for e in entries)
    assert len(dict(top)["9. Exhibits"]) >= 5  # the exhibits, each with its bookmark
    assert index["1. Cover"] is not None
    pages = pages_text(out)
    for number, title in page_of.items():
        if title != "1. Cover":
            assert title in pages[number], title  # each bookmark goes to its heading's page


def test_no_author_means_no_author_metadata(bundle: Bundle, tmp_path: Path) -> None:
    out, _ = build(bundle, tmp_path)
    assert "Author" not in pdf_info(out)
    with pikepdf.open(out) as pdf:
        assert "/Author" not in pdf.docinfo
        assert "dc:creator" not in pdf.open_metadata()


VALID = exhibit_pdf(2, "MUTANT")


@st.composite
def damaged_pdfs(draw: st.DrawFn) -> bytes:
    """A real PDF cut short, with bytes changed, or bytes inserted."""
    data = bytearray(VALID)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(["flip", "cut", "insert"]))
        if kind == "flip":
            data[at] = draw(st.integers(0, 255))
        elif kind == "cut":
            del data[at : at + draw(st.integers(1, 400))]
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=40))
        if not data:
            data = bytearray(b"%PDF")
    return bytes(data)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_pdfs())
def test_a_damaged_pdf_exhibit_never_stops_the_finishing(data: bytes) -> None:
    """Whatever the bytes, the exhibit is either merged page by page or listed with a note,
    and finishing the document never raises."""
    found = reproduced._pdf_pages(data)
    host, _count = render_pdf([para("host", styles().body)], title="Host")
    overlays = (
        [Overlay(0, "x", k, (40, 40, 400, 600)) for k in range(found)]
        if isinstance(found, int)
        else []
    )
    finished = finish_pdf(
        host,
        Finish(
            info=DocumentInfo(title="Host"),
            overlays=overlays,
            sources={"x": data},
            embedded=[Embedded(key="E1 x.pdf", filename="x.pdf", data=data)],
        ),
        password="pw",
    )
    with pikepdf.open(io.BytesIO(finished), password="pw") as pdf:
        assert len(pdf.pages) == 1
        assert pdf.attachments["E1 x.pdf"].get_file().read_bytes() == data
