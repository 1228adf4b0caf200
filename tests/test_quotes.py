"""Every passage of the source text (lines 3-32) is quoted verbatim somewhere in the book."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT

CHECKER = ROOT.parent / "shared" / "tools" / "check_quotes.py"


@pytest.mark.skipif(not CHECKER.exists(), reason="the commission's quote checker (../shared) is not beside this clone")
def test_every_source_passage_is_quoted_verbatim():
    result = subprocess.run([sys.executable, str(CHECKER), str(ROOT / "book"), "--strict"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert "30/30 passages verbatim" in result.stdout
