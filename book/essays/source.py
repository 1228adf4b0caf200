"""The book's source text, line by line, and where the book quotes each line.

The text is ``tests/data/source/000_083c546b74357227.txt`` (its README says where it comes from).
The Source page prints it verbatim with a label per line (``source-line-<n>``), so chapters can link
"line 16" to it, and links each line to the sections that quote it: for each chapter, the nearest
section label ``(label)=`` above the block quote that carries the line.
"""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SOURCE = ROOT / "tests" / "data" / "source" / "000_083c546b74357227.txt"
FRAMING = (1, 2)  # the commissioner's framing, not quoted as prose
_LABEL = re.compile(r"^\(([A-Za-z0-9_-]+)\)=\s*$")


def lines() -> list[str]:
    return SOURCE.read_text(encoding="utf-8").splitlines()


def _normal(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"(?m)^\s*(>\s*)+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def where_quoted(pages: list[Path]) -> dict[int, list[tuple[str, str, str]]]:
    """For each source line, the (page, label, section title) of every section whose block quotes
    carry the whole line."""
    out: dict[int, list[tuple[str, str, str]]] = {}
    text_lines = lines()
    for page in pages:
        source = page.read_text(encoding="utf-8").splitlines()
        label, title, quotes = None, "", []
        sections: list[tuple[str, str, str]] = []

        def close():
            if label is not None:
                sections.append((label, title, _normal("\n".join(quotes))))

        for i, line in enumerate(source):
            match = _LABEL.match(line)
            if match:
                close()
                label, quotes = match.group(1), []
                title = next((re.sub(r"^#+\s*", "", s) for s in source[i + 1:i + 3] if s.startswith("#")), label)
            elif line.startswith(">"):
                quotes.append(line)
            else:
                quotes.append("")
        close()
        for number, text in enumerate(text_lines, start=1):
            wanted = _normal(text)
            if number in FRAMING or not wanted:
                continue
            for lab, tit, quoted in sections:
                if wanted in quoted:
                    out.setdefault(number, []).append((page.stem, lab, tit))
    return out


def page_markdown(pages: list[Path]) -> str:
    """The Source page's body: every line, verbatim, labelled and linked to where it is discussed."""
    quoted = where_quoted(pages)
    parts = []
    for number, text in enumerate(lines(), start=1):
        if not text.strip():
            continue
        if number in FRAMING:
            where = "the commissioner's framing (not quoted as prose)"
        elif number in quoted:
            where = "discussed in " + "; ".join(f"{{ref}}`{title} <{label}>`" for _, label, title in quoted[number])
        else:
            where = "not yet quoted"
        escaped = re.sub(r"([\\`*_{}\[\]<>#|$])", r"\\\1", text)
        parts.append(f"(source-line-{number})=\n**Line {number}** · {where}\n\n> {escaped}\n")
    return "\n".join(parts)


# "line 16", "Line 18's", "lines 12–18" (not already inside a role, a link or a word)
LINE_MENTION = re.compile(r"(?<![`<\[\w])((?:[Ll]ines?) (\d+)(?:[–-](\d+))?)(?![\w>`\]])")


def link_line_mentions(text: str) -> str:
    """MyST text with every mention of a line of the source ("line 16", "lines 12–18") made a link
    to that line (the first of a range) on the Source page; roles and code spans are left alone."""
    parts = re.split(r"(\{[^}]+\}`[^`]*`|`[^`]*`)", text)
    for i in range(0, len(parts), 2):
        parts[i] = LINE_MENTION.sub(lambda m: f"{{ref}}`{m.group(1)} <source-line-{m.group(2)}>`", parts[i])
    return "".join(parts)
