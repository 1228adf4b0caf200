#!/usr/bin/env python3
"""Check that the book quotes the source text verbatim.

Usage: scripts/check_quotes.py [BOOK_DIR] [--lines A-B] [--strict]

Reads the source text (tests/data/source/000_083c546b74357227.txt in this repository; its
README says where it comes from), takes its passages (lines 3-32; lines 1-2 are the
commissioner's framing), and looks for each one in the book's sources under BOOK_DIR (default:
the repository's book/ folder, wherever the script is run from): .md, .ipynb, .rst, .yml files.
The source text lives outside book/ on purpose: the checker reads book/'s .txt files too, and
must not find the passages in the source itself.

Only typography is normalized before comparing: straight and curly quotes, runs of white space,
markdown block-quote markers and backslash escapes. Wording, spelling (typos included) and
punctuation must match. A passage whose sentences are only partly found is reported as altered,
with the sentences that differ.

Prints one line per passage that is not quoted verbatim and a summary line last.
Exit status: 0, or 1 with --strict when any checked passage is not verbatim.
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "data" / "source" / "000_083c546b74357227.txt"
FIRST, LAST = 3, 32


def normalize(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!$'\"<>])", r"\1", text)
    text = re.sub(r"(?m)^\s*(>\s*)+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def book_text(book: Path) -> str:
    parts = []
    for path in sorted(book.rglob("*")):
        if "_build" in path.parts or not path.is_file():
            continue
        if path.suffix in {".md", ".rst", ".yml", ".yaml", ".txt"}:
            parts.append(path.read_text(encoding="utf-8", errors="replace"))
        elif path.suffix == ".ipynb":
            try:
                cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            except (ValueError, KeyError):
                continue
            parts += ["".join(c.get("source", "")) for c in cells if c.get("cell_type") == "markdown"]
    return normalize("\n".join(parts))


def sentences(passage: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?:)])\s+", passage) if s]


def main(argv: list[str]) -> int:
    strict = "--strict" in argv
    first, last = FIRST, LAST
    args = [a for a in argv if a != "--strict"]
    if "--lines" in args:
        i = args.index("--lines")
        first, last = (int(x) for x in args[i + 1].split("-"))
        del args[i : i + 2]
    book = Path(args[0]) if args else ROOT / "book"
    if not book.is_dir():
        print(f"no book folder at {book}")
        return 1 if strict else 0
    corpus = book_text(book)
    lines = SEED.read_text(encoding="utf-8").splitlines()
    verbatim = altered = missing = 0
    for number in range(first, last + 1):
        passage = normalize(lines[number - 1])
        if not passage:
            continue
        if passage in corpus:
            verbatim += 1
            continue
        found = [s for s in sentences(passage) if s in corpus]
        if found:
            altered += 1
            differ = [s for s in sentences(passage) if s not in corpus]
            print(f"line {number}: altered; not found verbatim: " + " | ".join(d[:90] for d in differ))
        else:
            missing += 1
            print(f"line {number}: missing: {passage[:90]}")
    total = verbatim + altered + missing
    print(f"quotes: {verbatim}/{total} passages verbatim (lines {first}-{last}), {altered} altered, {missing} missing")
    return 1 if strict and verbatim < total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
