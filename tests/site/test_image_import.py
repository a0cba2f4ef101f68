"""Image import: recognised by content, named safely and readably, never overwriting a different file."""

from __future__ import annotations

import io
import re
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from PIL import Image, features

from editor.site.config import SiteConfig, infer_site, load_site
from editor.site.image_import import (
    ImageImportError,
    detect_image_extension,
    import_image,
    import_image_bytes,
    safe_image_name,
)

SAFE_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9]+$")
SVG = b'<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd">\n<!-- logo -->\n<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>'


def image_bytes(fmt: str, colour: str = "red", size: tuple[int, int] = (8, 6)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=fmt)
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A well-formed PNG whose header claims a huge size; the pixel data is never reached."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0"))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def site(example_site: Path) -> SiteConfig:
    return load_site(example_site)


def files_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


# --- recognising images ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "extension"),
    [("PNG", ".png"), ("JPEG", ".jpg"), ("GIF", ".gif"), ("WEBP", ".webp"), ("BMP", ".bmp")],
)
def test_real_images_are_imported_with_the_extension_of_their_format(
    site: SiteConfig, tmp_path: Path, fmt: str, extension: str
) -> None:
    source = tmp_path / f"Photo.{fmt.lower()}"
    source.write_bytes(image_bytes(fmt))
    imported = import_image(site, source)
    assert imported.path == site.image_dir / f"photo{extension}"
    assert imported.url == f"/images/blog/photo{extension}"
    assert imported.reused is False
    assert imported.path.read_bytes() == source.read_bytes()
    assert site.url_to_path(imported.url) == imported.path


def test_avif_is_imported_where_pillow_reads_it(site: SiteConfig) -> None:
    if not features.check("avif"):
        pytest.skip("this Pillow build has no AVIF codec")
    imported = import_image_bytes(site, image_bytes("AVIF"), "sky")
    assert imported.path.name == "sky.avif"


def test_a_png_that_is_really_text_is_refused_and_nothing_is_written(
    site: SiteConfig, tmp_path: Path
) -> None:
    before = files_in(site.image_dir)
    source = tmp_path / "fake.png"
    source.write_text("just some notes", encoding="utf-8")
    with pytest.raises(ImageImportError) as caught:
        import_image(site, source)
    assert caught.value.message == "fake.png is not an image (PNG, JPEG, GIF, WebP, SVG or AVIF)"
    assert files_in(site.image_dir) == before


def test_a_txt_that_is_really_a_png_is_named_png(site: SiteConfig, tmp_path: Path) -> None:
    source = tmp_path / "notes.txt"
    source.write_bytes(image_bytes("PNG"))
    assert import_image(site, source).path.name == "notes.png"


def test_a_jpeg_named_png_gets_jpg(site: SiteConfig) -> None:
    assert import_image_bytes(site, image_bytes("JPEG"), "holiday.png").path.name == "holiday.jpg"


def test_svg_is_recognised_by_its_root_element(site: SiteConfig) -> None:
    imported = import_image_bytes(site, SVG, "Logo.SVG")
    assert imported.path.name == "logo.svg"
    assert detect_image_extension(b"\xef\xbb\xbf<svg:svg xmlns:svg='http://www.w3.org/2000/svg'/>") == ".svg"


@pytest.mark.parametrize(
    "data",
    [
        b"<html><body><svg></svg></body></html>",
        b"<!-- " + b"x" * 5000 + b" --><svg/>",
        b"<svgfoo/>",
        b"",
    ],
    ids=["svg-inside-html", "svg-root-beyond-4kb", "not-svg-element", "empty"],
)
def test_things_that_only_mention_svg_are_refused(data: bytes) -> None:
    with pytest.raises(ImageImportError, match="is not an image"):
        detect_image_extension(data, "x.svg")


def test_formats_browsers_cannot_show_are_named_in_the_refusal() -> None:
    with pytest.raises(ImageImportError) as caught:
        detect_image_extension(image_bytes("TIFF"), "scan.tif")
    assert (
        caught.value.message
        == "scan.tif is a TIFF image, which browsers cannot show; save it as PNG or JPEG first"
    )
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"
    with pytest.raises(ImageImportError, match=r"IMG_0001\.HEIC is a HEIC photo"):
        detect_image_extension(heic, "IMG_0001.HEIC")


def test_a_damaged_png_is_refused(site: SiteConfig) -> None:
    data = bytearray(image_bytes("PNG", size=(64, 64)))
    idat = data.index(b"IDAT")
    data[idat + 8] ^= 0xFF
    with pytest.raises(ImageImportError, match=r"^broken\.png is a damaged image: "):
        import_image_bytes(site, bytes(data), "broken.png")


@pytest.mark.parametrize(
    ("width", "height"), [(20_000, 20_000), (10_000, 10_000)], ids=["over-2x", "over-1x"]
)
def test_decompression_bombs_are_refused(site: SiteConfig, width: int, height: int) -> None:
    with pytest.raises(ImageImportError, match="too many pixels"):
        import_image_bytes(site, png_claiming(width, height), "bomb.png")
    assert not (site.image_dir / "bomb.png").exists()


def test_an_unreadable_source_says_why(site: SiteConfig, tmp_path: Path) -> None:
    with pytest.raises(ImageImportError) as caught:
        import_image(site, tmp_path / "gone.png")
    assert caught.value.message == f"Could not read gone.png: File not found: {tmp_path / 'gone.png'}"


def test_a_folder_as_source_is_refused(site: SiteConfig, tmp_path: Path) -> None:
    with pytest.raises(ImageImportError, match="Is a folder"):
        import_image(site, tmp_path)


# --- names -----------------------------------------------------------------------------------------------


def test_danish_names_are_transliterated(site: SiteConfig, tmp_path: Path) -> None:
    source = tmp_path / "Æbleskiver på bordet.JPG"
    source.write_bytes(image_bytes("JPEG"))
    imported = import_image(site, source)
    assert imported.path.name == "aebleskiver-paa-bordet.jpg"
    assert imported.url == "/images/blog/aebleskiver-paa-bordet.jpg"


@pytest.mark.parametrize(
    ("name", "extension", "expected"),
    [
        ("Æbleskiver på bordet.JPG", ".jpg", "aebleskiver-paa-bordet.jpg"),
        ("ØRESUND Ålborg.png", ".png", "oeresund-aalborg.png"),
        ("Größe über Köln.png", ".png", "groesse-ueber-koeln.png"),
        ("Crème brûlée, naïve café.jpeg", ".jpg", "creme-brulee-naive-cafe.jpg"),
        ("a\u030angstrøm.png", ".png", "aangstroem.png"),
        ("../../etc/passwd.png", ".png", "passwd.png"),
        ("..\\..\\Windows\\evil.png", ".png", "evil.png"),
        (".hidden.png", ".png", "hidden.png"),
        ("...", ".png", "image.png"),
        ("", ".png", "image.png"),
        ("日本語.png", ".png", "image.png"),
        ("CON.png", ".png", "con-image.png"),
        ("Screenshot 2024-01-01 at 10.30.15", ".png", "screenshot-2024-01-01-at-10-30-15.png"),
        ("report.final.v2.PNG", ".png", "report-final-v2.png"),
        ("photo.JPG", None, "photo.jpg"),
        ("no extension", None, "no-extension"),
        ("x" * 300 + ".png", ".png", "x" * 80 + ".png"),
    ],
)
def test_safe_image_name(name: str, extension: str | None, expected: str) -> None:
    assert safe_image_name(name, extension) == expected


@example("../../etc/passwd.png", ".png")
@example("..", ".svg")
@example("/", ".jpg")
@given(st.text(), st.sampled_from([".png", ".jpg", ".gif", ".webp", ".svg", ".avif", ".bmp", "png"]))
def test_safe_names_are_always_plain_and_stable(name: str, extension: str) -> None:
    safe = safe_image_name(name, extension)
    assert SAFE_NAME.match(safe)
    assert "/" not in safe and "\\" not in safe and ".." not in safe
    assert safe_image_name(safe, extension) == safe


@given(st.text())
def test_safe_names_without_a_given_extension_are_plain(name: str) -> None:
    safe = safe_image_name(name)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*(\.[a-z][a-z0-9]{0,4})?", safe)
    assert "/" not in safe and ".." not in safe


# --- never overwriting -----------------------------------------------------------------------------------


def test_the_same_bytes_reuse_the_existing_file(site: SiteConfig) -> None:
    first = import_image_bytes(site, image_bytes("PNG"), "chart.png")
    before = files_in(site.image_dir)
    again = import_image_bytes(site, image_bytes("PNG"), "chart.png")
    assert again.reused is True
    assert again.path == first.path and again.url == first.url
    assert files_in(site.image_dir) == before


def test_different_bytes_get_a_numbered_name(site: SiteConfig) -> None:
    red = import_image_bytes(site, image_bytes("PNG", "red"), "chart.png")
    blue = import_image_bytes(site, image_bytes("PNG", "blue"), "chart.png")
    green = import_image_bytes(site, image_bytes("PNG", "green"), "chart.png")
    assert [red.path.name, blue.path.name, green.path.name] == ["chart.png", "chart-2.png", "chart-3.png"]
    assert red.path.read_bytes() == image_bytes("PNG", "red")
    assert blue.path.read_bytes() == image_bytes("PNG", "blue")
    again = import_image_bytes(site, image_bytes("PNG", "blue"), "chart.png")
    assert (again.path.name, again.reused) == ("chart-2.png", True)


def test_an_existing_site_image_is_never_touched(site: SiteConfig) -> None:
    existing = site.image_dir / "mrscanning_konsekvenser_intro.png"
    original = existing.read_bytes()
    imported = import_image_bytes(site, image_bytes("PNG"), "mrscanning_konsekvenser_intro.png")
    assert imported.path.name == "mrscanning-konsekvenser-intro.png"
    assert existing.read_bytes() == original


def test_a_folder_in_the_way_is_skipped(site: SiteConfig) -> None:
    (site.image_dir / "chart.png").mkdir()
    assert import_image_bytes(site, image_bytes("PNG"), "chart.png").path.name == "chart-2.png"


def test_a_missing_image_folder_is_created(tmp_path: Path) -> None:
    site = infer_site(tmp_path)
    assert not site.image_dir.exists()
    imported = import_image_bytes(site, image_bytes("GIF"), "Skærmbillede 2024.gif")
    assert imported.path == tmp_path / "public" / "images" / "blog" / "skaermbillede-2024.gif"
    assert imported.url == "/images/blog/skaermbillede-2024.gif"


def test_a_pasted_image_without_a_name_extension_gets_one(site: SiteConfig) -> None:
    assert import_image_bytes(site, image_bytes("PNG"), "Pasted image").path.name == "pasted-image.png"


def test_no_temp_files_are_left_in_the_image_folder(site: SiteConfig) -> None:
    import_image_bytes(site, image_bytes("PNG"), "a.png")
    import_image_bytes(site, image_bytes("PNG", "blue"), "a.png")
    assert not [name for name in files_in(site.image_dir) if name.startswith(".")]
