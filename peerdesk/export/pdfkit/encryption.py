"""Optional password protection of a PDF: AES-256 at revision 6 (PDF 2.0, "AESv3"), applied
by qpdf through pikepdf when the document is finished (:mod:`.finish`; SECURITY.md 26).
Without a password the PDF is plain text and the UI must say so."""

from __future__ import annotations

import secrets
import unicodedata

import pikepdf

from peerdesk.export.pdfkit.base import PdfError
from peerdesk.i18n import _

#: The most bytes of a PDF password (UTF-8) that readers use (ISO 32000-2, 7.6.4.3.3).
PASSWORD_MAX_BYTES = 127


def normalise_password(password: str) -> str:
    """The password as PDF readers will hash it: NFKC (the normalisation step of SASLprep,
    which AES-256 PDFs use), at most :data:`PASSWORD_MAX_BYTES` bytes of UTF-8."""
    if not isinstance(password, str) or not password:
        raise PdfError(_("A PDF password cannot be empty."))
    value = unicodedata.normalize("NFKC", password)
    if "\x00" in value:
        raise PdfError(_("A PDF password cannot contain a NUL character."))
    if len(value.encode("utf-8", "surrogatepass")) > PASSWORD_MAX_BYTES:
        raise PdfError(
            _(
                "A PDF password can be at most 127 bytes long (fewer characters for "
                "accented letters and symbols)."
            )
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise PdfError(_("The PDF password contains a character that cannot be used.")) from None
    return value


def pdf_encryption(password: str) -> pikepdf.Encryption:
    """AES-256 at revision 6 with ``password`` to open the file; the owner password is
    random, so nobody holds more rights than the reader. The XMP metadata is encrypted too
    (it may name the author)."""
    value = normalise_password(password)
    return pikepdf.Encryption(
        owner=secrets.token_urlsafe(32),
        user=value,
        R=6,
        aes=True,
        metadata=True,
        allow=pikepdf.Permissions(modify_assembly=True),
    )
