"""A PDF of the whole book, made offline with headless Chromium: every chapter, numbered pages."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from pypdf import PdfReader

from conftest import ROOT, toc_files

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def pdf_text(tmp_path_factory, built_html) -> tuple[str, int]:
    """The PDF as ``make pdf`` makes it after ``make build``: the single page is written from what
    the HTML build read and executed (a copy of its doctrees and executed notebooks), not executed
    again. Without those (a prebuilt site that lacks them) it builds from scratch."""
    out = tmp_path_factory.mktemp("pdf")
    for name in (".doctrees", "jupyter_execute"):
        if (built_html.parent / name).is_dir():
            shutil.copytree(built_html.parent / name, out / "_build" / name)
    pdf = out / "book.pdf"
    made = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_pdf.py"), "--build-dir", str(out),
                           "--out", str(pdf)], cwd=out, check=True, capture_output=True, text=True, timeout=1200)
    reader = PdfReader(pdf)
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages), made.stdout + made.stderr


def test_after_a_build_the_pdf_executes_no_chapter_again(pdf_text, built_html):
    if not (built_html.parent / ".doctrees").is_dir():
        pytest.skip("the prebuilt site (ESSAYS_SITE) has no doctrees beside it to reuse")
    log = pdf_text[2]
    assert "updating environment: 0 added, 0 changed, 0 removed" in re.sub(r"\x1b\[[0-9;]*m", "", log), log[-3000:]
    assert "Executed notebook" not in log


def page_titles() -> list[str]:
    titles = []
    for page in toc_files():
        source = (ROOT / f"{page}.md").read_text(encoding="utf-8")
        titles.append(re.search(r"^# (.+)$", source, re.M).group(1).strip())
    return titles


def normalise(text: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKC", text)  # the PDF's ligatures ("ﬁ") back to letters
    return re.sub(r"\s+", " ", text.replace("\u201c", '"').replace("\u201d", '"'))


def test_the_pdf_contains_every_chapter_title(pdf_text):
    text = normalise(pdf_text[0])
    for title in page_titles():
        assert normalise(title) in text, title


def test_the_pdf_pages_are_numbered(pdf_text):
    text, pages = pdf_text[:2]
    assert pages > 5
    assert f"1 / {pages}" in text and f"{pages} / {pages}" in text


def test_the_pdf_keeps_the_quotes_and_references(pdf_text):
    text = normalise(pdf_text[0])
    assert "I'm currently skeptical that toy models of DAGs/tech trees" in text.replace("\u2019", "'")
    assert "measuring ai ability to complete long tasks" in text.lower()  # the bibliography style may change case


def test_on_paper_each_figure_shows_its_settings_line_with_its_link_and_no_buttons(pdf_text):
    from essays.explorable import all_figures

    text = normalise(pdf_text[0])
    compact = text.replace(" ", "")
    for figure in all_figures().values():
        line = ", ".join(f"{p.symbol or p.label} = {p.display(p.default)}" for p in figure.params)
        assert normalise(line).replace(" ", "") in compact, figure.name
        assert f"#fig-{figure.name}" in compact, figure.name  # the scenario link, printed
    assert "Data (CSV)" not in text and "Link copied" not in text
