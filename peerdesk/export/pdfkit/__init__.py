"""PDF building blocks shared by every PeerDesk export (reportlab, no Qt).

One place for what every PDF needs (REPORTING.md, "The incident report", layout; SECURITY.md
22, 23, 26), one module each:

- :mod:`.fonts`: DejaVu Sans in four faces, bundled in ``resources/fonts``, registered once as
  one font family so ``<b>``/``<i>`` in our own markup work, and embedded (subset) in every
  file. Latin with diacritics, Greek and Cyrillic print correctly; CJK from a fallback font.
- :mod:`.text`: user text goes through :func:`escape` before it reaches a ``Paragraph``, so
  ``<``, ``&`` and ``<b>`` print literally and line breaks are kept; right-to-left text is
  shaped when HarfBuzz is installed.
- :mod:`.styles`: body text at 11 pt and a small set of headings, labels and table cells;
  tables with wrapping cells and a header row repeated on every page.
- :mod:`.pages`: A4 or US Letter, a running header (document title and CONFIDENTIAL) and a
  "Page x of y" footer (a two-pass canvas: the total is known when the document is saved),
  marked as pagination artifacts; a bookmark for every ``h1``/``h2`` heading.
  The document is built in memory, then saved with :func:`peerdesk.files.write_private_file`
  (a temporary file beside the destination, flushed, renamed over it), so a crash never
  leaves half a PDF; new files are readable by the owner only (0600).
- :mod:`.finish`: reportlab's bytes finished in memory by pikepdf (qpdf): outline, ``/Lang``,
  title/subject/author and XMP metadata, ``DisplayDocTitle``, page labels, exhibit pages
  drawn into kept space, embedded files, and optional AES-256 at revision 6
  (:mod:`.encryption`); without a password the PDF is plain text and the UI must say so.

Titles passed here go into the header and the PDF's metadata: callers must not put names or
note text into them. This package is the API callers use (``pdfkit.para``, ``pdfkit.table``…).
"""

from __future__ import annotations

from peerdesk.export.pdfkit.base import (
    FOOTER_GAP,
    HEAD_FILL,
    HEADER_GAP,
    INK,
    MARGIN,
    MUTED,
    NOTICE_EDGE,
    NOTICE_FILL,
    PAPER_LABELS,
    PAPER_SIZES,
    RULE,
    ZEBRA_FILL,
    Paper,
    PdfError,
    frame_height,
    frame_width,
    page_size,
)
from peerdesk.export.pdfkit.encryption import PASSWORD_MAX_BYTES, normalise_password, pdf_encryption
from peerdesk.export.pdfkit.finish import (
    Bookmark,
    DocumentInfo,
    Embedded,
    Finish,
    Overlay,
    finish_pdf,
)
from peerdesk.export.pdfkit.fonts import (
    FALLBACK_FONT,
    FONT,
    FONT_BOLD,
    FONT_BOLD_ITALIC,
    FONT_ITALIC,
    can_print,
    register_fonts,
)
from peerdesk.export.pdfkit.pages import (
    LaidOut,
    LateText,
    OutlineMark,
    PageSpace,
    layout_pdf,
    render_pdf,
    save_file,
    write_pdf,
)
from peerdesk.export.pdfkit.styles import (
    Cell,
    Styles,
    content_widths,
    facts,
    gap,
    keep_together,
    styles,
    table,
    widths,
)
from peerdesk.export.pdfkit.text import (
    escape,
    markup,
    minutes_label,
    needs_shaping,
    para,
    pieces,
    shaping_available,
    text_block,
    text_direction,
)

__all__ = [
    "FALLBACK_FONT",
    "FONT",
    "FONT_BOLD",
    "FONT_BOLD_ITALIC",
    "FONT_ITALIC",
    "FOOTER_GAP",
    "HEADER_GAP",
    "HEAD_FILL",
    "INK",
    "MARGIN",
    "MUTED",
    "NOTICE_EDGE",
    "NOTICE_FILL",
    "PAPER_LABELS",
    "PAPER_SIZES",
    "PASSWORD_MAX_BYTES",
    "RULE",
    "ZEBRA_FILL",
    "Bookmark",
    "Cell",
    "DocumentInfo",
    "Embedded",
    "Finish",
    "LaidOut",
    "LateText",
    "OutlineMark",
    "Overlay",
    "PageSpace",
    "Paper",
    "PdfError",
    "Styles",
    "can_print",
    "content_widths",
    "escape",
    "facts",
    "finish_pdf",
    "frame_height",
    "frame_width",
    "gap",
    "keep_together",
    "layout_pdf",
    "markup",
    "minutes_label",
    "needs_shaping",
    "normalise_password",
    "page_size",
    "para",
    "pdf_encryption",
    "pieces",
    "register_fonts",
    "render_pdf",
    "save_file",
    "shaping_available",
    "styles",
    "table",
    "text_block",
    "text_direction",
    "widths",
    "write_pdf",
]
