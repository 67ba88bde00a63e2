"""Optional AES-256 encryption of a PDF (``StandardEncryption(..., strength=256)``, needs
``pyaes``; SECURITY.md 26). Without a password the PDF is plain text and the UI must say so."""

from __future__ import annotations

import secrets
import unicodedata
from typing import Any

from peerdesk.export.pdfkit.base import PdfError

#: The most bytes of a PDF password (UTF-8) that readers use (ISO 32000-2, 7.6.4.3.3).
PASSWORD_MAX_BYTES = 127


def normalise_password(password: str) -> str:
    """The password as PDF readers will hash it: NFKC (the normalisation step of SASLprep,
    which AES-256 PDFs use), at most :data:`PASSWORD_MAX_BYTES` bytes of UTF-8."""
    if not isinstance(password, str) or not password:
        raise PdfError("A PDF password cannot be empty.")
    value = unicodedata.normalize("NFKC", password)
    if "\x00" in value:
        raise PdfError("A PDF password cannot contain a NUL character.")
    if len(value.encode("utf-8", "surrogatepass")) > PASSWORD_MAX_BYTES:
        raise PdfError(
            "A PDF password can be at most 127 bytes long (fewer characters for "
            "accented letters and symbols)."
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise PdfError("The PDF password contains a character that cannot be used.") from None
    return value


def _aes256_class() -> type:
    from reportlab.lib.pdfencrypt import StandardEncryption

    class Aes256Encryption(StandardEncryption):  # type: ignore[misc]
        """reportlab's AES-256 (revision 5) with the key fields at their standard lengths.

        reportlab 5.1 encrypts OE, UE and Perms with PKCS#7 padding, so they carry an extra
        16-byte block (48, 48 and 32 bytes instead of 32, 32 and 16). qpdf tolerates that;
        poppler (Evince, Okular, pdftotext) refuses the file ("Invalid encryption key
        length"). The padding block is at the end and the IV is zero, so the first bytes are
        exactly the values the standard asks for.
        """

        def prepare(self, document: Any, overrideID: Any = None) -> None:
            super().prepare(document, overrideID)
            if self.revision == 5:
                for name, size in (("OE", 32), ("UE", 32), ("Perms", 16)):
                    setattr(self, name, getattr(self, name)[:size])

    return Aes256Encryption


def pdf_encryption(password: str) -> Any:
    """AES-256 encryption with ``password`` to open the file (SECURITY.md 26); the owner
    password is random, so nobody holds more rights than the reader."""
    value = normalise_password(password)
    try:
        return _aes256_class()(value, ownerPassword=secrets.token_urlsafe(32), strength=256)
    except ValueError:  # pyaes missing
        raise PdfError("AES-256 PDF encryption is not available in this install.") from None
