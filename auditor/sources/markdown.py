"""Read a Hugo, Jekyll or Eleventy content folder: Markdown pages with front matter.

Each page is rendered to HTML with markdown-it-py and handed over as a raw page like any other,
with a line map made from the source map markdown-it keeps for every block: the page layer uses
it to point blocks, links and forms at the line of the .md file a developer edits. Front matter
gives the URL (url, permalink, slug), the title, the language and the menu entries, which count
as navigation labels for page roles.
"""

from __future__ import annotations

import html
import posixpath
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import yaml

from auditor.core.yamlfile import alias_problem
from auditor.sources.folder import (
    HTML_SUFFIXES,
    SourceError,
    read_file,
    site_files,
    site_url,
)
from auditor.sources.raw import FetchError, LineMap, RawPage

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

MARKDOWN_SUFFIXES = (".md", ".markdown")
INDEX_NAMES = ("index", "_index")
_FENCES = {"---": "YAML", "+++": "TOML"}
# tokens whose output repeats their source line by line (text, raw HTML, code)
_LINE_BY_LINE = {"inline", "html_block", "code_block", "fence"}


class FrontMatterError(Exception):
    """Front matter that cannot be read (one line)."""


@dataclass
class Source:
    """One Markdown page: where it is, its front matter and its body."""

    relative: PurePosixPath
    meta: dict[str, Any]
    body: str
    first_line: int  # the line of the .md file the body starts on
    url: str = ""
    lines: list[str] = field(default_factory=list)  # the whole file, for columns


def split_front_matter(text: str) -> tuple[dict[str, Any], str, int]:
    """Front matter (YAML between ---, TOML between +++), the body, and the body's first line."""
    lines = text.splitlines(keepends=True)
    fence = lines[0].rstrip() if lines else ""
    if fence not in _FENCES:
        return {}, text, 1
    closing = ("---", "...") if fence == "---" else ("+++",)
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in closing), None)
    if end is None:
        raise FrontMatterError(f"front matter opened with {fence} is never closed")
    raw = "".join(lines[1:end])
    try:
        meta = _load_yaml(raw) if fence == "---" else tomllib.loads(raw)
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark else ""
        raise FrontMatterError(f"front matter is not valid {_FENCES[fence]}{where}") from None
    except RecursionError:
        problem = f"front matter is not valid {_FENCES[fence]}: nested too deeply"
        raise FrontMatterError(problem) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FrontMatterError("front matter must be a mapping of keys to values")
    return meta, "".join(lines[end + 1 :]), end + 2


def _load_yaml(text: str) -> Any:
    """yaml.safe_load, refusing aliases that would expand without end."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if problem := alias_problem(node):
            raise FrontMatterError(f"front matter is not valid YAML: {problem}")
        return loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def _text(meta: dict[str, Any], *keys: str) -> str | None:
    """The first of these keys that holds a non-empty text."""
    for key in keys:
        value = meta.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def page_url(relative: PurePosixPath, meta: dict[str, Any]) -> str:
    """The site path of a page: url or permalink, else its file path with slug, pretty URLs."""
    given = _text(meta, "url", "permalink")
    if given and "{" not in given:  # a template ("/{{ page.fileSlug }}/") is not a URL yet
        path = urlsplit(given).path or "/"
        path = path if path.startswith("/") else f"/{path}"
        return path.removesuffix("index.html")
    folder = relative.parent
    slug = _text(meta, "slug")
    if relative.stem in INDEX_NAMES:
        if slug and folder.name:
            folder = folder.parent / slug.strip("/")
        return "/" if str(folder) == "." else f"/{folder.as_posix()}/"
    prefix = "/" if str(folder) == "." else f"/{folder.as_posix()}/"
    return f"{prefix}{(slug or relative.stem).strip('/')}/"


def menu_labels(meta: dict[str, Any]) -> list[str]:
    """The labels a page's front matter gives it in menus: Hugo `menu`, `eleventyNavigation`."""
    title = _text(meta, "linkTitle", "title")
    labels: list[str | None] = []
    menu = meta.get("menu", meta.get("menus"))
    if isinstance(menu, str | list):
        labels.append(title)
    elif isinstance(menu, dict):
        for entry in menu.values():
            labels.append(_text(entry, "name", "title") if isinstance(entry, dict) else None)
            labels[-1] = labels[-1] or title
    navigation = meta.get("eleventyNavigation")
    if isinstance(navigation, dict):
        labels.append(_text(navigation, "title", "key") or title)
    return list(dict.fromkeys(label for label in labels if label))


def is_markdown_target(target: Path) -> bool:
    """A Markdown file, or a folder of Markdown pages (HTML files may sit beside them)."""
    if target.is_file():
        return target.suffix.lower() in MARKDOWN_SUFFIXES
    if not target.is_dir():
        return False
    root = target.resolve()
    markdown = [f for f in site_files(root, MARKDOWN_SUFFIXES) if _published(f, root)]
    if not markdown:
        return False
    if not any(_published(f, root) for f in site_files(root)):
        return True
    return any(_has_front_matter(f) for f in markdown)


def _published(file: Path, root: Path) -> bool:
    """Not in a folder whose name starts with "_" (layouts, includes, drafts, build output)."""
    return not any(part.startswith("_") for part in file.relative_to(root).parts[:-1])


def _has_front_matter(file: Path) -> bool:
    try:
        with file.open("rb") as handle:
            return handle.readline().rstrip() in (b"---", b"+++", b"\xef\xbb\xbf---")
    except OSError:
        return False


def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # only when a Markdown page is read: a quicker start

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _rewrite_links(tokens: list[Token], source: Source, urls: dict[str, str]) -> None:
    """Links to other .md files of the site point at those pages' URLs."""
    folder = source.relative.parent.as_posix()
    for token in tokens:
        for child in token.children or []:
            href = child.attrGet("href") if child.type == "link_open" else None
            if not isinstance(href, str) or urlsplit(href).scheme or href.startswith("/"):
                continue
            path, _, fragment = href.partition("#")
            target = urls.get(posixpath.normpath(posixpath.join(folder, path)))
            if target:
                child.attrSet("href", f"{target}#{fragment}" if fragment else target)


def render(source: Source, urls: dict[str, str]) -> tuple[str, list[int]]:
    """The body as HTML, and for each line of that HTML the line of the .md file it comes from."""
    md = _parser()
    env: dict[str, Any] = {}
    tokens = md.parse(source.body, env)
    _rewrite_links(tokens, source, urls)
    renderer = md.renderer
    out: list[str] = []
    lines: list[int] = []
    at_line_start, last = True, source.first_line
    for i, token in enumerate(tokens):
        if token.type == "inline":
            text = renderer.renderInline(token.children or [], md.options, env)
        elif token.type in renderer.rules:
            text = renderer.rules[token.type](tokens, i, md.options, env)
        else:
            text = renderer.renderToken(tokens, i, md.options, env)
        if token.map:
            start = source.first_line + token.map[0]
            end = max(source.first_line + token.map[1] - 1, start)
        else:
            start = end = last
        step = 1 if token.type in _LINE_BY_LINE else 0
        segments = text.split("\n")
        for j, segment in enumerate(segments):
            at_line_start = at_line_start or j > 0
            if at_line_start and (segment or j < len(segments) - 1):
                lines.append(min(start + j * step, end))
                at_line_start = False
        last = end
        out.append(text)
    return "".join(out), lines


def _document(source: Source, body: str, menu: list[tuple[str, str]]) -> tuple[str, int]:
    """A whole HTML page around the rendered body, and how many lines come before the body."""
    lang = _text(source.meta, "lang", "language")
    title = html.escape(_text(source.meta, "title") or "")
    nav = "".join(f'<a href="{html.escape(url)}">{html.escape(label)}</a>' for url, label in menu)
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{html.escape(lang)}">' if lang else "<html>",
        f"<head><title>{title}</title></head>",
        "<body>",
        f"<nav>{nav}</nav>",
    ]
    return "\n".join([*head, body, "</body></html>"]), len(head)


def _load(file: Path, relative: PurePosixPath) -> Source | FetchError:
    url = site_url(Path(relative))
    content = read_file(file, url)
    if isinstance(content, FetchError):
        return content
    text = content.decode("utf-8-sig", errors="replace")
    try:
        meta, body, first_line = split_front_matter(text)
    except FrontMatterError as exc:
        return FetchError(relative.as_posix(), str(exc))
    return Source(relative, meta, body, first_line, lines=text.splitlines())


def read_markdown(target: Path) -> tuple[list[RawPage], list[FetchError]]:
    """Every page of a Markdown site (or one .md file, as the homepage): a Markdown page
    rendered to HTML with the line map to its .md file, an HTML file beside them as it is."""
    errors: list[FetchError] = []
    if target.is_file():
        root, files = target.parent.resolve(), [target.resolve()]
    else:
        root = target.resolve()
        files = [f for f in site_files(root, (*MARKDOWN_SUFFIXES, *HTML_SUFFIXES), errors)
                 if _published(f, root)]  # fmt: skip
    mixed = any(f.suffix.lower() in HTML_SUFFIXES for f in files)
    sources: list[Source] = []
    raws: list[RawPage] = []
    for file in files:
        relative = PurePosixPath(file.relative_to(root).as_posix())
        if file.suffix.lower() in HTML_SUFFIXES:
            content = read_file(file, site_url(Path(relative)))
            if isinstance(content, FetchError):
                errors.append(content)
            else:
                raws.append(RawPage(site_url(Path(relative)), content, relative.as_posix()))
            continue
        loaded = _load(file, relative)
        if isinstance(loaded, FetchError):
            errors.append(loaded)
        elif loaded.meta.get("draft") is True or loaded.meta.get("permalink") is False:
            continue  # not published
        elif mixed and not loaded.meta and loaded.first_line == 1:
            continue  # a README or notes beside the pages: Jekyll publishes only front matter
        else:
            loaded.url = "/" if target.is_file() else page_url(relative, loaded.meta)
            sources.append(loaded)
    urls = {s.relative.as_posix(): s.url for s in sources}
    menu = [(s.url, label) for s in sources for label in menu_labels(s.meta)]
    taken = {raw.url for raw in raws}
    for source in sources:
        if source.url in taken:
            message = f"skipped: another page has the URL {source.url}"
            errors.append(FetchError(source.relative.as_posix(), message))
            continue
        taken.add(source.url)
        body, lines = render(source, urls)
        document, offset = _document(source, body, menu)
        line_map = LineMap(offset, tuple(lines), tuple(source.lines))
        path = source.relative.as_posix()
        raws.append(RawPage(source.url, document.encode("utf-8"), path, line_map=line_map))
    if not raws:
        raise SourceError(f"{target}: no Markdown or HTML pages found")
    raws.sort(key=lambda p: (p.url != "/", p.url))
    return raws, errors
