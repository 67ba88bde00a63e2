"""Media types from content, image sizes from headers, limits (SECURITY.md 24).

Every sample is built here from the format's own rules (struct, zlib, zipfile), not read from
files, so each test shows exactly which bytes make a type.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peerdesk.storage import image_headers, sniff_formats
from peerdesk.storage import sniff as sniff_module
from peerdesk.storage.sniff import (
    ImageInfo,
    ImageLimits,
    ImageTooLarge,
    MalformedImage,
    MediaError,
    check_image,
    image_info,
    sniff,
    sniff_media_type,
)

# -- builders ---------------------------------------------------------------------------------


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)


def make_png(width: int, height: int, *, pixels: bool = True) -> bytes:
    """A real 8-bit greyscale PNG. With ``pixels=False`` the IDAT holds one row only: the
    header still declares ``width`` x ``height`` (the "tiny PNG, huge declared size" case)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    row = b"\x00" + b"\x80" * width  # filter type 0, then one grey byte per pixel
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", zlib.compress(row * (height if pixels else 1)))
        + png_chunk(b"IEND", b"")
    )


def jpeg_segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def make_jpeg(width: int, height: int, *, sof: int = 0xC0, exif_thumb: bool = False) -> bytes:
    """SOI, APP0 (JFIF), optional APP1 holding a thumbnail with its own SOF, DQT, SOFn, DHT,
    SOS, a little entropy-coded data, EOI."""
    app0 = jpeg_segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
    app1 = b""
    if exif_thumb:
        thumb = b"\xff\xd8" + jpeg_segment(0xC0, struct.pack(">BHHB", 8, 120, 160, 1)) + b"\xff\xd9"
        app1 = jpeg_segment(0xE1, b"Exif\x00\x00" + b"\x00" * 10 + thumb)
    dqt = jpeg_segment(0xDB, b"\x00" + bytes(range(1, 65)))
    frame = jpeg_segment(sof, struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00")
    dht = jpeg_segment(0xC4, b"\x00" + b"\x01" + b"\x00" * 15 + b"\x00")
    sos = jpeg_segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")
    scan = b"\x12\x34" * 8
    return b"\xff\xd8" + app0 + app1 + dqt + b"\xff\xff" + frame + dht + sos + scan + b"\xff\xd9"


def make_gif(width: int, height: int) -> bytes:
    return (
        b"GIF89a"
        + struct.pack("<HHBBB", width, height, 0x80, 0, 0)
        + b"\x00\x00\x00\xff\xff\xff"  # global colour table (2 entries)
        + b"\x2c"
        + struct.pack("<HHHHB", 0, 0, width, height, 0)
        + b"\x02\x02\x44\x01\x00"  # LZW min code size, one sub-block, terminator
        + b"\x3b"
    )


def riff(form: bytes, chunks: bytes) -> bytes:
    return b"RIFF" + struct.pack("<I", 4 + len(chunks)) + form + chunks


def make_webp_vp8(width: int, height: int) -> bytes:
    payload = b"\x50\x01\x00" + b"\x9d\x01\x2a" + struct.pack("<HH", width, height) + b"\x00" * 8
    return riff(b"WEBP", b"VP8 " + struct.pack("<I", len(payload)) + payload)


def make_webp_vp8l(width: int, height: int) -> bytes:
    bits = (width - 1) | ((height - 1) << 14)
    payload = b"\x2f" + struct.pack("<I", bits) + b"\x00" * 5
    return riff(b"WEBP", b"VP8L" + struct.pack("<I", len(payload)) + payload)


def make_webp_vp8x(width: int, height: int) -> bytes:
    payload = (
        b"\x00\x00\x00\x00" + (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    )
    return riff(b"WEBP", b"VP8X" + struct.pack("<I", len(payload)) + payload)


def make_bmp(width: int, height: int, *, top_down: bool = False) -> bytes:
    row = (width * 3 + 3) // 4 * 4
    pixels = b"\x00" * (row * abs(height)) if width * abs(height) < 10_000 else b""
    info = struct.pack(
        "<IiiHHIIiiII",
        40,
        width,
        -height if top_down else height,
        1,
        24,
        0,
        len(pixels),
        2835,
        2835,
        0,
        0,
    )
    header = b"BM" + struct.pack("<IHHI", 14 + 40 + len(pixels), 0, 0, 14 + 40)
    return header + info + pixels


def make_tiff(width: int, height: int, *, big_endian: bool = False) -> bytes:
    o = ">" if big_endian else "<"
    entries = [(256, 4, 1, width), (257, 3 if height < 65536 else 4, 1, height), (258, 3, 1, 8)]
    ifd = struct.pack(o + "H", len(entries))
    for tag, kind, count, value in entries:
        short = struct.pack(o + "H", value) + b"\x00\x00" if kind == 3 else b""
        packed = short or struct.pack(o + "I", value)
        ifd += struct.pack(o + "HHI", tag, kind, count) + packed
    ifd += struct.pack(o + "I", 0)
    head = (b"MM\x00*" if big_endian else b"II*\x00") + struct.pack(o + "I", 8)
    return head + ifd


def ftyp(major: bytes, *compatible: bytes) -> bytes:
    body = major + b"\x00\x00\x02\x00" + b"".join(compatible)
    box = struct.pack(">I", 8 + len(body)) + b"ftyp" + body
    return box + struct.pack(">I", 16) + b"mdat" + b"\x00" * 8


def make_zip(names: dict[str, bytes], *, first_stored: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if first_stored is not None:
            archive.writestr(first_stored, names[first_stored], compress_type=zipfile.ZIP_STORED)
        for name, data in names.items():
            if name != first_stored:
                archive.writestr(name, data)
    return buffer.getvalue()


CONTENT_TYPES = {"[Content_Types].xml": b'<?xml version="1.0"?><Types/>'}


def make_docx() -> bytes:
    return make_zip({**CONTENT_TYPES, "_rels/.rels": b"<r/>", "word/document.xml": b"<w/>"})


def mp3_frame() -> bytes:
    # MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, no padding: 144 * 128000 // 44100 = 417 bytes.
    return b"\xff\xfb\x90\x00" + b"\x00" * 413


EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 44
    + (b"\x80\x00\x00\x00" + b"\x00" * 64 + b"PE\x00\x00\x4c\x01\x03\x00" + b"\x00" * 200)
)

EML = (
    b"Received: from mail.example.org by mx.example.com; Tue, 4 Mar 2025 09:12:00 +0000\r\n"
    b"From: Team Lead <lead@example.org>\r\n"
    b"To: me@example.com\r\n"
    b"Subject: Re: the meeting\r\n"
    b"\tcontinued subject line\r\n"
    b"Date: Tue, 4 Mar 2025 09:11:58 +0000\r\n"
    b"\r\n"
    b"You will regret raising this.\r\n"
)


SAMPLES: dict[str, bytes] = {
    "image/png": make_png(3, 2),
    "image/jpeg": make_jpeg(640, 480),
    "image/gif": make_gif(2, 2),
    "image/webp": make_webp_vp8(100, 50),
    "image/bmp": make_bmp(2, 2),
    "image/tiff": make_tiff(4, 3),
    "image/heic": ftyp(b"heic", b"mif1", b"heic"),
    "image/heif": ftyp(b"mif1", b"mif1"),
    "image/avif": ftyp(b"avif", b"avif", b"mif1", b"miaf"),
    "application/pdf": b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": make_docx(),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": make_zip(
        {**CONTENT_TYPES, "xl/workbook.xml": b"<x/>"}
    ),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": make_zip(
        {**CONTENT_TYPES, "ppt/presentation.xml": b"<p/>"}
    ),
    "application/vnd.oasis.opendocument.text": make_zip(
        {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<o/>"},
        first_stored="mimetype",
    ),
    "application/zip": make_zip({"notes/a.txt": b"hello", "b.txt": b"world"}),
    "message/rfc822": EML,
    "audio/mpeg": mp3_frame() * 2,
    "audio/mp4": ftyp(b"M4A ", b"M4A ", b"mp42", b"isom"),
    "audio/wav": riff(
        b"WAVE",
        b"fmt "
        + struct.pack("<IHHIIHH", 16, 1, 1, 8000, 16000, 2, 16)
        + b"data"
        + struct.pack("<I", 4)
        + b"\x00\x00\x00\x00",
    ),
    "audio/ogg": b"OggS\x00\x02" + b"\x00" * 20 + b"\x01\x1evorbis",
    "audio/flac": b"fLaC\x00\x00\x00\x22" + b"\x00" * 34,
    "video/mp4": ftyp(b"isom", b"isom", b"iso2", b"avc1", b"mp41"),
    "video/quicktime": ftyp(b"qt  ", b"qt  "),
    "video/3gpp": ftyp(b"3gp4", b"isom", b"3gp4"),
    "text/plain": "Tuesday: he shouted again, in front of the team. ✔ Café\n".encode(),
}


# -- detection ----------------------------------------------------------------------------


@pytest.mark.parametrize(("expected", "data"), list(SAMPLES.items()), ids=list(SAMPLES))
def test_each_type_is_recognised_from_its_bytes(expected: str, data: bytes) -> None:
    assert sniff_media_type(data) == expected


def test_sample_builders_are_real_files() -> None:
    """The builders make what they claim (checked with the standard library where it can)."""
    png = SAMPLES["image/png"]
    assert zlib.decompress(png[png.index(b"IDAT") + 4 : png.index(b"IEND") - 8]) == (
        b"\x00\x80\x80\x80" * 2
    )
    with zipfile.ZipFile(io.BytesIO(make_docx())) as archive:
        assert archive.read("word/document.xml") == b"<w/>"
    import email

    message = email.message_from_bytes(EML)
    assert message["Subject"].startswith("Re: the meeting")


@pytest.mark.parametrize(
    "data",
    [
        "plain text".encode("utf-8-sig"),
        b"\xff\xfe" + "UTF-16 little endian ✔ note".encode("utf-16-le"),
        b"\xfe\xff" + "UTF-16 big endian note".encode("utf-16-be"),
        "Ünïcödé text without BOM\r\n\ttabbed\n".encode(),
        "ℹ️ emoji 👋 and CJK 欺凌".encode(),
    ],
)
def test_text_in_utf8_and_utf16(data: bytes) -> None:
    assert sniff_media_type(data) == "text/plain"


def test_long_utf8_text_cut_inside_a_character_is_still_text() -> None:
    # The sample boundary (64 KiB) falls inside a 3-byte character.
    data = b"a" + "€".encode() * 30_000
    assert len(data) > sniff_formats.TEXT_SAMPLE
    assert sniff_media_type(data) == "text/plain"


@pytest.mark.parametrize(
    "data",
    [
        EXE,
        b"\x00\x01\x02\x03" * 50,
        b"binary with NUL\x00 inside",
        "latin-1 caf\xe9 is not UTF-8".encode("latin-1"),
        b"text with many controls \x01\x02\x03\x04\x05\x06\x07\x08",
        b"",
        b"\xff\xfe\x41",  # half a UTF-16 code unit
    ],
    ids=["exe", "binary", "nul", "latin1", "controls", "empty", "odd-utf16"],
)
def test_unknown_content_is_octet_stream(data: bytes) -> None:
    assert sniff_media_type(data) == "application/octet-stream"


def test_an_exe_renamed_png_is_not_a_png() -> None:
    # There is no name to be fooled by: the API takes bytes only.
    assert sniff(EXE).media_type == "application/octet-stream"
    assert sniff(EXE).image is None
    assert image_info(EXE) is None


def test_a_png_named_anything_is_a_png() -> None:
    assert sniff(SAMPLES["image/png"]) == sniff_module.Sniffed("image/png", ImageInfo(3, 2))


def test_text_that_only_looks_like_a_header_is_not_email() -> None:
    note = b"Subject: what happened on Monday\nHe took my chair and laughed.\n"
    assert sniff_media_type(note) == "text/plain"
    one_header = b"Subject: hello\n\nbody\n"
    assert sniff_media_type(one_header) == "text/plain"


def test_email_saved_with_an_mbox_from_line() -> None:
    assert sniff_media_type(b"From lead@example.org Tue Mar  4 09:12:00 2025\n" + EML) == (
        "message/rfc822"
    )


def test_text_mentioning_pdf_or_magic_words_is_text() -> None:
    assert sniff_media_type(b"I saved it as %PDF-1.7 but it would not open.\n") == "text/plain"
    assert sniff_media_type(b"Too wide a gap.\n") == "text/plain"
    assert sniff_media_type(b"PK means nothing here\n") == "text/plain"


def test_pdf_with_junk_before_the_header() -> None:
    data = b"\x00\x00garbage\n%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
    assert sniff_media_type(data) == "application/pdf"


def test_zip_with_word_folder_but_no_content_types_is_plain_zip() -> None:
    assert sniff_media_type(make_zip({"word/readme.txt": b"x"})) == "application/zip"


def test_id3_tag_and_mpeg_frames() -> None:
    id3 = b"ID3\x04\x00\x00" + bytes([0, 0, 0, 10]) + b"\x00" * 10
    assert sniff_media_type(id3 + mp3_frame()) == "audio/mpeg"
    assert sniff_media_type(id3 + b"fLaC" + b"\x00" * 40) == "audio/flac"
    # A frame header followed by rubbish where the next frame should be is not MP3.
    assert sniff_media_type(mp3_frame() + b"\x00" * 500) == "application/octet-stream"


def test_quicktime_without_ftyp() -> None:
    moov = struct.pack(">I", 24) + b"moov" + struct.pack(">I", 16) + b"mvhd" + b"\x00" * 8
    assert sniff_media_type(moov) == "video/quicktime"


# -- zip safety ---------------------------------------------------------------------------------


def test_office_detection_never_decompresses(monkeypatch: pytest.MonkeyPatch) -> None:
    # A member that inflates to 50 MB: only the central directory may be read.
    bomb = make_zip({**CONTENT_TYPES, "word/document.xml": b"\x00" * 50_000_000})
    assert len(bomb) < 200_000

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("sniffing must not open a zip member")

    monkeypatch.setattr(zipfile.ZipFile, "open", refuse)
    monkeypatch.setattr(zipfile.ZipFile, "read", refuse)
    assert sniff_media_type(bomb) == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )


def test_a_huge_central_directory_is_not_listed(monkeypatch: pytest.MonkeyPatch) -> None:
    docx = make_docx()
    monkeypatch.setattr(sniff_formats, "ZIP_DIRECTORY_MAX", 16)
    calls: list[object] = []
    real = zipfile.ZipFile

    def spy(*args: object, **kwargs: object) -> zipfile.ZipFile:
        calls.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sniff_formats.zipfile, "ZipFile", spy)
    assert sniff_media_type(docx) == "application/zip"
    assert calls == []
    monkeypatch.setattr(sniff_formats, "ZIP_DIRECTORY_MAX", 1024 * 1024)
    assert sniff_media_type(docx).endswith("wordprocessingml.document")
    assert len(calls) == 1  # the spy does see a listing when the directory is small


def test_a_zip_claiming_an_enormous_directory_is_plain_zip() -> None:
    eocd = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFF0, 0, 0)
    assert sniff_media_type(b"PK\x03\x04" + b"\x00" * 26 + eocd) == "application/zip"


# -- image sizes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "size"),
    [
        (make_png(3, 2), (3, 2)),
        (make_jpeg(640, 480), (640, 480)),
        (make_jpeg(1024, 768, sof=0xC2), (1024, 768)),  # progressive
        (make_jpeg(4032, 3024, exif_thumb=True), (4032, 3024)),  # not the thumbnail's 160x120
        (make_gif(17, 9), (17, 9)),
        (make_webp_vp8(100, 50), (100, 50)),
        (make_webp_vp8l(321, 123), (321, 123)),
        (make_webp_vp8x(4000, 3000), (4000, 3000)),
        (make_bmp(5, 4), (5, 4)),
        (make_bmp(5, 4, top_down=True), (5, 4)),
        (make_tiff(640, 480), (640, 480)),
        (make_tiff(800, 600, big_endian=True), (800, 600)),
    ],
    ids=[
        "png",
        "jpeg",
        "jpeg-progressive",
        "jpeg-exif-thumb",
        "gif",
        "webp-vp8",
        "webp-vp8l",
        "webp-vp8x",
        "bmp",
        "bmp-top-down",
        "tiff-le",
        "tiff-be",
    ],
)
def test_image_size_from_header(data: bytes, size: tuple[int, int]) -> None:
    assert image_info(data) == ImageInfo(*size)
    assert sniff(data).image == ImageInfo(*size)


def test_heic_is_an_image_without_a_read_size() -> None:
    result = sniff(SAMPLES["image/heic"])
    assert result.media_type == "image/heic"
    assert result.image is None


@pytest.mark.parametrize(
    "data",
    [
        make_png(30000, 30000, pixels=False),
        make_png(20001, 1, pixels=False),
        make_png(15000, 15000, pixels=False),  # each side allowed, 225 million pixels not
        make_jpeg(65535, 65535),
        make_gif(30000, 30000),
        make_webp_vp8x(16384, 16384),
        make_bmp(30000, 30000),
        make_tiff(100_000, 10),
    ],
    ids=["png-30000", "png-wide", "png-pixels", "jpeg", "gif", "webp", "bmp", "tiff"],
)
def test_declared_size_over_the_limits_is_refused(data: bytes) -> None:
    assert len(data) < 2000  # tiny files, enormous declared sizes
    with pytest.raises(ImageTooLarge) as info:
        sniff(data)
    assert "pixels" in info.value.user_message
    assert isinstance(info.value, MediaError)


def test_the_limits_are_inclusive() -> None:
    assert sniff(make_png(20000, 5000, pixels=False)).image == ImageInfo(20000, 5000)
    check_image(ImageInfo(20_000, 5_000))
    with pytest.raises(ImageTooLarge):
        check_image(ImageInfo(20_000, 5_001))
    with pytest.raises(ImageTooLarge):
        check_image(ImageInfo(20_001, 1))


def test_custom_limits() -> None:
    with pytest.raises(ImageTooLarge):
        sniff(make_png(3, 2), limits=ImageLimits(max_side=2, max_pixels=100))
    assert (
        sniff(
            make_png(30000, 30000, pixels=False),
            limits=ImageLimits(max_side=30000, max_pixels=10**9),
        ).image
        is not None
    )


@pytest.mark.parametrize(
    "data",
    [
        make_png(3, 2)[:20],  # cut inside IHDR
        make_png(0, 5),
        b"\x89PNG\r\n\x1a\n" + png_chunk(b"tEXt", b"x" * 13),  # no IHDR first
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 5,  # cut before any SOF
        make_jpeg(640, 0),  # height "defined later" (DNL): cannot be checked
        b"\xff\xd8\xff\xda\x00\x08" + b"\x00" * 6,  # scan before any frame
        b"GIF89a\x00",
        make_webp_vp8(0, 10),
        riff(b"WEBP", b"VP8 " + b"\x00" * 30),  # bad start code
        b"BM" + struct.pack("<IHHI", 70, 0, 0, 54) + struct.pack("<Iii", 40, -5, 5) + b"\0" * 40,
        make_tiff(0, 5),
        b"II*\x00" + struct.pack("<I", 10_000),  # IFD beyond the end
    ],
    ids=[
        "png-cut",
        "png-zero",
        "png-no-ihdr",
        "jpeg-cut",
        "jpeg-dnl",
        "jpeg-sos",
        "gif-cut",
        "webp-zero",
        "webp-start",
        "bmp-negative",
        "tiff-zero",
        "tiff-ifd",
    ],
)
def test_malformed_headers_raise_only_the_typed_error(data: bytes) -> None:
    with pytest.raises(MalformedImage):
        image_info(data)
    result = sniff(data)  # sniffing keeps the type but has no size to offer
    assert result.image is None


def test_a_jpeg_of_endless_fill_bytes_stops(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(image_headers, "JPEG_WALK_BUDGET", 1000)
    with pytest.raises(MalformedImage):
        image_info(b"\xff\xd8" + b"\xff" * 100_000 + make_jpeg(10, 10)[2:])


# -- property tests ---------------------------------------------------------------------------

PREFIXES = [
    b"",
    b"\x89PNG\r\n\x1a\n",
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR",
    b"\xff\xd8\xff",
    b"\xff\xd8\xff\xc0",
    b"GIF89a",
    b"RIFF\x00\x00\x00\x00WEBPVP8 ",
    b"RIFF\x00\x00\x00\x00WEBPVP8L",
    b"RIFF\x00\x00\x00\x00WEBPVP8X",
    b"BM",
    b"II*\x00",
    b"MM\x00*",
    b"II*\x00\x08\x00\x00\x00",
    b"\x00\x00\x00\x18ftyp",
    b"%PDF-",
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"ID3",
    b"\xff\xfb",
    b"From: a\nTo: b\n",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xef\xbb\xbf",
    b"OggS",
]


@settings(max_examples=400, deadline=None)
@given(prefix=st.sampled_from(PREFIXES), tail=st.binary(max_size=600))
def test_arbitrary_bytes_never_raise_anything_but_the_typed_error(
    prefix: bytes, tail: bytes
) -> None:
    check_only_typed_errors(prefix + tail)


def check_only_typed_errors(data: bytes) -> None:
    media_type = sniff_media_type(data)
    assert isinstance(media_type, str) and "/" in media_type
    try:
        result = sniff(data)
    except ImageTooLarge:
        return
    assert result.media_type == media_type
    for kind in sorted(sniff_module.SIZED_IMAGE_TYPES):
        try:
            info = image_info(data, kind)
        except MalformedImage:
            continue
        if info is not None:
            assert info.width > 0 and info.height > 0


SEEDS = [
    *SAMPLES.values(),
    make_jpeg(10, 10, exif_thumb=True),
    make_webp_vp8l(5, 5),
    make_webp_vp8x(5, 5),
    make_tiff(3, 3, big_endian=True),
]


@settings(max_examples=400, deadline=None)
@given(
    seed=st.sampled_from(SEEDS),
    cut=st.integers(0, 400),
    flips=st.lists(st.tuples(st.integers(0, 399), st.integers(0, 255)), max_size=4),
    tail=st.binary(max_size=50),
)
def test_damaged_real_files_never_raise_anything_but_the_typed_error(
    seed: bytes, cut: int, flips: list[tuple[int, int]], tail: bytes
) -> None:
    data = bytearray(seed[:cut])
    for at, value in flips:
        if at < len(data):
            data[at] = value
    check_only_typed_errors(bytes(data) + tail)


@settings(max_examples=200, deadline=None)
@given(width=st.integers(1, 70_000), height=st.integers(1, 70_000))
def test_declared_sizes_round_trip_and_are_checked(width: int, height: int) -> None:
    data = make_gif(width, height) if max(width, height) < 65536 else make_tiff(width, height)
    too_large = width > 20000 or height > 20000 or width * height > 100_000_000
    assert image_info(data) == ImageInfo(width, height)
    if too_large:
        with pytest.raises(ImageTooLarge):
            sniff(data)
    else:
        assert sniff(data).image == ImageInfo(width, height)
