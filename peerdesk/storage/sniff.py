"""What a file really is, judged from its bytes, never from its name (SECURITY.md 24).

:func:`sniff_media_type` looks at the content only: an ``.exe`` renamed ``photo.png`` is
``application/octet-stream``. :func:`image_info` reads an image's declared size from its header
alone (nothing is decoded), and :func:`check_image` refuses sizes that a decoder should never be
asked to allocate (a 100-byte PNG can declare 30000 x 30000 pixels). :func:`sniff` does both.

Every function here takes arbitrary bytes and raises nothing but :class:`MediaError`
subclasses. Standard library only: no Pillow, no Qt.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from peerdesk.storage.errors import VaultError

OCTET_STREAM = "application/octet-stream"

PNG = "image/png"
JPEG = "image/jpeg"
GIF = "image/gif"
WEBP = "image/webp"
BMP = "image/bmp"
TIFF = "image/tiff"
HEIC = "image/heic"
HEIF = "image/heif"
AVIF = "image/avif"
PDF = "application/pdf"
ZIP = "application/zip"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ODP = "application/vnd.oasis.opendocument.presentation"
EMAIL = "message/rfc822"
MP3 = "audio/mpeg"
M4A = "audio/mp4"
WAV = "audio/wav"
OGG = "audio/ogg"
FLAC = "audio/flac"
AMR = "audio/amr"
MP4 = "video/mp4"
MOV = "video/quicktime"
THREE_GP = "video/3gpp"
AVI = "video/x-msvideo"
TEXT = "text/plain"

#: Types whose header :func:`image_info` can read.
SIZED_IMAGE_TYPES = frozenset({PNG, JPEG, GIF, WEBP, BMP, TIFF})
#: Every image type :func:`sniff_media_type` can return.
IMAGE_TYPES = SIZED_IMAGE_TYPES | {HEIC, HEIF, AVIF}

#: How much of the start is examined for text and e-mail.
TEXT_SAMPLE = 64 * 1024
#: A zip whose central directory is bigger than this is not listed (just "application/zip").
ZIP_DIRECTORY_MAX = 1024 * 1024
#: How many bytes and markers a JPEG header walk may take before the header counts as damaged.
JPEG_WALK_BUDGET = 1_000_000


class MediaError(VaultError):
    """Base class for what sniffing can raise."""

    kind = "media-error"
    default_message = "This file's contents could not be read."


class MalformedImage(MediaError):
    kind = "malformed-image"
    default_message = "This picture's header is damaged, so its size cannot be read."


class ImageTooLarge(MediaError):
    kind = "image-too-large"
    default_message = "This picture is too large to open safely."

    def __init__(self, info: ImageInfo, limits: ImageLimits) -> None:
        self.info = info
        self.limits = limits
        super().__init__(
            f"This picture declares a size of {info.width:,} x {info.height:,} pixels. "
            f"PeerDesk opens pictures up to {limits.max_side:,} pixels wide or high and "
            f"{limits.max_pixels // 1_000_000:,} million pixels in all."
        )


@dataclass(frozen=True, slots=True)
class ImageInfo:
    """The size an image's header declares (nothing was decoded)."""

    width: int
    height: int

    @property
    def pixels(self) -> int:
        return self.width * self.height


@dataclass(frozen=True, slots=True)
class ImageLimits:
    max_side: int = 20_000
    max_pixels: int = 100_000_000


DEFAULT_LIMITS = ImageLimits()


@dataclass(frozen=True, slots=True)
class Sniffed:
    """The result of :func:`sniff`: the media type and, for a readable image header, its size.

    ``image`` is None for non-images, for image types whose size is not read here (HEIC/HEIF/
    AVIF, BigTIFF), and for images whose header is damaged; such an image must not be handed
    to a decoder without that decoder's own limits.
    """

    media_type: str
    image: ImageInfo | None = None


# -- the entry points -----------------------------------------------------------------------


def sniff(data: bytes, *, limits: ImageLimits = DEFAULT_LIMITS) -> Sniffed:
    """Media type and image size of ``data``; raises :class:`ImageTooLarge` (only)."""
    media_type = sniff_media_type(data)
    if media_type not in SIZED_IMAGE_TYPES:
        return Sniffed(media_type)
    try:
        info = image_info(data, media_type)
    except MalformedImage:
        return Sniffed(media_type)
    if info is not None:
        check_image(info, limits)
    return Sniffed(media_type, info)


def check_image(info: ImageInfo, limits: ImageLimits = DEFAULT_LIMITS) -> None:
    """Raise :class:`ImageTooLarge` if ``info`` is beyond ``limits``."""
    if (
        info.width > limits.max_side
        or info.height > limits.max_side
        or info.pixels > limits.max_pixels
    ):
        raise ImageTooLarge(info, limits)


def sniff_media_type(data: bytes) -> str:
    """The media type of ``data`` judged from its content; :data:`OCTET_STREAM` if unknown."""
    try:
        return _sniff(data)
    except MediaError:
        raise
    except Exception:  # a detector tripped over hostile bytes: we do not know what it is
        return OCTET_STREAM


def image_info(data: bytes, media_type: str | None = None) -> ImageInfo | None:
    """The declared size of an image, read from its header only.

    ``media_type`` defaults to :func:`sniff_media_type`. Returns None when ``data`` is not an
    image whose size this module reads; raises :class:`MalformedImage` when the header is
    damaged or declares a zero size.
    """
    kind = sniff_media_type(data) if media_type is None else media_type
    reader = _SIZE_READERS.get(kind)
    if reader is None:
        return None
    try:
        info = reader(data)
    except MediaError:
        raise
    except Exception:
        raise MalformedImage() from None
    if info is not None and (info.width <= 0 or info.height <= 0):
        raise MalformedImage()
    return info


# -- detection --------------------------------------------------------------------------------


def _sniff(data: bytes) -> str:
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


# -- image sizes ----------------------------------------------------------------------------


def _png_size(data: bytes) -> ImageInfo:
    if len(data) < 24 or data[12:16] != b"IHDR" or int.from_bytes(data[8:12], "big") != 13:
        raise MalformedImage()
    width, height = struct.unpack_from(">II", data, 16)
    if width > 0x7FFFFFFF or height > 0x7FFFFFFF:
        raise MalformedImage()
    return ImageInfo(width, height)


_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_STANDALONE_MARKERS = frozenset(range(0xD0, 0xD8)) | {0x01}


def _jpeg_size(data: bytes) -> ImageInfo:
    """Walk the marker segments up to the first start-of-frame (SOFn) and read its size."""
    at = 2
    end = len(data)
    budget = JPEG_WALK_BUDGET  # hostile files: millions of empty segments or fill bytes
    while at < end and budget > 0:
        if data[at] != 0xFF:
            raise MalformedImage()
        while at < end and data[at] == 0xFF and budget > 0:  # fill bytes
            at += 1
            budget -= 1
        budget -= 1
        if at >= end:
            break
        marker = data[at]
        at += 1
        if marker in _STANDALONE_MARKERS:
            continue
        if marker in (0xD8, 0xD9, 0xDA, 0x00):  # SOI again, EOI or scan before any frame
            break
        if at + 2 > end:
            break
        length = int.from_bytes(data[at : at + 2], "big")
        if length < 2:
            break
        if marker in _SOF_MARKERS:
            if length < 7 or at + 7 > end:
                break
            height, width = struct.unpack_from(">HH", data, at + 3)
            if height == 0:  # "defined later by a DNL marker": the size cannot be checked
                break
            return ImageInfo(width, height)
        at += length
    raise MalformedImage()


def _gif_size(data: bytes) -> ImageInfo:
    if len(data) < 10:
        raise MalformedImage()
    width, height = struct.unpack_from("<HH", data, 6)
    return ImageInfo(width, height)


def _webp_size(data: bytes) -> ImageInfo:
    if len(data) < 30:
        raise MalformedImage()
    chunk = data[12:16]
    if chunk == b"VP8 ":
        if data[23:26] != b"\x9d\x01\x2a":
            raise MalformedImage()
        width, height = struct.unpack_from("<HH", data, 26)
        return ImageInfo(width & 0x3FFF, height & 0x3FFF)
    if chunk == b"VP8L":
        if data[20] != 0x2F:
            raise MalformedImage()
        bits = int.from_bytes(data[21:25], "little")
        return ImageInfo((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    if chunk == b"VP8X":
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return ImageInfo(width, height)
    raise MalformedImage()


def _bmp_size(data: bytes) -> ImageInfo:
    if len(data) < 26:
        raise MalformedImage()
    header_size = int.from_bytes(data[14:18], "little")
    if header_size == 12:
        width, height = struct.unpack_from("<HH", data, 18)
        return ImageInfo(width, height)
    width, height = struct.unpack_from("<ii", data, 18)
    if width <= 0 or height == -(2**31):
        raise MalformedImage()
    return ImageInfo(width, abs(height))  # a negative height means "stored top-down"


def _tiff_size(data: bytes) -> ImageInfo | None:
    if data[2:4] in (b"+\x00", b"\x00+"):
        return None  # BigTIFF: size not read here
    order = "<" if data[:2] == b"II" else ">"
    if len(data) < 8:
        raise MalformedImage()
    (ifd,) = struct.unpack_from(order + "I", data, 4)
    if ifd + 2 > len(data):
        raise MalformedImage()
    (count,) = struct.unpack_from(order + "H", data, ifd)
    width = height = 0
    for index in range(count):
        entry = ifd + 2 + 12 * index
        if entry + 12 > len(data):
            raise MalformedImage()
        tag, kind, number = struct.unpack_from(order + "HHI", data, entry)
        if tag not in (256, 257) or number != 1:
            continue
        if kind == 3:  # SHORT
            (value,) = struct.unpack_from(order + "H", data, entry + 8)
        elif kind == 4:  # LONG
            (value,) = struct.unpack_from(order + "I", data, entry + 8)
        else:
            raise MalformedImage()
        if tag == 256:
            width = value
        else:
            height = value
    return ImageInfo(width, height)


_SIZE_READERS: dict[str, Callable[[bytes], ImageInfo | None]] = {
    PNG: _png_size,
    JPEG: _jpeg_size,
    GIF: _gif_size,
    WEBP: _webp_size,
    BMP: _bmp_size,
    TIFF: _tiff_size,
}


__all__ = [
    "DEFAULT_LIMITS",
    "IMAGE_TYPES",
    "OCTET_STREAM",
    "SIZED_IMAGE_TYPES",
    "ImageInfo",
    "ImageLimits",
    "ImageTooLarge",
    "MalformedImage",
    "MediaError",
    "Sniffed",
    "check_image",
    "image_info",
    "sniff",
    "sniff_media_type",
]
