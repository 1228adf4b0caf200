#!/usr/bin/env python3
"""Label every quoted passage of the source with its line number(s), linked to the Source page.

Usage: scripts/label_quotes.py [--check] [FILE.md ...]   (default: every page under book/)

A block quote that carries one or more whole lines of the source text ends with a line
``> — {ref}`line 16 of the source <source-line-16>``` (or ``lines 19–21``, linking the first). The
label is rewritten when the quote changes, so running the script twice changes nothing. With
``--check`` nothing is written and the exit status is 1 when a page lacks or has a wrong label
(tests/test_quotes.py runs it so).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "book"))

from essays.source import FRAMING, _normal, lines  # noqa: E402

LABEL = re.compile(r"^>\s*— \{ref\}`lines? [0-9–]+ of the source <source-line-\d+>`\s*$")


def label_for(numbers: list[int]) -> str:
    span = f"line {numbers[0]}" if len(numbers) == 1 else f"lines {numbers[0]}–{numbers[-1]}"
    return f"> — {{ref}}`{span} of the source <source-line-{numbers[0]}>`"


def relabel(text: str) -> str:
    source = [(n, _normal(line)) for n, line in enumerate(lines(), start=1) if n not in FRAMING and line.strip()]
    out: list[str] = []
    block: list[str] = []

    def flush():
        if not block:
            return
        body = [line for line in block if not LABEL.match(line)]
        while body and body[-1].strip() == ">":
            body.pop()
        quoted = _normal("\n".join(body))
        numbers = [n for n, passage in source if passage and passage in quoted]
        out.extend(body)
        if numbers:
            out.extend([">", label_for(numbers)])
        block.clear()

    for line in text.splitlines():
        if line.startswith(">"):
            block.append(line)
        else:
            flush()
            out.append(line)
    flush()
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


def main(argv: list[str]) -> int:
    check = "--check" in argv
    files = [Path(a) for a in argv if a != "--check"] or sorted(
        p for p in (ROOT / "book").glob("*.md") if p.stem != "source")
    stale = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        new = relabel(text)
        if new != text:
            stale.append(path.name)
            if not check:
                path.write_text(new, encoding="utf-8")
    if check and stale:
        print("quotes without their line labels (run scripts/label_quotes.py):", ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
