"""Reading time counts the prose a reader reads, not the code, dropdowns or formulas around it."""
from __future__ import annotations

from conftest import BOOK
from essays import reading

FENCE = "`" * 3
PAGE = f"""---
jupytext:
  text_representation: {{extension: .md}}
---

(label)=
# Two words

One two three {{glue:text}}`name` five, $x^2$ seven.

> Quoted words count too.

{FENCE}{{code-cell}} ipython3
print("not prose at all")
{FENCE}

:::{{dropdown}} The tested code
These words are hidden.
:::

$$
a + b = c
$$
:::{{admonition}} A note
Inside an admonition: counted.
:::
"""


def test_prose_words_counts_by_hand():
    # "Two words" 2; "One two three x five, x seven." 7; "Quoted words count too." 4;
    # "A note" is the admonition's title line (a directive line, not counted); "Inside an
    # admonition: counted." 4
    assert reading.prose_words(PAGE) == 2 + 7 + 4 + 4


def test_every_chapter_reads_in_a_stated_number_of_minutes_within_budget():
    chapters = ["parallelization", "legibility", "trends", "survival", "infohazards"]
    for name in chapters:
        words = reading.prose_words((BOOK / f"{name}.md").read_text(encoding="utf-8"))
        assert 500 < words, (name, words)
        assert reading.reading_minutes(BOOK / f"{name}.md") == max(1, round(words / 200))


WORD_BUDGET = 2500  # issue #19: about 2,500 words of prose outside dropdowns per chapter


def test_every_chapter_keeps_to_the_word_budget():
    from conftest import chapter_sources

    chapters = chapter_sources()
    counts = {p.stem: reading.prose_words(p.read_text(encoding="utf-8")) for p in chapters}
    assert len(counts) >= 5, counts
    over = {name: words for name, words in counts.items() if words > WORD_BUDGET}
    assert not over, f"chapters over {WORD_BUDGET} words of prose (move detail into a dropdown, or cut): {over}"


def test_no_two_quoted_passages_stand_stacked():
    """Each quoted passage stands beside the prose that introduces or discusses it (issue #19): two
    blockquotes always have a sentence between them."""
    import re

    stacked = []
    for path in sorted(BOOK.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        blocks = [(m.start(), m.end()) for m in re.finditer(r"(?:^>.*\n)+", text, re.M)]
        assert path.name != "infohazards.md" or len(blocks) >= 3
        for (_, end), (start, _) in zip(blocks, blocks[1:]):
            if not text[end:start].strip():
                stacked.append((path.name, text[:start].count("\n") + 1))
    assert not stacked, f"quoted passages with no prose between them (file, line): {stacked}"
