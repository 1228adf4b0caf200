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


def test_the_builds_kernels_talk_over_unix_sockets_named_for_each_kernel():
    """Pages are read in parallel processes; a TCP kernel's ports, picked free in one process and
    bound in another, could collide. The build's kernels use Unix sockets, a file per kernel."""
    import nbformat
    from myst_nb.core.execute.inline import ModifiedNotebookClient

    from essays import sphinx_ext

    sphinx_ext._kernels_over_ipc()
    sphinx_ext._kernels_over_ipc()  # idempotent: a second Sphinx app in the same process
    managers = [ModifiedNotebookClient(nbformat.v4.new_notebook(), kernel_name="python3").create_kernel_manager()
                for _ in range(2)]
    assert [km.transport for km in managers] == ["ipc", "ipc"]
    assert managers[0].ip != managers[1].ip
    # a Unix socket's path holds at most 103 bytes on macOS, 107 on Linux: <ip>-<n> must fit
    assert all(len(f"{km.ip}-99".encode()) <= 103 for km in managers)
