"""The whole book builds with warnings as errors and nitpicky references."""
from __future__ import annotations

import re

from conftest import toc_files


def test_book_builds_with_no_warning(site):
    assert site.returncode == 0, site.log[-5000:]
    warnings = [line for line in site.log.splitlines() if re.search(r"\bWARNING\b", line)
                and "Kernel is running over TCP" not in line]
    assert warnings == []


def test_every_page_of_the_toc_is_built(built_html):
    for page in toc_files():
        assert (built_html / f"{page}.html").is_file(), page


def test_no_page_shows_a_traceback_or_an_error_output(built_html):
    for page in toc_files():
        text = (built_html / f"{page}.html").read_text(encoding="utf-8")
        assert "Traceback (most recent call last)" not in text, page
        assert 'class="output stderr"' not in text and "output traceback" not in text, page
