"""Every passage of the source text (lines 3-32) is quoted verbatim somewhere in the book.

The source text and the checker are both in the repository (tests/data/source/, whose README says
where the text comes from, and scripts/check_quotes.py), so this test runs in every clone.
"""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

CHECKER = ROOT / "scripts" / "check_quotes.py"
SOURCE = ROOT / "tests" / "data" / "source" / "000_083c546b74357227.txt"


def test_the_source_text_and_checker_are_in_the_repository():
    assert CHECKER.is_file()
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 32
    assert lines[0] == "I'm the chief scientist at Redwood Research."


def test_every_source_passage_is_quoted_verbatim():
    # Run from another folder: the checker finds the source and book/ from its own location.
    result = subprocess.run([sys.executable, str(CHECKER), "--strict"], capture_output=True, text=True,
                            cwd=ROOT / "tests")
    assert result.returncode == 0, result.stdout
    assert "30/30 passages verbatim" in result.stdout
    explicit = subprocess.run([sys.executable, str(CHECKER), str(ROOT / "book"), "--strict"],
                              capture_output=True, text=True)
    assert explicit.returncode == 0, explicit.stdout
    assert "30/30 passages verbatim" in explicit.stdout


def test_the_checker_fails_when_a_passage_is_altered(tmp_path):
    book = tmp_path / "book"
    book.mkdir()
    text = "\n".join(SOURCE.read_text(encoding="utf-8").splitlines()[2:])
    (book / "all.md").write_text(text.replace("goverment", "government"), encoding="utf-8")
    result = subprocess.run([sys.executable, str(CHECKER), str(book), "--strict"], capture_output=True, text=True)
    assert result.returncode == 1
    assert "29/30 passages verbatim" in result.stdout and "altered" in result.stdout


def test_every_quoted_passage_carries_its_line_number_linked_to_the_source_page():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "label_quotes.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
