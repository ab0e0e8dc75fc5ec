"""Shared test data and helpers: where the example sites live, writing small sites to disk.

Module constants (not fixtures) so that tests can parametrize over them at collection.
"""

from __future__ import annotations

import copy
import ipaddress
import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from auditor.audit.report import Report

REPO_ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = REPO_ROOT / "examples" / "sites"
# the labelled corpus of real sites: AUDITOR_CORPUS, else ../shared/corpus beside the repository
CORPUS = Path(os.environ.get("AUDITOR_CORPUS") or REPO_ROOT.parent / "shared" / "corpus")
EXAMPLE_SITES = ("nl-before", "nl-after", "en-before", "en-after", "de-before", "de-after")
# rules about auditor directives in the HTML, not about the copy: example sites need not break them
META_RULES = frozenset({"unused-suppression"})
CORE_RULES = frozenset(
    {
        "price-next-to-offer",
        "offer-has-buy-button",
        "homepage-autobiographical-welcome",
        "about-page-credentials-list",
    }
)


def site_file(site_path: str) -> str:
    """The file a static host serves a site path from: "/" -> index.html, "/x/" -> x/index.html."""
    name = site_path.lstrip("/")
    if name == "" or name.endswith("/"):
        return f"{name}index.html"
    return name if name.endswith((".html", ".htm")) else f"{name}.html"


def write_site(folder: Path, pages: dict[str, str | bytes]) -> Path:
    """Write a site (site path -> HTML) into `folder` and return the folder."""
    for site_path, html in pages.items():
        file = folder / site_file(site_path)
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(html if isinstance(html, bytes) else html.encode("utf-8"))
    return folder


@pytest.fixture(autouse=True, scope="session")
def no_proxies() -> Iterator[None]:
    """Requests to the local test servers never go through a proxy the environment names."""
    with pytest.MonkeyPatch.context() as patch:
        for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
            patch.delenv(name, raising=False)
            patch.delenv(name.lower(), raising=False)
        yield


@pytest.fixture(scope="session")
def example_report() -> Callable[[str], Report]:
    """An example site's report (by name) with default options, audited once per test process
    (several test files read the same sites); each call gives a copy the test may change."""
    from auditor.audit.engine import audit

    audited: dict[str, Report] = {}

    def report(name: str) -> Report:
        if name not in audited:
            audited[name] = audit(str(EXAMPLES / name))
        return copy.deepcopy(audited[name])

    return report


@pytest.fixture
def warnings_only(tmp_path: Path) -> Path:
    """A site whose findings are warnings (and info): a welcome above a priced, bookable offer."""
    home = (
        '<html lang="nl"><body><h1>Hallo, welkom op mijn website!</h1>'
        "<p>Mijn naam is Marieke en ik ben loopbaancoach in Utrecht.</p>"
        "<h2>Coachtraject Vrij</h2><p>Zes sessies voor € 1.250,-.</p>"
        '<a class="btn" href="https://calendly.com/x">Plan je kennismakingsgesprek</a>'
        "</body></html>"
    )
    return write_site(tmp_path / "site", {"/": home})


def _loopback(host: object) -> bool:
    """True for names and addresses that never leave the machine."""
    if host is None or host in ("", b""):
        return True  # a passive lookup, for binding
    name = host.decode() if isinstance(host, bytes) else str(host)
    if name.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(name.strip("[]")).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True, scope="session")
def no_lookups_beyond_loopback() -> Iterator[None]:
    """No DNS query leaves the machine: a name or address that is not loopback does not resolve.

    A safety net under the crawler's own guard, so that a test of a refused address can never
    reach out if the guard fails: it fails with "host not found" instead.
    """
    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not _loopback(host):
            raise socket.gaierror(socket.EAI_NONAME, f"{host}: tests resolve only loopback")
        return real_getaddrinfo(host, *args, **kwargs)

    def gethostbyaddr(address: str) -> Any:
        raise socket.herror(1, f"{address}: no reverse lookups in tests")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket, "getaddrinfo", getaddrinfo)
        patch.setattr(socket, "gethostbyaddr", gethostbyaddr)
        yield
