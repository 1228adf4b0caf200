"""Nothing in the repository points outside it.

Every file git tracks must make sense in a fresh clone on another machine: no absolute path of the
machine it was written on (its temporary, root, home or work folders) and no relative path that
climbs out of the repository (such as a sibling folder of shared material). ``package-lock.json``
is excluded: npm writes it and it names only registry URLs.

The forbidden fragments are assembled from pieces below so that this file does not match itself.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

EXCLUDED = {"package-lock.json"}

# An absolute path starting at one of these top-level folders, not part of a URL or a longer path.
MACHINE_DIRS = ["tm" + "p", "ro" + "ot", "ho" + "me", "wo" + "rk"]
ABSOLUTE = re.compile(r"(?<![\w.\-/:~])/(?:" + "|".join(MACHINE_DIRS) + r")/")
# A relative path that climbs out of the repository, e.g. to a sibling "shared" folder.
CLIMBING = re.compile(r"(?:\.\./)+[\w.\-]+")
SIBLINGS = ["sha" + "red", "se" + "ed"]
UP = ".." + "/"
SIBLING = re.compile(r"\.parent\s*/\s*[\"'](?:" + "|".join(SIBLINGS) + r")[\"']")


def tracked_files() -> list[Path]:
    try:
        out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout: no list of tracked files")
    return [ROOT / name for name in out.decode("utf-8").split("\0") if name and Path(name).name not in EXCLUDED]


def text_of(path: Path) -> str | None:
    try:
        data = path.read_bytes()
    except OSError:  # a tracked file deleted in the work tree
        return None
    if b"\0" in data[:8192]:
        return None  # binary
    return data.decode("utf-8", errors="replace")


def climbs_out(path: Path, match: str) -> bool:
    """Whether a ``../`` path written in ``path`` leaves the repository when read from the file's
    folder (links, includes), or names a sibling folder of shared material from anywhere."""
    if match.rstrip("/").rsplit("/", 1)[-1] in SIBLINGS:
        return True
    return not (path.parent / match).resolve().is_relative_to(ROOT.resolve())


def offending_lines(path: Path) -> list[str]:
    text = text_of(path)
    if text is None:
        return []
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        bad = ABSOLUTE.search(line) or SIBLING.search(line)
        if not bad:
            bad = next((m for m in CLIMBING.finditer(line) if climbs_out(path, m.group(0))), None)
        if bad:
            found.append(f"{path.relative_to(ROOT)}:{number}: {bad.group(0)!r} in {line.strip()[:120]!r}")
    return found


def test_the_patterns_catch_what_they_should():
    assert ABSOLUTE.search("see " + "/" + MACHINE_DIRS[3] + "/x/y.txt")
    assert ABSOLUTE.search("`" + "/" + MACHINE_DIRS[0] + "/build`")
    assert not ABSOLUTE.search("https://example.org/" + MACHINE_DIRS[3] + "/x")
    assert not ABSOLUTE.search("book/" + MACHINE_DIRS[2] + "/x")
    assert SIBLING.search('ROOT.parent / "' + SIBLINGS[0] + '" / "tools"')
    assert climbs_out(ROOT / "tests" / "x.py", UP * 2 + SIBLINGS[0])
    assert climbs_out(ROOT / "tests" / "x.py", UP + SIBLINGS[0])
    assert climbs_out(ROOT / "README.md", UP + "other-repo")
    assert not climbs_out(ROOT / "book" / "essays" / "x.py", UP + "data")


def test_no_tracked_file_names_a_path_outside_the_repository():
    files = tracked_files()
    assert files, "git ls-files listed nothing"
    problems = [line for path in files for line in offending_lines(path)]
    assert not problems, "paths outside the repository:\n" + "\n".join(problems)
