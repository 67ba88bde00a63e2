"""What a file really is, judged from its bytes, never from its name (SECURITY.md 24).

:func:`sniff_media_type` looks at the content only: an ``.exe`` renamed ``photo.png`` is
``application/octet-stream``. :func:`image_info` reads an image's declared size from its header
alone (nothing is decoded), and :func:`check_image` refuses sizes that a decoder should never be
asked to allocate (a 100-byte PNG can declare 30000 x 30000 pixels). :func:`sniff` does both.

Every function here takes arbitrary bytes and raises nothing but :class:`MediaError`
subclasses. Standard library only: no Pillow, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from peerdesk.i18n import N_, _
from peerdesk.storage.image_headers import SIZE_READERS
from peerdesk.storage.media_types import (
    IMAGE_TYPES,
    OCTET_STREAM,
    SIZED_IMAGE_TYPES,
    ImageInfo,
    MalformedImage,
    MediaError,
)
from peerdesk.storage.sniff_formats import detect


class ImageTooLarge(MediaError):
    kind = "image-too-large"
    default_message = N_("This picture is too large to open safely.")

    def __init__(self, info: ImageInfo, limits: ImageLimits) -> None:
        self.info = info
        self.limits = limits
        super().__init__(
            # translators: {width}, {height}, {side} and {millions} are numbers
            _(
                "This picture declares a size of {width} x {height} pixels. "
                "PeerDesk opens pictures up to {side} pixels wide or high and "
                "{millions} million pixels in all."
            ).format(
                width=f"{info.width:,}",
                height=f"{info.height:,}",
                side=f"{limits.max_side:,}",
                millions=f"{limits.max_pixels // 1_000_000:,}",
            )
        )


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
        return detect(data)
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
    reader = SIZE_READERS.get(kind)
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
