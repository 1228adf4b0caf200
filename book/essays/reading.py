"""How long a chapter takes to read: the words of its prose, at 200 words a minute.

Prose is what a reader reads in the page's flow: the chapter's paragraphs, headings and quotes.
Not counted: the jupytext front matter, code cells and code blocks, collapsed dropdowns
(``:::{dropdown}``, e.g. "The tested code"), displayed formulas and section labels; an inline
formula or a role (a computed number, a citation, a cross-reference) counts as one word.
"""
from __future__ import annotations

import re
from pathlib import Path

WORDS_PER_MINUTE = 200
FENCE = "`" * 3
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_CODE = re.compile(r"^" + FENCE + r".*?^" + FENCE + r"\s*$", re.S | re.M)
_DROPDOWN = re.compile(r"^(:{3,})\{dropdown\}.*?^\1\s*$", re.S | re.M)
_DISPLAY_MATH = re.compile(r"\$\$.*?\$\$", re.S)
_INLINE_MATH = re.compile(r"\$[^$\n]+\$")
_ROLE = re.compile(r"\{[\w:.-]+\}`[^`]*`")
_LABEL = re.compile(r"^\([\w:.-]+\)=\s*$", re.M)
_DIRECTIVE_LINE = re.compile(r"^(:{3,}|" + FENCE + r")\{?[\w-]*\}?.*$|^:[\w-]+:.*$", re.M)
_WORD = re.compile(r"[A-Za-z0-9][\w'’.%-]*")


def prose(text: str) -> str:
    """The chapter's prose: its Markdown without the parts listed in the module's docstring."""
    text = _FRONT_MATTER.sub("", text)
    for pattern in (_CODE, _DROPDOWN, _DISPLAY_MATH):
        text = pattern.sub(" ", text)
    text = _INLINE_MATH.sub(" x ", text)
    text = _ROLE.sub(" x ", text)
    text = _LABEL.sub(" ", text)
    return _DIRECTIVE_LINE.sub(" ", text)


def prose_words(text: str) -> int:
    """The number of words of prose in a chapter's Markdown."""
    return len(_WORD.findall(prose(text)))


def reading_minutes(path: str | Path) -> int:
    """Minutes to read the chapter at ``path`` (a MyST Markdown notebook), at least one."""
    return max(1, round(prose_words(Path(path).read_text(encoding="utf-8")) / WORDS_PER_MINUTE))
