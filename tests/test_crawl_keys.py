"""The key a crawl knows a page by: every spelling of one page's URL gives the same key."""

from __future__ import annotations

import pytest

from auditor.sources.crawl_urls import url_key as _key

SAME = [
    ("http://example.nl/over-mij/", "http://example.nl:80/over-mij"),
    ("https://example.nl/", "https://www.example.nl:443/index.html"),
    ("https://example.nl/a?b=2&a=1", "https://EXAMPLE.nl/a/?a=1&b=2"),
    ("https://example.nl/blog/", "https://example.nl/blog/index.htm"),
]
DIFFERENT = [
    ("http://example.nl/", "http://example.nl:8080/"),
    ("https://example.nl/a", "https://example.nl/b"),
    ("https://example.nl/a?p=1", "https://example.nl/a?p=2"),
]


@pytest.mark.parametrize(("one", "other"), SAME)
def test_spellings_of_one_page_have_one_key(one: str, other: str) -> None:
    assert _key(one) == _key(other)


@pytest.mark.parametrize(("one", "other"), DIFFERENT)
def test_other_pages_have_other_keys(one: str, other: str) -> None:
    assert _key(one) != _key(other)
