"""Read a built site from a folder (or a single HTML file) as raw pages."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path

from auditor.model import FetchError, RawPage

HTML_SUFFIXES = (".html", ".htm")
MAX_BYTES = 5_000_000


class SourceError(Exception):
    """The target cannot be read at all (one line)."""


class _Unread(Exception):
    """Why one file is not read as a page (the report's message)."""


def _read(file: Path) -> bytes:
    """The bytes of an HTML file; _Unread if it is too large, binary, empty or unreadable."""
    try:
        with file.open("rb") as stream:
            content = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        raise _Unread(f"could not read: {exc.strerror or exc}") from None
    if len(content) > MAX_BYTES:
        raise _Unread("skipped: larger than 5 MB")
    utf16 = content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if b"\x00" in content[:4096] and not utf16:
        raise _Unread("skipped: binary file")
    if not content.strip():
        raise _Unread("skipped: empty file")
    return content


def site_url(relative: Path) -> str:
    """The URL a static host serves a file at: index.html -> "/", about/index.html -> "/about/"."""
    parts = relative.as_posix()
    if relative.name.lower() in ("index.html", "index.htm"):
        parent = relative.parent.as_posix()
        return "/" if parent == "." else f"/{parent}/"
    return "/" + parts


def read_folder(target: Path) -> tuple[list[RawPage], list[FetchError]]:
    """Every HTML file under the folder (homepage first), or the single file given."""
    if not target.exists():
        raise SourceError(f"{target}: no such file or folder")
    if target.is_file():
        if target.suffix.lower() not in HTML_SUFFIXES:
            raise SourceError(f"{target}: not an HTML file")
        try:
            return [RawPage(url="/", content=_read(target), path=target.name)], []
        except _Unread as exc:
            raise SourceError(f"{target}: {exc}") from None
    root = target.resolve()
    pages: list[RawPage] = []
    errors: list[FetchError] = []
    for file in _html_files(root):
        relative = file.relative_to(root)
        url = site_url(relative)
        try:
            content = _read(file)
        except _Unread as exc:
            errors.append(FetchError(url, str(exc)))
            continue
        pages.append(RawPage(url=url, content=content, path=relative.as_posix()))
    if not pages:
        if errors:  # say why the first one was not read
            raise SourceError(
                f"{target}: no HTML file to audit ({errors[0].page}: {errors[0].message})"
            )
        raise SourceError(f"{target}: no HTML files found")
    pages.sort(key=lambda p: (p.url != "/", p.url))
    return pages, errors


def _html_files(root: Path) -> Iterator[Path]:
    """HTML files under root, never following a link out of the folder."""
    for file in sorted(root.rglob("*")):
        if file.suffix.lower() not in HTML_SUFFIXES or not file.is_file():
            continue
        if any(
            part.startswith(".") or part == "node_modules" for part in file.parts[len(root.parts) :]
        ):
            continue
        if not file.resolve().is_relative_to(root):
            continue
        yield file
