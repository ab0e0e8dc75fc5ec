"""The HTML5 tokenizer's states for tags and comments, one character at a time: what
auditor/page/tagscan.py must find, written the plain way (slow, for small test inputs).

Only what tagscan models: tags, comments, bogus comments, raw-text elements, plaintext.
"""

from __future__ import annotations

from auditor.page.tagscan import RAW_TEXT, Tag

SPACE = "\t\n\f "


def _letter(c: str) -> bool:
    return c.isascii() and c.isalpha()


def _tag_end(text: str, k: int) -> int | None:
    """From just after a tag's name, the offset of the `>` that ends the tag; None at EOF."""
    state = "before name"
    while k < len(text):
        c = text[k]
        if state in ("before name", "after name"):
            if c == "/":
                state = "self-closing"
            elif c == ">":
                return k
            elif c == "=" and state == "after name":
                state = "before value"
            elif c not in SPACE:
                state = "name"
        elif state == "name":
            if c in SPACE:
                state = "after name"
            elif c == "/":
                state = "self-closing"
            elif c == ">":
                return k
            elif c == "=":
                state = "before value"
        elif state == "before value":
            if c in "\"'":
                state = c
            elif c == ">":
                return k
            elif c not in SPACE:
                state = "unquoted"
        elif state in "\"'":
            if c == state:
                state = "after quoted"
        elif state == "unquoted":
            if c in SPACE:
                state = "before name"
            elif c == ">":
                return k
        elif state == "after quoted":
            if c in SPACE:
                state = "before name"
            elif c == "/":
                state = "self-closing"
            elif c == ">":
                return k
            else:
                state = "name"
        elif state == "self-closing":
            if c == ">":
                return k
            state = "before name"
            continue  # the character again, in that state
        k += 1
    return None


def _name_end(text: str, k: int) -> int:
    while k < len(text) and text[k] not in SPACE + "/>":
        k += 1
    return k


def _comment_end(text: str, i: int) -> int:
    """Just past the comment that starts with `<!--` at `i`."""
    j = i + 4
    for abrupt in (">", "->"):
        if text.startswith(abrupt, j):
            return j + len(abrupt)
    while j < len(text):
        for close in ("-->", "--!>"):
            if text.startswith(close, j):
                return j + len(close)
        j += 1
    return len(text)


def _raw_text_end(text: str, name: str, i: int) -> int | None:
    """Just past the end tag of raw-text element `name` whose text starts at `i`."""
    while i < len(text):
        after = i + 2 + len(name)
        end_tag = text[i : i + 2] == "</" and text[i + 2 : after].lower() == name
        if end_tag and after < len(text) and text[after] in SPACE + "/>":
            end = _tag_end(text, after)
            return None if end is None else end + 1
        i += 1
    return None


def html5_tags(text: str) -> list[Tag]:
    tags: list[Tag] = []
    i = 0
    while i < len(text):
        if text[i] != "<":
            i += 1
            continue
        lt, nxt = i, text[i + 1 : i + 2]
        after = text[i + 2 : i + 3]
        if text.startswith("<!--", i):
            i = _comment_end(text, i)
        elif nxt in ("!", "?") or (nxt == "/" and not _letter(after) and after != ">"):
            close = text.find(">", i)
            i = len(text) if close < 0 else close + 1
        elif nxt == "/" and after == ">":
            i += 3
        elif _letter(nxt) or (nxt == "/" and _letter(after)):
            closing = nxt == "/"
            start = i + 1 + closing
            name_end = _name_end(text, start)
            end = _tag_end(text, name_end)
            if end is None:
                return tags
            name = text[start:name_end].lower()
            if name == "plaintext" and not closing:
                return [*tags, Tag(name, lt, len(text) - 1, False)]
            if name in RAW_TEXT and not closing:
                close = _raw_text_end(text, name, end + 1)
                tags.append(Tag(name, lt, (close or len(text)) - 1, False))
                if close is None:
                    return tags
                i = close
            else:
                tags.append(Tag(name, lt, end, closing))
                i = end + 1
        else:
            i += 1
    return tags
