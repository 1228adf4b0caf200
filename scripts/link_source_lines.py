"""Link every mention of a line of the source in the chapters' prose ("line 16", "lines 12–18",
"source lines 3–11") to that line on the source page (label ``source-line-N``, see book/source.md).

Usage: python scripts/link_source_lines.py [--check]   (--check: exit 1 if a mention is unlinked)
Quoted passages (lines starting with ">"), code cells and existing roles are left alone.
"""
from __future__ import annotations

import sys
from pathlib import Path

BOOK = Path(__file__).resolve().parents[1] / "book"
sys.path.insert(0, str(BOOK))
from essays.source import link_line_mentions  # noqa: E402

CHAPTERS = ["index", "parallelization", "legibility", "trends", "survival", "infohazards", "glossary"]


def link(text: str) -> str:
    out, in_code = [], False
    for line in text.splitlines(keepends=True):
        if line.startswith("```"):
            in_code = not in_code
        if in_code or line.lstrip().startswith(">") or line.startswith(("(", ":::", "```")):
            out.append(line)
            continue
        out.append(link_line_mentions(line))
    return "".join(out)


def main(check: bool) -> int:
    unlinked = []
    for name in CHAPTERS:
        path = BOOK / f"{name}.md"
        text = path.read_text()
        new = link(text)
        if new != text:
            if check:
                unlinked.append(name)
            else:
                path.write_text(new)
                print(f"linked source-line mentions in {path.name}")
    if unlinked:
        print("mentions of source lines not linked to the source page in: " + ", ".join(unlinked)
              + " (run python scripts/link_source_lines.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main("--check" in sys.argv))
