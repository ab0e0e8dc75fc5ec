"""Whom copy names: audiences (a group of people with what marks them) and problems.

An audience is a concrete group ("ouders", "Führungskräfte") after "voor/for/für" or
"met/with/mit" ("ik werk met jongeren"), or before a relative clause ("die/who/die ...") or
"met/with/mit" + a problem; the generic word for people ("mensen", "people", "Menschen") counts
only with the relative clause or the problem, and a word for everyone ("iedereen", "anyone",
"alle") names no one, and "mijn gezin" is the owner's. A problem is a word of the problem class
("gezondheidsklachten", "Rückenschmerzen", "anxiety") or a phrase of the lexicon's `pain`.
"""

from __future__ import annotations

from auditor.lexicons.lexicon import Lexicon
from auditor.page.model import Sentence

# words from "met/with/mit" to the problem: "met lichamelijke en/of psychische klachten"
_PROBLEM_REACH = 4
# the word classes audiences and problems are read with (a lexicon without them reads none)
AUDIENCE_KEYS = ("words.persons", "words.people", "words.nobody", "words.relative",
                 "words.with", "words.for", "words.problems")  # fmt: skip


def audiences(sentence: Sentence, lex: Lexicon, *, relative_only: bool = False) -> list[str]:
    """The audiences the sentence names, each as its words ("ouders die", "voor moeders");
    with `relative_only`, only those a relative clause describes."""
    words, classes = sentence.words, lex.words
    persons, people, relative = classes["persons"], classes["people"], classes["relative"]
    found = []
    for i, word in enumerate(words):
        concrete = word in persons
        if not concrete and word not in people:
            continue
        if i and (words[i - 1] in classes["nobody"] or words[i - 1] in lex.first_person):
            continue  # "iedereen die" names no one; "mijn gezin" is the owner's
        after = words[i + 1] if i + 1 < len(words) else ""
        if after in relative:
            found.append(f"{word} {after}")
        elif relative_only:
            continue
        elif after in classes["with"] and any(
            w in classes["problems"] for w in words[i + 2 : i + 2 + _PROBLEM_REACH]
        ):
            found.append(f"{word} {after}")
        elif concrete and any(
            w in classes["for"] or w in classes["with"] for w in words[max(i - 2, 0) : i]
        ):
            found.append(f"{words[i - 1]} {word}")
    return found


def names_no_one(sentence: Sentence, lex: Lexicon) -> bool:
    """The sentence speaks to everyone: "voor iedereen die ...", "for anyone who ..."."""
    words, classes = sentence.words, lex.words
    return any(
        w in classes["nobody"] and i + 1 < len(words) and words[i + 1] in classes["relative"]
        for i, w in enumerate(words)
    )


def problems(sentence: Sentence, lex: Lexicon) -> list[str]:
    """The problems the sentence names (none in a sentence for everyone)."""
    if names_no_one(sentence, lex):
        return []
    cls = lex.words["problems"]
    return [w for w in sentence.words if w in cls] + lex["pain"].findall(sentence.text)
