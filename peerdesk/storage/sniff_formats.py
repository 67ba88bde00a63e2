"""Which format a file's bytes are, one checker per family of formats (SECURITY.md 24).

:func:`detect` tries the magic numbers first, then the containers (ISO media, zip), audio,
e-mail and finally text. Used through :func:`peerdesk.storage.sniff.sniff_media_type`, which
turns any exception a checker trips over into ``application/octet-stream``.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile

from peerdesk.storage.media_types import (
    AMR,
    AVI,
    AVIF,
    BMP,
    DOCX,
    EMAIL,
    FLAC,
    GIF,
    HEIC,
    HEIF,
    JPEG,
    M4A,
    MOV,
    MP3,
    MP4,
    OCTET_STREAM,
    ODP,
    ODS,
    ODT,
    OGG,
    PDF,
    PNG,
    PPTX,
    TEXT,
    THREE_GP,
    TIFF,
    WAV,
    WEBP,
    XLSX,
    ZIP,
)

#: How much of the start is examined for text and e-mail.
TEXT_SAMPLE = 64 * 1024
#: A zip whose central directory is bigger than this is not listed (just "application/zip").
ZIP_DIRECTORY_MAX = 1024 * 1024


def detect(data: bytes) -> str:
    """The media type of ``data`` from its content; may raise on hostile bytes (the caller,
    :func:`~peerdesk.storage.sniff.sniff_media_type`, turns that into ``OCTET_STREAM``)."""
    head = data[:64]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head.startswith(b"RIFF") and len(head) >= 12:
        return {b"WEBP": WEBP, b"WAVE": WAV, b"AVI ": AVI}.get(head[8:12], OCTET_STREAM)
    if head.startswith(b"BM") and _looks_like_bmp(data):
        return BMP
    if head.startswith((b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")):
        return TIFF
    iso = _iso_media(data)
    if iso is not None:
        return iso
    if _is_pdf(data):
        return PDF
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data)
    if head.startswith(b"OggS"):
        return OGG
    if head.startswith(b"fLaC"):
        return FLAC
    if head.startswith(b"#!AMR"):
        return AMR
    if head.startswith(b"ID3"):
        return FLAC if data[_id3_end(data) :].startswith(b"fLaC") else MP3
    if _is_mpeg_audio(data):
        return MP3
    if _is_email(data):
        return EMAIL
    if _is_text(data):
        return TEXT
    return OCTET_STREAM


def _looks_like_bmp(data: bytes) -> bool:
    """ "BM" is two letters of text; ask for a plausible header as well."""
    if len(data) < 26:
        return False
    file_size, reserved, pixel_offset, header_size = struct.unpack_from("<IIII", data, 2)
    del file_size, reserved  # often wrong in the wild
    return header_size in (12, 16, 40, 52, 56, 64, 108, 124) and 14 + header_size <= pixel_offset


_HEIC_BRANDS = frozenset({b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis"})
_HEIF_BRANDS = frozenset({b"mif1", b"msf1"})
_AUDIO_BRANDS = frozenset({b"M4A ", b"M4B ", b"M4P "})
_VIDEO_BRANDS = frozenset(
    {
        b"isom",
        b"iso2",
        b"iso3",
        b"iso4",
        b"iso5",
        b"iso6",
        b"mp41",
        b"mp42",
        b"avc1",
        b"dash",
        b"M4V ",
        b"M4VH",
        b"M4VP",
        b"MSNV",
        b"NDAS",
        b"f4v ",
        b"mmp4",
    }
)


def _is_pdf(data: bytes) -> bool:
    """``%PDF-`` at the start; or, as readers accept, within the first 1024 bytes of a file
    that also ends with ``%%EOF`` (so a text that merely mentions "%PDF-1.7" is not a PDF)."""
    if data.startswith(b"%PDF-"):
        return True
    return b"%PDF-" in data[:1024] and b"%%EOF" in data[-1024:]


def _is_old_quicktime(data: bytes) -> bool:
    """A QuickTime file from before ``ftyp``: a ``moov`` atom whose first child is its header,
    or a ``wide`` atom followed by ``mdat``."""
    size = int.from_bytes(data[0:4], "big")
    if data[4:8] == b"moov":
        return size >= 16 and data[12:16] in (b"mvhd", b"cmov")
    return data[4:8] == b"wide" and size == 8 and data[12:16] == b"mdat"


def _iso_media(data: bytes) -> str | None:
    """ISO base media files (MP4, M4A, MOV, HEIC, 3GP) by their ``ftyp`` brands."""
    if len(data) < 12:
        return None
    size = int.from_bytes(data[0:4], "big")
    if data[4:8] != b"ftyp":
        return MOV if _is_old_quicktime(data) else None
    if size < 16:
        return None
    major = data[8:12]
    end = min(size, len(data), 4096)
    compatible = [data[i : i + 4] for i in range(16, end - 3, 4)]
    for brands in ([major], compatible):
        kind = _brand_kind(brands)
        if kind is not None:
            return kind
    return None


def _brand_kind(brands: list[bytes]) -> str | None:
    checks: tuple[tuple[bool, str], ...] = (
        (any(b in _HEIC_BRANDS for b in brands), HEIC),
        (b"avif" in brands or b"avis" in brands, AVIF),
        (any(b in _HEIF_BRANDS for b in brands), HEIF),
        (b"qt  " in brands, MOV),
        (any(b in _AUDIO_BRANDS for b in brands), M4A),
        (any(b.startswith((b"3gp", b"3g2")) for b in brands), THREE_GP),
        (any(b in _VIDEO_BRANDS for b in brands), MP4),
    )
    for matched, kind in checks:
        if matched:
            return kind
    return None


_OPENDOCUMENT = {
    b"application/vnd.oasis.opendocument.text": ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": ODS,
    b"application/vnd.oasis.opendocument.presentation": ODP,
}


def _zip_kind(data: bytes) -> str:
    """Office documents by their entry names; nothing is ever decompressed."""
    # OpenDocument: the first entry is "mimetype", stored uncompressed, so its text is here.
    if data[30:38] == b"mimetype":
        for text, kind in _OPENDOCUMENT.items():
            if data[38 : 38 + len(text)] == text:
                return kind
    if not _zip_directory_is_small(data):
        return ZIP
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()  # reads the central directory only
    except Exception:  # BadZipFile, ValueError, struct.error, UnicodeDecodeError, ...
        return ZIP
    if "[Content_Types].xml" in names:
        for prefix, kind in (("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX)):
            if any(name.startswith(prefix) for name in names):
                return kind
    return ZIP


def _zip_directory_is_small(data: bytes) -> bool:
    """Read the end-of-central-directory record ourselves before letting zipfile list it, so
    a hostile directory with millions of entries is never turned into objects."""
    tail_start = max(0, len(data) - (22 + 0xFFFF))
    at = data.rfind(b"PK\x05\x06", tail_start)
    if at < 0 or at + 22 > len(data):
        return False
    entries, directory_size = struct.unpack_from("<HI", data, at + 10)
    if entries == 0xFFFF or directory_size == 0xFFFFFFFF:
        return False  # ZIP64: not something an office document needs
    return int(directory_size) <= ZIP_DIRECTORY_MAX


def _id3_end(data: bytes) -> int:
    if len(data) < 10:
        return len(data)
    size = 0
    for byte in data[6:10]:
        size = (size << 7) | (byte & 0x7F)
    footer = 10 if data[5] & 0x10 else 0
    return 10 + size + footer


_MPEG_BITRATES = {  # kbit/s by (MPEG-1?, layer)
    (True, 1): (0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448),
    (True, 2): (0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384),
    (True, 3): (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    (False, 1): (0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256),
    (False, 2): (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
    (False, 3): (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_MPEG_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


def _mpeg_frame_length(data: bytes, at: int) -> int | None:
    """Length of the MPEG audio frame whose header starts at ``at``, or None if none does."""
    if at + 4 > len(data) or data[at] != 0xFF or data[at + 1] & 0xE0 != 0xE0:
        return None
    version = (data[at + 1] >> 3) & 0x03  # 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5, 1: reserved
    layer = 4 - ((data[at + 1] >> 1) & 0x03)  # 4 means "reserved"
    bitrate_index = data[at + 2] >> 4
    rate_index = (data[at + 2] >> 2) & 0x03
    padding = (data[at + 2] >> 1) & 0x01
    if version == 1 or layer == 4 or bitrate_index in (0, 15) or rate_index == 3:
        return None
    bitrate = _MPEG_BITRATES[(version == 3, layer)][bitrate_index] * 1000
    rate = _MPEG_RATES[version][rate_index]
    if layer == 1:
        return (12 * bitrate // rate + padding) * 4
    if layer == 3 and version != 3:
        return 72 * bitrate // rate + padding
    return 144 * bitrate // rate + padding


def _is_mpeg_audio(data: bytes) -> bool:
    """A frame header at the start, and another one where the first frame ends."""
    length = _mpeg_frame_length(data, 0)
    if length is None:
        return False
    if len(data) < length + 4:
        return len(data) >= length  # a single whole frame
    return _mpeg_frame_length(data, length) is not None


_HEADER_LINE = re.compile(rb"[!-9;-~]{1,76}:")
_MBOX_FROM = re.compile(rb"From \S")
_MAIL_HEADERS = frozenset(
    {
        b"from",
        b"to",
        b"cc",
        b"subject",
        b"date",
        b"received",
        b"return-path",
        b"message-id",
        b"mime-version",
        b"delivered-to",
        b"reply-to",
        b"sender",
        b"content-type",
        b"x-mailer",
        b"authentication-results",
        b"dkim-signature",
        b"arc-seal",
        b"thread-topic",
        b"in-reply-to",
        b"references",
        b"x-mozilla-status",
        b"user-agent",
        b"x-originating-ip",
    }
)


def _is_email(data: bytes) -> bool:
    """An RFC 822 message: it opens with a header block of "Name: value" lines (folded lines
    allowed) up to a blank line or the end, at least two of them names that mail uses."""
    sample = data[:TEXT_SAMPLE]
    if b"\x00" in sample:
        return False
    lines = sample.split(b"\n")
    if len(sample) == TEXT_SAMPLE:
        lines = lines[:-1]  # the last line may be cut short
    if lines and _MBOX_FROM.match(lines[0]):
        lines = lines[1:]  # an mbox envelope line, as some programs save .eml files
    seen: set[bytes] = set()
    count = 0
    for raw in lines:
        line = raw.rstrip(b"\r")
        if not line:
            break  # the end of the header block
        if line[:1] in (b" ", b"\t"):
            if count == 0:
                return False
            continue
        match = _HEADER_LINE.match(line)
        if match is None:
            return False
        seen.add(match.group()[:-1].lower())
        count += 1
    return len(seen & _MAIL_HEADERS) >= 2


_ALLOWED_CONTROLS = frozenset("\t\n\r\f\x1b")


def _is_text(data: bytes) -> bool:
    """UTF-8 (with or without a BOM) or UTF-16 with a BOM that decodes cleanly and has few
    control characters (none of them NUL)."""
    sample = data[:TEXT_SAMPLE]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16-le" if sample.startswith(b"\xff\xfe") else "utf-16-be"
        body = sample[2:]
        if len(data) > TEXT_SAMPLE:
            body = _drop_cut_surrogate(body[: len(body) - len(body) % 2], encoding)
        elif len(body) % 2:
            return False  # half a character at the end: not UTF-16 after all
    else:
        encoding = "utf-8"
        body = sample[3:] if sample.startswith(b"\xef\xbb\xbf") else sample
        if len(data) > TEXT_SAMPLE:
            body = _drop_cut_utf8(body)
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError:
        return False
    if not text:
        return len(sample) in (2, 3)  # a file holding only a byte order mark
    controls = 0
    for char in text:
        if (char < " " or char == "\x7f") and char not in _ALLOWED_CONTROLS:
            if char == "\x00":
                return False
            controls += 1
    return controls * 100 <= len(text)


def _drop_cut_utf8(body: bytes) -> bytes:
    """Drop an incomplete UTF-8 sequence at the end of a sample."""
    for back in range(1, min(4, len(body)) + 1):
        byte = body[-back]
        if byte & 0xC0 != 0x80:  # a lead byte (or ASCII)
            need = 1 if byte < 0x80 else 2 if byte >> 5 == 0x6 else 3 if byte >> 4 == 0xE else 4
            return body[:-back] if need > back else body
    return body


def _drop_cut_surrogate(body: bytes, encoding: str) -> bytes:
    if len(body) < 2:
        return body
    unit = int.from_bytes(body[-2:], "little" if encoding.endswith("le") else "big")
    return body[:-2] if 0xD800 <= unit <= 0xDBFF else body
