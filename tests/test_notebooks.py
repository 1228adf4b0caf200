"""Every chapter executes top to bottom in a live kernel with no error and no warning."""
from __future__ import annotations

import jupytext
import nbclient
import pytest

from conftest import BOOK, chapter_sources

CHAPTERS = chapter_sources()


@pytest.mark.parametrize("source", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_chapter_executes_without_error_or_warning(source, monkeypatch):
    monkeypatch.delenv("ESSAYS_RENDER", raising=False)  # live figures, as in Binder
    notebook = jupytext.read(source)
    nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(BOOK)}}).execute()
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            assert output.output_type != "error", f"{source.name}: {output.get('ename')}: {output.get('evalue')}"
            if output.output_type == "stream":
                assert output.name != "stderr", f"{source.name} wrote to stderr: {output.text[:500]}"


def test_there_is_at_least_one_chapter():
    assert CHAPTERS


@pytest.mark.parametrize("source", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_chapter_is_already_in_the_form_jupytext_writes(source):
    """What JupyterLab's save (jupytext) would write back is the file itself: a blank line opening a
    code cell, say, would otherwise change the reader's clone on the first autosave. (The real-JupyterLab
    test saves from JupyterLab itself; this is the quick check of the same.)"""
    text = source.read_text(encoding="utf-8")
    assert jupytext.writes(jupytext.reads(text, fmt="md:myst"), fmt="md:myst") == text, \
        f"{source.name}: run `jupytext --to md:myst {source.name}` from book/ and check the diff"
