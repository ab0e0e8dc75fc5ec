"""The phrase matcher over real copy: every lexicon's every phrase list counted in the block and
link texts of a folder's pages (each text by the lexicon of its page's language), with the
whole regex (as before the literal prefilter) and with Phrases.count (the prefilter).

    python bench/phrases.py [FOLDER ...] [--top 10]

FOLDER defaults to the corpus's sites (../shared/corpus beside the repository). Prints one JSON
line: texts, calls, seconds of each way (best of 3 rounds, after a first round that compiles the
regexes of candidate phrases) and the lists that take longest.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

from measure import BENCH

from auditor.lexicons.knowledge import load_knowledge
from auditor.lexicons.lexicon import Phrases, normalise
from auditor.page.context import ParseContext
from auditor.page.model import Page
from auditor.page.parse import parse_or_error
from auditor.sources.folder import read_folder

CORPUS = BENCH.parent.parent / "shared" / "corpus"


def _best(func: Callable[[], object], rounds: int = 3) -> float:
    seconds = []
    for _ in range(rounds):
        start = time.perf_counter()
        func()
        seconds.append(time.perf_counter() - start)
    return min(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()
    folders = args.folders or sorted(p for p in CORPUS.glob("*") if p.is_dir())
    knowledge = load_knowledge()
    context = ParseContext(knowledge)
    texts: dict[str, list[str]] = {lang: [] for lang in knowledge.lexicons}
    for folder in folders:
        for raw in read_folder(folder)[0]:
            page = parse_or_error(raw, context)
            if isinstance(page, Page):
                mine = texts[knowledge.lexicon(page.lang).lang]
                mine += [b.text for b in page.blocks] + [k.text for k in page.links if k.text]
    whole_total = fast_total = 0.0
    calls = 0
    lists = []
    for lang, lex in knowledge.lexicons.items():
        for key in lex.list_keys():
            phrases: Phrases = lex[key]
            mine = texts[lang]
            whole = [sum(1 for _ in phrases.regex.finditer(normalise(t))) for t in mine]
            assert [phrases.count(t) for t in mine] == whole, f"{lang} {key}: counts differ"
            w = _best(lambda p=phrases, m=mine: [len(p.regex.findall(normalise(t))) for t in m])
            f = _best(lambda p=phrases, m=mine: [p.count(t) for t in m])
            whole_total, fast_total, calls = whole_total + w, fast_total + f, calls + len(mine)
            lists.append((w, f, f"{lang} {key}"))
    lists.sort(reverse=True)
    top = {name: {"whole": round(w, 4), "prefilter": round(f, 4)} for w, f, name in lists}
    summary = {
        "texts": sum(map(len, texts.values())),
        "calls": calls,
        "whole_seconds": round(whole_total, 3),
        "prefilter_seconds": round(fast_total, 3),
        "speedup": round(whole_total / max(fast_total, 1e-9), 2),
        "slowest": dict(list(top.items())[: args.top]),
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
