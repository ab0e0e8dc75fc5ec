"""Read a built site from a folder (or a single HTML file) as raw pages."""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from auditor.core.errors import TargetUnreadable
from auditor.sources.raw import FetchError, RawPage

HTML_SUFFIXES = (".html", ".htm")
MAX_BYTES = 5_000_000


class SourceError(TargetUnreadable):
    """The target cannot be read at all (one line)."""


def site_url(relative: Path) -> str:
    """The URL a static host serves a file at: index.html -> "/", about/index.html -> "/about/"."""
    parts = relative.as_posix()
    if relative.name.lower() in ("index.html", "index.htm"):
        parent = relative.parent.as_posix()
        return "/" if parent == "." else f"/{parent}/"
    return "/" + parts


@dataclass(frozen=True)
class SiteFile:
    """An HTML file of a folder and the URL a static host serves it at."""

    url: str
    file: Path
    path: str  # relative to the folder, with "/"


def list_folder(target: Path, unreadable: list[FetchError] | None = None) -> list[SiteFile]:
    """The HTML files under the folder, in path order; SourceError if it is not a folder.

    Each sub-folder that cannot be read is added to `unreadable`."""
    if not target.exists():
        raise SourceError(f"{target}: no such file or folder")
    root = target.resolve()
    files = []
    for file in site_files(root, unreadable=unreadable):
        relative = file.relative_to(root)
        files.append(SiteFile(site_url(relative), file, relative.as_posix()))
    return files


def read_entry(entry: SiteFile) -> RawPage | FetchError:
    """The page in a file, or why it is left out (too large, unreadable, binary)."""
    content = read_file(entry.file, entry.url)
    if isinstance(content, FetchError):
        return content
    return RawPage(
        url=entry.url, content=content, path=entry.path, reread=partial(read_entry, entry)
    )


def page_order(url: str) -> tuple[bool, str]:
    """The order of a site's pages: the homepage first, then by URL."""
    return url != "/", url


def read_folder(target: Path) -> tuple[list[RawPage], list[FetchError]]:
    """Every HTML file under the folder (homepage first), or the single file given."""
    if target.is_file():
        if target.suffix.lower() not in HTML_SUFFIXES:
            raise SourceError(f"{target}: not an HTML file")
        content = read_file(target, "/")
        if isinstance(content, FetchError):
            raise SourceError(f"{target}: {content.message}")
        return [RawPage(url="/", content=content, path=target.name)], []
    pages: list[RawPage] = []
    errors: list[FetchError] = []
    for entry in list_folder(target, errors):
        read = read_entry(entry)
        if isinstance(read, FetchError):
            errors.append(read)
        else:
            pages.append(read)
    if not pages:
        raise nothing_to_audit(target, errors)
    pages.sort(key=lambda p: page_order(p.url))
    return pages, errors


def nothing_to_audit(target: Path | str, errors: list[FetchError]) -> SourceError:
    """The error for a folder none of whose files could be read: why the first one was not."""
    if errors:
        return SourceError(
            f"{target}: no HTML file to audit ({errors[0].page}: {errors[0].message})"
        )
    return SourceError(f"{target}: no HTML files found")


def read_file(file: Path, url: str) -> bytes | FetchError:
    """A page file's bytes, or why it was skipped: too large, unreadable, binary or empty."""
    try:
        with file.open("rb") as stream:
            content = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        return FetchError(url, f"could not read: {exc.strerror or exc}")
    if len(content) > MAX_BYTES:
        return FetchError(url, "skipped: larger than 5 MB")
    utf16 = content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if b"\x00" in content[:4096] and not utf16:
        return FetchError(url, "skipped: binary file")
    if not content.strip():
        return FetchError(url, "skipped: empty file")
    return content


def site_files(
    root: Path,
    suffixes: tuple[str, ...] = HTML_SUFFIXES,
    unreadable: list[FetchError] | None = None,
) -> Iterator[Path]:
    """Page files under root in path order, never following a link out of the folder; hidden
    files and folders and node_modules are left out. Walked without recursion (a folder a
    thousand levels deep). Each folder that cannot be read is added to `unreadable`."""
    found: list[Path] = []
    folders = [root]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name.startswith(".") or entry.name == "node_modules":
                        continue
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(Path(entry.path))
                    elif os.path.splitext(entry.name)[1].lower() in suffixes:
                        found.append(Path(entry.path))
        except OSError as exc:
            if unreadable is not None:
                where = folder.relative_to(root).as_posix()
                url = "/" if where == "." else f"/{where}/"
                unreadable.append(FetchError(url, f"could not read the folder: {exc.strerror}"))
    for file in sorted(found):
        if file.is_file() and file.resolve().is_relative_to(root):
            yield file
