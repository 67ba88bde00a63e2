"""The size an image's header declares, read without decoding anything (SECURITY.md 24).

One reader per sized image type (PNG, JPEG, GIF, WebP, BMP, TIFF); each raises
:class:`~peerdesk.storage.media_types.MalformedImage` on a damaged header. Used through
:func:`peerdesk.storage.sniff.image_info`.
"""

from __future__ import annotations

import struct
from collections.abc import Callable

from peerdesk.storage.media_types import (
    BMP,
    GIF,
    JPEG,
    PNG,
    TIFF,
    WEBP,
    ImageInfo,
    MalformedImage,
)

#: How many bytes and markers a JPEG header walk may take before the header counts as damaged.
JPEG_WALK_BUDGET = 1_000_000


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


SIZE_READERS: dict[str, Callable[[bytes], ImageInfo | None]] = {
    PNG: _png_size,
    JPEG: _jpeg_size,
    GIF: _gif_size,
    WEBP: _webp_size,
    BMP: _bmp_size,
    TIFF: _tiff_size,
}
