"""The media types the sniffer tells apart, and what it reports about an image.

The vocabulary of ``sniff.py`` (the entry points), ``sniff_formats.py`` (which format the
bytes are) and ``image_headers.py`` (the size an image header declares).
"""

from __future__ import annotations

from dataclasses import dataclass

from peerdesk.i18n import N_
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


class MediaError(VaultError):
    """Base class for what sniffing can raise."""

    kind = "media-error"
    default_message = N_("This file's contents could not be read.")


class MalformedImage(MediaError):
    kind = "malformed-image"
    default_message = N_("This picture's header is damaged, so its size cannot be read.")


@dataclass(frozen=True, slots=True)
class ImageInfo:
    """The size an image's header declares (nothing was decoded)."""

    width: int
    height: int

    @property
    def pixels(self) -> int:
        return self.width * self.height
