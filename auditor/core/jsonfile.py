"""Parse JSON files a stranger may have made (reports, baselines) without a traceback."""

from __future__ import annotations

import json
import math
import re
from typing import Any

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


class JsonProblem(ValueError):
    """Why a text is not JSON the auditor reads (short, one line)."""


def parse_json(text: str) -> Any:
    """`json.loads`, but JsonProblem for what would fail later: nesting too deep for Python,
    numbers too long or too large for a float, NaN, and text that is not Unicode (a lone
    surrogate escape such as "\\ud800")."""
    try:
        data = json.loads(text, parse_float=_finite_float, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise JsonProblem(f"not valid JSON (line {exc.lineno})") from None
    except RecursionError:
        raise JsonProblem("not valid JSON: nested too deeply") from None
    except JsonProblem:
        raise
    except ValueError:  # an integer of more digits than Python converts
        raise JsonProblem("not valid JSON: a number too long") from None
    if _SURROGATE_ESCAPE.search(text):
        try:
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            problem = "not valid JSON: text that is not Unicode (a lone surrogate)"
            raise JsonProblem(problem) from None
    return data


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise JsonProblem(f"not valid JSON: a number too large ({text[:20]})")
    return value


def _no_constant(name: str) -> float:
    raise JsonProblem(f"not valid JSON: {name}")
