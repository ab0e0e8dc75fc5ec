"""A batch of 100 local sites behind 50 ms per response: throughput against the ideal.

    python bench/batch.py [--sites 100] [--latency 0.05] [--max-pages 5]

Serves the generated 10-page site (bench/out) on 127.0.0.2, 127.0.0.3, ... (one host per
site, all on the loopback), every response after `--latency` seconds, and runs
`auditor check --urls-file - --format jsonl` with several global limits. With a global limit
of G requests in flight, the ideal is G requests per latency: it prints the wall time, the
ideal time (requests x latency / G), the throughput as a share of the ideal, that share
without the process's start-up, the CPU seconds of the run (parsing is the work: above a
global limit where CPU seconds / cores pass the ideal, the cores are the limit, not the
network), and the requests the servers saw.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from folder import site
from measure import AUDITOR, cores, run

LIMITS = [(4, 4), (4, 8), (4, 16), (4, 32)]  # (--concurrency per host, --global-concurrency)


class SlowSite(ThreadingHTTPServer):
    """One site on its own loopback address, every answer `latency` seconds late."""

    daemon_threads = True

    def __init__(self, address: str, pages: dict[str, bytes], latency: float) -> None:
        super().__init__((address, 0), _Handler)
        self.pages, self.latency, self.requests = pages, latency, 0
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: SlowSite

    def do_GET(self) -> None:
        with self.server.lock:
            self.server.requests += 1
        time.sleep(self.server.latency)
        path = self.path.split("?")[0].strip("/")
        body = self.server.pages.get(f"{path}/index.html" if path else "index.html")
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=100)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--max-pages", type=int, default=5)
    args = parser.parse_args()
    folder = site(10, 1)
    pages = {f.relative_to(folder).as_posix(): f.read_bytes() for f in folder.rglob("*.html")}
    servers = [SlowSite(f"127.0.0.{n + 2}", pages, args.latency) for n in range(args.sites)]
    for server in servers:
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    urls = "".join(s.url + "\n" for s in servers).encode()
    start = min(
        run([*AUDITOR, "check", str(Path(folder) / "index.html")]).seconds for _ in range(3)
    )
    print(
        f"{args.sites} sites, {args.max_pages} pages each, {args.latency * 1000:.0f} ms per "
        f"response, {cores()} cores; start-up {start:.2f}s"
    )
    print(
        f"{'per host':>8} {'global':>6} {'wall':>6} {'ideal':>6} {'throughput':>10} "
        f"{'w/o start-up':>12} {'CPU':>6} {'requests':>8} {'sites':>5}"
    )
    for per_host, total in LIMITS:
        before = sum(s.requests for s in servers)
        cmd = [*AUDITOR, "check", "--urls-file", "-", "--format", "jsonl", "--fail-on", "never"]
        cmd += ["--max-pages", str(args.max_pages), "--concurrency", str(per_host)]
        result = run([*cmd, "--global-concurrency", str(total)], stdin=urls)
        audited = len(result.stdout.splitlines())
        if result.code != 0 or audited != args.sites:
            raise SystemExit(f"auditor exited {result.code} with {audited} reports")
        assert all(json.loads(line)["pages"] for line in result.stdout.splitlines())
        requests = sum(s.requests for s in servers) - before
        ideal = requests * args.latency / total
        print(
            f"{per_host:>8} {total:>6} {result.seconds:>5.2f}s {ideal:>5.2f}s "
            f"{ideal / result.seconds:>10.0%} {ideal / (result.seconds - start):>12.0%} "
            f"{result.cpu:>5.1f}s {requests:>8} {audited:>5}",
            flush=True,
        )
    for server in servers:
        server.shutdown()


if __name__ == "__main__":
    main()
