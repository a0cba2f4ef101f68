"""Copying images into the site's image folder under safe, readable names, recognised by their content."""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from editor.article.slug import slugify
from editor.article.translatable import translatable
from editor.site.config import SiteConfig
from editor.site.errors import AlreadyExistsError, ImageImportError, SiteFileError
from editor.site.files import create_file, ensure_folder, read_file
from editor.site.svg_safety import svg_hazards

__all__ = [
    "IMAGE_SUFFIXES",
    "MAX_IMAGE_BYTES",
    "ImageImportError",
    "ImportedImage",
    "detect_image_extension",
    "import_image",
    "import_image_bytes",
    "safe_image_name",
]

MAX_IMAGE_BYTES = 50 * 1024 * 1024
FALLBACK_STEM = "image"

# Only what browsers show; Pillow reads many more (TIFF, PSD, EPS...) that would appear broken on the site.
# MPO is how Pillow names the multi-picture JPEGs many phones and cameras write.
_PILLOW_EXTENSIONS = {
    "PNG": ".png",
    "JPEG": ".jpg",
    "MPO": ".jpg",
    "GIF": ".gif",
    "WEBP": ".webp",
    "AVIF": ".avif",
    "BMP": ".bmp",
    "ICO": ".ico",
}
_KINDS_NAMED = translatable("SiteFileError", "PNG, JPEG, GIF, WebP, SVG or AVIF")
# File names that look like an image we import; drops are routed by name, the import checks the content.
IMAGE_SUFFIXES = frozenset({*_PILLOW_EXTENSIONS.values(), ".jpeg", ".svg"})
_SVG_SNIFF_BYTES = 4096
# An <svg> root after an optional BOM, XML declaration, comments, processing instructions and DOCTYPE.
_SVG_ROOT = re.compile(
    rb"""\A(?:\xef\xbb\xbf)?\s*
    (?:(?:<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[[^\]]*\])?\s*>)\s*)*
    <(?:[A-Za-z_][\w.-]*:)?svg[\s>/]""",
    re.DOTALL | re.VERBOSE,
)
# Formats writers meet (phone photos, scans) that browsers cannot show: named, so the refusal can say why.
_UNSHOWN_SIGNATURES = (
    (b"II*\x00", translatable("SiteFileError", "a TIFF image")),
    (b"MM\x00*", translatable("SiteFileError", "a TIFF image")),
    (b"8BPS", translatable("SiteFileError", "a Photoshop file")),
    (b"%PDF", translatable("SiteFileError", "a PDF document")),
)
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}

_EXTENSION = re.compile(r"[a-z][a-z0-9]{0,4}")
_MAX_STEM = 80
# Names Windows will not create, for sites edited or deployed from Windows machines.
_WINDOWS_RESERVED = frozenset(
    {
        "con",
        "prn",
        "aux",
        "nul",
        *(f"com{digit}" for digit in range(10)),
        *(f"lpt{digit}" for digit in range(10)),
    }
)


@dataclass(frozen=True)
class ImportedImage:
    """Where an imported image ended up, and whether an identical file already there was used."""

    url: str
    path: Path
    reused: bool


def import_image(site: SiteConfig, source: Path, name: str | None = None) -> ImportedImage:
    """Copy the image file `source` into `site.image_dir`, named after `name` (default: its file name)."""
    try:
        data, _ = read_file(source, max_bytes=MAX_IMAGE_BYTES)
    except SiteFileError as err:
        raise ImageImportError.of(
            translatable("SiteFileError", "Could not read {name}: {reason}"), name=source.name, reason=err
        ) from None
    return import_image_bytes(site, data, name if name is not None else source.name)


def import_image_bytes(site: SiteConfig, data: bytes, name: str) -> ImportedImage:
    """Store image bytes (a pasted clipboard image, say) in `site.image_dir` under a name made from `name`."""
    filename = safe_image_name(name, detect_image_extension(data, name))
    stem, extension = filename.rsplit(".", 1)
    if extension == "svg" and (hazards := svg_hazards(data)):
        raise ImageImportError.of(
            translatable(
                "SiteFileError",
                "{name} is not imported: the site would serve an SVG with {reasons}, which a browser runs or "
                "fetches; export it as plain SVG or PNG",
            ),
            name=_display_name(name),
            reasons=", ".join(hazards),
        )
    ensure_folder(site.image_dir)
    for number in range(1, 10_000):
        candidate = site.image_dir / (filename if number == 1 else f"{stem}-{number}.{extension}")
        if _holds(candidate, data):
            return ImportedImage(site.image_url_prefix + candidate.name, candidate, reused=True)
        if candidate.exists() or candidate.is_symlink():
            continue
        try:
            create_file(candidate, data)
        except AlreadyExistsError:
            # Another writer took the name between our look and our write: judge that file like the others.
            if _holds(candidate, data):
                return ImportedImage(site.image_url_prefix + candidate.name, candidate, reused=True)
            continue
        return ImportedImage(site.image_url_prefix + candidate.name, candidate, reused=False)
    raise ImageImportError(f"Could not find a free name for {filename} in {site.image_dir}")


def detect_image_extension(data: bytes, name: str = "the file") -> str:
    """The extension (".png", ".jpg", ".svg"...) of the format of `data`; ImageImportError if none."""
    if _SVG_ROOT.match(data[:_SVG_SNIFF_BYTES]):
        return ".svg"
    # Pillow is loaded when an image is first imported, not when the editor starts.
    from PIL import Image

    shown = _display_name(name)
    formats = [fmt for fmt in _PILLOW_EXTENSIONS if fmt in _pillow_formats()]
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its limit and twice it; a blog has no use for such images either.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=formats) as image:
                detected = image.format or ""
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageImportError(
            f"{shown} has too many pixels to be safe to open (the limit is {_megapixels()} million)"
        ) from None
    except Image.UnidentifiedImageError:
        raise _not_an_image(shown, data) from None
    except Exception as err:
        # Pillow's decoders raise anything from SyntaxError to struct.error on broken files.
        reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise ImageImportError(f"{shown} is a damaged image: {reason}") from None
    if detected not in _PILLOW_EXTENSIONS:
        raise _not_an_image(shown, data)
    return _PILLOW_EXTENSIONS[detected]


def safe_image_name(name: str, extension: str | None = None) -> str:
    """A readable lowercase ASCII file name made from `name`.

    "Æbleskiver på bordet.JPG" becomes "aebleskiver-paa-bordet.jpg".

    Only the last path component counts, so "../" and "\\" tricks and leading dots vanish. `extension`
    (such as the detected ".png") replaces the name's own; without it, the name's own is kept when it looks
    like one. An empty result becomes "image".
    """
    base = re.split(r"[/\\]", name)[-1].lstrip(".")
    stem, dot, suffix = base.rpartition(".")
    own_extension = slugify(suffix) if dot else ""
    if not _EXTENSION.fullmatch(own_extension):
        stem, own_extension = base, ""
    slug = slugify(stem)[:_MAX_STEM].strip("-") or FALLBACK_STEM
    if slug in _WINDOWS_RESERVED:
        slug = f"{slug}-{FALLBACK_STEM}"
    chosen = slugify(extension) if extension is not None else own_extension
    return f"{slug}.{chosen}" if chosen else slug


def _holds(path: Path, data: bytes) -> bool:
    """Whether `path` is a file with exactly `data` in it."""
    try:
        if not path.is_file() or path.stat().st_size != len(data):
            return False
        existing, _ = read_file(path, max_bytes=len(data))
    except (OSError, SiteFileError):
        return False
    return existing == data


def _not_an_image(shown: str, data: bytes) -> ImageImportError:
    head = data[:16]
    for signature, kind in _UNSHOWN_SIGNATURES:
        if head.startswith(signature):
            return ImageImportError.of(
                translatable(
                    "SiteFileError",
                    "{name} is {kind}, which browsers cannot show; save it as PNG or JPEG first",
                ),
                name=shown,
                kind=kind,
            )
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return ImageImportError.of(
            translatable(
                "SiteFileError",
                "{name} is a HEIC photo, which most browsers cannot show; save it as JPEG first",
            ),
            name=shown,
        )
    return ImageImportError.of(
        translatable("SiteFileError", "{name} is not an image ({kinds})"), name=shown, kinds=_KINDS_NAMED
    )


def _display_name(name: str) -> str:
    return re.split(r"[/\\]", name)[-1] or name


def _pillow_formats() -> set[str]:
    from PIL import Image

    Image.init()
    return set(Image.OPEN)


def _megapixels() -> str:
    from PIL import Image

    limit = Image.MAX_IMAGE_PIXELS
    return f"{limit / 1e6:.0f}" if limit else "unlimited"
