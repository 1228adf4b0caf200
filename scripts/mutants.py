"""Mutation testing of the helper package: ``make mutants`` (on demand, like ``make bench``).

Runs mutmut (a maintained mutation-testing tool; version pinned in requirements-dev.txt) over every
module of ``book/essays/models/`` and ``book/essays/explorable.py`` with the fast tests (neither
``browser`` nor ``live``), then prints the score of each module and the mutants that survived.

mutmut imports the mutated code from ``mutants/src`` (or ``./``), so the helper package is staged in
``_build/mutants/`` as ``src/essays`` beside ``src/data`` (where ``essays.data`` looks for the data
files) and ``src/_static`` (the page's script, which ``essays.live`` reads), with a copy of ``tests/``
and of ``book/_static`` (the explorable tests run the page's functions from it). mutmut records which tests call each function and runs only those
against that function's mutants, so a run takes minutes, not hours.

    python scripts/mutants.py                      # every module
    python scripts/mutants.py trends survival       # only these groups of modules
    python scripts/mutants.py --report             # score of the last run, without running again
    python scripts/mutants.py --again trends       # after adding tests: rerun only the last run's survivors

Mutants judged equivalent (no test can tell them from the original) are listed, with the reason,
in ``mutants/EQUIVALENT.md``; they count as killed in the score and are printed apart.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGES = ROOT / "_build" / "mutants"
EQUIVALENT = ROOT / "mutants" / "EQUIVALENT.md"
BUDGET = 0.90  # of the mutants of every model module killed

# Each group of modules is mutated in a run of its own, against the fast tests of its topic only.
GROUPS = {
    "parallelization": (["essays/models/parallelization/*"],
                        ["tests/test_model_parallelization*.py", "tests/test_oracles_parallelization*.py"]),
    "legibility": (["essays/models/legibility/*"],
                   ["tests/test_model_legibility*.py", "tests/test_oracles_legibility*.py"]),
    "trends": (["essays/models/trends/*"],
               ["tests/test_model_trends*.py", "tests/test_oracles_trends*.py"]),
    "survival": (["essays/models/survival/*", "essays/models/survival_frames.py"],
                 ["tests/test_model_survival*.py", "tests/test_oracles_survival*.py"]),
    "infohazards": (["essays/models/infohazards.py"],
                    ["tests/test_model_infohazards*.py", "tests/test_oracles_infohazards*.py"]),
    "explorable": (["essays/explorable.py"], ["tests/test_explorable.py", "tests/test_oracles_explorable*.py"]),
}
# Tests that look at the functions themselves (their docstrings, the names a module defines) rather
# than at what they compute: mutmut's trampolines replace each function, so these fail on the
# unmutated code too. They run in `make test-fast` as usual.
INTROSPECTIVE = ("not docstring_example and not every_public_function and not re_exports_every_public_name"
                 " and not fast_enough and not claims_model_is_fast")  # and timings, which the tracing slows down

PYPROJECT = """\
[tool.pytest.ini_options]
testpaths = ["tests"]
addopts = "-p no:cacheprovider -m 'not browser and not live'"
markers = [
    "browser: drives headless Chromium against the built site",
    "live: starts a real Jupyter server",
    "slow: takes minutes",
    "site: reads the built book",
    "versions: builds two versions",
    # xdist's own mark (tests/figures.py groups tests on one worker); xdist is off here (-p no:xdist)
    "xdist_group: run on one pytest-xdist worker",
]
filterwarnings = ["error"]

[tool.mutmut]
source_paths = ["src"]
only_mutate = {only}
do_not_mutate = ["src/essays/models/__init__.py"]
also_copy = ["_toc.yml", "book"]
pytest_add_cli_args_test_selection = {tests}
pytest_add_cli_args = ["-p", "no:xdist", "-k", "{deselect}"]
"""


def stage(group: str) -> Path:
    """Lay out one group's copy of the package and its tests; return the directory to run mutmut in."""
    only, tests = GROUPS[group]
    where = STAGES / group
    if where.exists():
        shutil.rmtree(where)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints")
    shutil.copytree(ROOT / "book" / "essays", where / "src" / "essays", ignore=ignore)
    shutil.copytree(ROOT / "book" / "data", where / "src" / "data", ignore=ignore)
    # the page's script: essays.live reads it beside the package (src/_static), and the explorable
    # tests run its functions from book/_static under the tests' parent
    shutil.copytree(ROOT / "book" / "_static", where / "src" / "_static", ignore=ignore)
    shutil.copytree(ROOT / "book" / "_static", where / "book" / "_static", ignore=ignore)
    shutil.copytree(ROOT / "tests", where / "tests", ignore=ignore)
    shutil.copy2(ROOT / "_toc.yml", where / "_toc.yml")
    files = sorted(str(p.relative_to(ROOT)) for pattern in tests for p in ROOT.glob(pattern))
    (where / "pyproject.toml").write_text(PYPROJECT.format(
        only=json.dumps([f"src/{m}" for m in only]), tests=json.dumps(files), deselect=INTROSPECTIVE),
        encoding="utf-8")
    return where


def equivalent() -> dict[str, str]:
    """Mutant name -> why it is equivalent, from the table in mutants/EQUIVALENT.md."""
    out = {}
    if EQUIVALENT.exists():
        for line in EQUIVALENT.read_text(encoding="utf-8").splitlines():
            match = re.match(r"\|\s*`([^`]+__mutmut_\d+)`\s*\|(.*)\|\s*$", line)
            if match:
                out[match.group(1)] = match.group(2).strip()
    return out


def module_of(mutant: str) -> str:
    """``essays.models.trends.fit.x_fit__mutmut_3`` -> ``essays/models/trends/fit.py``."""
    parts = mutant.split(".")
    for i, part in enumerate(parts):
        if part.startswith("x_") or part.startswith("xǁ"):
            return "/".join(parts[:i]) + ".py"
    return "/".join(parts[:-1]) + ".py"


def last_results(group: str) -> dict[str, dict[str, int | None]]:
    """Meta file (relative to the group's stage) -> mutant name -> exit code, from the last run."""
    where = STAGES / group
    return {str(path.relative_to(where)): json.loads(path.read_text(encoding="utf-8")).get("exit_code_by_key", {})
            for path in where.glob("mutants/**/*.py.meta")}


def keep_results(group: str, before: dict[str, dict[str, int | None]]) -> None:
    """Fill the mutants a targeted run left unrun with their result from the run before."""
    where = STAGES / group
    for rel, codes in before.items():
        path = where / rel
        if not path.exists():
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        mine = data.setdefault("exit_code_by_key", {})
        for name, code in codes.items():
            if mine.get(name) is None:
                mine[name] = code
        path.write_text(json.dumps(data), encoding="utf-8")


def report() -> int:
    from mutmut.stats import status_by_exit_code

    meta = sorted(STAGES.glob("*/mutants/**/*.py.meta"))
    if not meta:
        print("No mutation run found: run `make mutants` first.")
        return 1
    status = {}
    for path in meta:
        data = json.loads(path.read_text(encoding="utf-8"))
        status.update(data.get("exit_code_by_key", {}))
    equiv = equivalent()
    by_module: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for name, code in status.items():
        module = module_of(name)
        if name in equiv:
            kind = "equivalent"
        else:
            kind = status_by_exit_code[code]  # mutmut's own reading of a run's exit code
        by_module[module][kind].append(name)
    failing = []
    print(f"{'module':48} {'mutants':>7} {'killed':>6} {'equiv':>5} {'alive':>5} {'unrun':>5}  score")
    for module in sorted(by_module):
        kinds = by_module[module]
        total = sum(len(v) for v in kinds.values())
        killed = len(kinds["killed"]) + len(kinds["timeout"])
        equiv_n = len(kinds["equivalent"])
        unrun = len(kinds["not checked"])
        alive = total - killed - equiv_n - unrun
        run = total - unrun
        score = (killed + equiv_n) / run if run else 0.0
        is_model = "/models/" in module
        flag = "" if score >= BUDGET or not is_model else "  < budget"
        if unrun:
            flag += f"  (partial: {unrun} not run)" if run else "  (not run)"
        if is_model and (score < BUDGET or not run):
            failing.append(module)
        print(f"{module:48} {total:7d} {killed:6d} {equiv_n:5d} {alive:5d} {unrun:5d}  {score:6.1%}{flag}")
    print()
    for module in sorted(by_module):
        kinds = by_module[module]
        for kind in sorted(set(kinds) - {"killed", "timeout", "equivalent", "not checked"}):
            for name in sorted(kinds[kind], key=_natural):
                print(f"{kind:9} {name}")
    if failing:
        print(f"\nBelow the budget of {BUDGET:.0%} killed: {', '.join(failing)}")
    print("\nSee a mutant's diff with: cd _build/mutants/<group> && mutmut show <name>")
    return 0


def _natural(name: str):
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("groups", nargs="*", choices=[[], *GROUPS], metavar="group",
                        help=f"only these groups of modules: {', '.join(GROUPS)} (default all)")
    parser.add_argument("--report", action="store_true", help="print the last run's scores only")
    parser.add_argument("--jobs", type=int, default=2, help="mutants tested at once (default 2)")
    parser.add_argument("--again", action="store_true",
                        help="rerun only the mutants that survived the last run (after adding tests: a test "
                             "added cannot revive a killed mutant); the others keep their last result")
    args = parser.parse_args()
    if not args.report:
        from mutmut.stats import status_by_exit_code

        mutmut = Path(sys.executable).with_name("mutmut")
        env = {**os.environ, "CI": "1"}  # hypothesis: the same examples on every run (profile "ci")
        for group in args.groups or GROUPS:
            print(f"== {group}", flush=True)
            before = last_results(group) if args.again else {}
            names = sorted(name for codes in before.values() for name, code in codes.items()
                           if status_by_exit_code[code] not in ("killed", "timeout"))
            if args.again and not before:
                print(f"no earlier run of {group}: running every mutant")
            elif args.again and not names:
                print(f"no mutant of {group} survived the last run")
                continue
            where = stage(group)
            code = subprocess.call([str(mutmut), "run", "--max-children", str(args.jobs), *names], cwd=where,
                                   env=env, stdout=(where / "mutmut.log").open("w"), stderr=subprocess.STDOUT)
            if code != 0:
                print(f"mutmut exited with {code} for {group}: see {where.relative_to(ROOT)}/mutmut.log")
            keep_results(group, before)
    return report()


if __name__ == "__main__":
    sys.exit(main())
