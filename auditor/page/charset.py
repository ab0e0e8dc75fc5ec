"""A page's bytes as text: as a browser reads them, but kinder to mislabelled pages.

Order: a byte order mark; text that is valid UTF-8 (a page that is, is UTF-8 whatever its
header says: valid UTF-8 by accident is vanishingly rare); the charset of the Content-Type
header, then of <meta charset>; then UTF-8 with stray bytes, or windows-1252. A page that is
mostly UTF-8 keeps its text, with U+FFFD for the bad bytes; one labelled UTF-8 that is not
is read by its other label, or as windows-1252.
"""

from __future__ import annotations

import codecs
import re

from auditor.sources.raw import RawPage

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META = re.compile(rb"""<meta\b[^>]{0,512}?charset\s*=\s*["']?\s*([\w.:-]{1,40})""", re.I)
_HEADER = re.compile(r"""charset\s*=\s*["']?\s*([\w.:-]{1,40})""", re.I)


def codec(label: str | None) -> str | None:
    """Python's codec for a charset label; the labels the web reads as windows-1252 are that."""
    if not label:
        return None
    try:
        name = codecs.lookup(label).name
        "".encode(name)  # zlib, base64, rot13: codecs, but of bytes, not of text
    except LookupError:
        return None
    return "cp1252" if name in ("iso8859-1", "ascii") else name


def declared(content: bytes, content_type: str | None) -> list[str]:
    """The codecs the page declares: its Content-Type header's, then its <meta charset>'s."""
    header = _HEADER.search(content_type or "")
    meta = _META.search(content[:4096])
    labels = [header.group(1) if header else None, meta.group(1).decode() if meta else None]
    return list(dict.fromkeys(c for c in map(codec, labels) if c))


def decode_html(content: bytes, content_type: str | None = None) -> str:
    """The text of an HTML page; never fails, whatever the bytes."""
    for bom, name in _BOMS:
        if content.startswith(bom):
            return content[len(bom) :].decode(name, "replace")
    labels = declared(content, content_type)
    if labels and labels[0].startswith("utf_16"):
        return content.decode(labels[0], "replace")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    mostly_utf8 = _mostly_utf8(content)
    for name in labels:
        if name == "utf-8":
            if mostly_utf8 is not None:
                return mostly_utf8
            continue  # labelled UTF-8, but it is not
        try:
            return content.decode(name)
        except UnicodeDecodeError:
            continue
    return mostly_utf8 if mostly_utf8 is not None else content.decode("cp1252", "replace")


def _mostly_utf8(content: bytes) -> str | None:
    """The text as UTF-8 if more of its non-ASCII characters are UTF-8 than not.

    (windows-1252 quotes and € inside UTF-8 text are mended first.)
    """
    from bs4.dammit import UnicodeDammit  # bs4 and soupsieve load slowly: only when needed

    text = UnicodeDammit.detwingle(content).decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = len(text) - len(text.encode("ascii", "ignore")) - bad
    return text if good > bad else None


def page_text(raw: RawPage) -> tuple[str, str]:
    """A raw page's text as decoded, and as the parser reads it: html.parser counted lines by
    "\n" only, so a lone "\r" is white space, not a line break (the same length: every
    character keeps its offset). The parse and the positions found later read the same."""
    original = decode_html(raw.content, raw.content_type)
    return original, original.replace("\r", " ")
