"""What a coach types as a target, made into what an audit reads.

A bare domain (`www.example.nl`, `example.nl/over-mij`) that is no file or folder here is the
website at https:// (http:// for this machine: `localhost:8000`). A folder without an
index.html whose only site is in a sub-folder (an unpacked export) is that sub-folder. A folder
with no homepage, or with several sites, is an error that says what to point at: the homepage
rules would otherwise be skipped without a word.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Callable
from pathlib import Path

from auditor.core.errors import TargetUnreadable
from auditor.sources.folder import HTML_SUFFIXES
from auditor.sources.markdown import is_markdown_target

INDEX_FILES = ("index.html", "index.htm")
MAX_DEPTH = 4  # sub-folder levels searched for a site's homepage
_BARE = re.compile(
    r"(?P<host>localhost|\[[0-9a-f:.]+\]|\d{1,3}(?:\.\d{1,3}){3}"
    r"|(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})"
    r"(?::\d{1,5})?(?P<rest>[/?#].*)?",
    re.I,
)
# names of files a coach may mean (notes.md is no website in Moldova)
_FILE_SUFFIXES = (*HTML_SUFFIXES, ".md", ".markdown", ".txt", ".xml", ".json", ".yml", ".yaml")

MESSAGES = {
    "en": {
        "crawl": "{typed} is no file or folder here: auditing the website {url}",
        "found": "{folder} has no index.html: auditing the one site in it, {site}",
        "none": "{folder} has no index.html (homepage), nor a sub-folder with one: point at "
        "the folder that holds the site's index.html, or at one page",
        "several": "{folder} has no index.html but {count} sites in sub-folders ({sites}): "
        "point at one of them",
        "no_home": "{folder} has pages but no index.html (homepage): point at the folder that "
        "holds it, or at one page",
    },
    "nl": {
        "crawl": "{typed} is hier geen bestand of map: de website {url} wordt gecontroleerd",
        "found": "{folder} heeft geen index.html: de enige site erin wordt gecontroleerd, {site}",
        "none": "{folder} heeft geen index.html (homepage) en geen submap met een: wijs de map "
        "aan met de index.html van de site, of één pagina",
        "several": "{folder} heeft geen index.html maar {count} sites in submappen ({sites}): "
        "wijs er één aan",
        "no_home": "{folder} heeft pagina's maar geen index.html (homepage): wijs de map aan "
        "waar die in staat, of één pagina",
    },
    "de": {
        "crawl": "{typed} ist hier weder Datei noch Ordner: geprüft wird die Website {url}",
        "found": "{folder} hat keine index.html: geprüft wird die einzige Website darin, {site}",
        "none": "{folder} hat keine index.html (Startseite) und keinen Unterordner mit einer: "
        "gib den Ordner mit der index.html der Website an, oder eine Seite",
        "several": "{folder} hat keine index.html, aber {count} Websites in Unterordnern "
        "({sites}): gib eine davon an",
        "no_home": "{folder} hat Seiten, aber keine index.html (Startseite): gib den Ordner "
        "an, in dem sie liegt, oder eine Seite",
    },
}


class TargetUnclear(TargetUnreadable):
    """What was typed names no site to audit (one line, saying what to point at)."""


def message_language(lang: str | None) -> str:
    """The language of these messages: --lang, else the environment's locale, else English."""
    for value in (lang, os.environ.get("LC_ALL"), os.environ.get("LC_MESSAGES"),
                  os.environ.get("LANG")):  # fmt: skip
        if value and (code := value[:2].lower()) in MESSAGES:
            return code
    return "en"


def resolve_targets(typed: list[str], lang: str | None, say: Callable[[str], None]) -> list[str]:
    """Each typed target as an audit reads it; `say` is told, in one line, of each one that
    was read otherwise than typed. TargetUnclear for a folder without a site to audit."""
    words = MESSAGES[message_language(lang)]
    resolved = []
    for target in typed:
        path = Path(target)
        if path.is_dir() and not (path / "index.html").is_file():
            site = _site_in(path, words)
            if site != path:
                say(words["found"].format(folder=target, site=site))
            target = str(site)
        elif not path.exists() and (url := bare_url(target)):
            say(words["crawl"].format(typed=target, url=url))
            target = url
        resolved.append(target)
    return resolved


def bare_url(typed: str) -> str | None:
    """The URL a bare domain stands for: https, or http for this machine; None if `typed`
    does not look like one (a missing file, a URL with a scheme)."""
    match = _BARE.fullmatch(typed.strip())
    if match is None or (not match["rest"] and typed.lower().endswith(_FILE_SUFFIXES)):
        return None
    host = match["host"].strip("[]").lower()
    scheme = "http" if _is_loopback(host) else "https"
    return f"{scheme}://{typed.strip()}{'' if match['rest'] else '/'}"


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _site_in(folder: Path, words: dict[str, str]) -> Path:
    """The folder of the one site in `folder`, which has no index.html of its own."""
    if any(folder.glob("index.htm")) or is_markdown_target(folder):
        return folder
    if any(f.suffix.lower() in HTML_SUFFIXES for f in folder.iterdir() if f.is_file()):
        raise TargetUnclear(words["no_home"].format(folder=folder))
    sites = _homepage_folders(folder)
    if len(sites) == 1:
        return sites[0]
    if not sites:
        raise TargetUnclear(words["none"].format(folder=folder))
    named = ", ".join(str(site) for site in sites[:3]) + (", ..." if len(sites) > 3 else "")
    raise TargetUnclear(words["several"].format(folder=folder, count=len(sites), sites=named))


def _homepage_folders(root: Path) -> list[Path]:
    """The sub-folders with an index.html that are in no other such sub-folder, in path
    order, down to MAX_DEPTH levels (hidden folders and node_modules left out)."""
    found, level = [], [root]
    for _ in range(MAX_DEPTH):
        below = []
        for folder in level:
            try:
                subs = sorted(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink())
            except OSError:
                continue
            for sub in subs:
                if sub.name.startswith(".") or sub.name == "node_modules":
                    continue
                if any((sub / name).is_file() for name in INDEX_FILES):
                    found.append(sub)
                else:
                    below.append(sub)
        level = below
    return sorted(found)
