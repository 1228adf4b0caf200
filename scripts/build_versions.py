"""Build the multi-version site: the latest at the root, every release at ``v/<version>/``.

    python scripts/build_versions.py [--out _build/html] [--repo .] [--no-strict]

For each release recorded in ``releases.yml`` (version: commit, in version order) the commit's tree is
exported (``git archive``, so a clone needs the commits but no tags) into a temporary folder and built
with ``jupyter-book`` as a versioned snapshot (``ESSAYS_VERSION_PATH=v/<version>/``: its citations,
meta tags and scenario links name ``<site>/v/<version>/...`` and each page carries a banner leading
to the same section in the latest). The version in ``CITATION.cff`` is always built too, from the
working tree, even before it is recorded. Then the latest is built from the working tree at the root.
Each build is given the previous release's numbers record (``ESSAYS_PREVIOUS_NUMBERS``), from which
its "What changed" page lists what differs. Finally every section label and figure id of each version
must resolve in the next one (or be listed under ``moved`` in ``releases.yml``), else the script
fails.

Why a script: sphinx-multiversion (last release 2020) and sphinx-polyversion choose versions from
git tags and branches and run Sphinx with a ``conf.py``; Jupyter Book 1.x makes its Sphinx
configuration from ``_config.yml`` and executes the notebooks itself, and a clone here may carry no
tags. Exporting each recorded commit and running the book's own build command fits that directly.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE / "book"))

from essays import changes, citation, versions  # noqa: E402


def export(repo: Path, commit: str, target: Path) -> Path:
    """The tree of ``commit`` in ``repo``, written to ``target``."""
    archive = subprocess.run(["git", "-C", str(repo), "archive", "--format=tar", commit],
                             check=True, capture_output=True).stdout
    target.mkdir(parents=True)
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target


def build(source: Path, out: Path, version_path: str, previous: Path | None, strict: bool,
          commit: str | None = None) -> Path:
    """``jupyter-book build`` of ``source`` into ``out``; the built site's folder. A release built from
    its ``commit`` launches that commit's chapters in Binder (``ESSAYS_SOURCE_COMMIT``)."""
    flags = ["-W", "-n", "--keep-going"] if strict else ["--keep-going"]
    env = {k: v for k, v in os.environ.items()
           if k not in ("ESSAYS_RENDER", citation.VERSION_PATH_ENV, changes.PREVIOUS_ENV, "ESSAYS_SOURCE_COMMIT")}
    if commit:
        env["ESSAYS_SOURCE_COMMIT"] = commit
    if version_path:
        env[citation.VERSION_PATH_ENV] = version_path
    if previous is not None:
        env[changes.PREVIOUS_ENV] = str(previous)
    cmd = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(source), "--path-output", str(out), *flags]
    label = version_path or "latest"
    print(f"building {label} from {source} ...", flush=True)
    result = subprocess.run(cmd, cwd=source, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stdout.write(result.stdout[-6000:] + result.stderr[-6000:])
        raise SystemExit(f"the build of {label} failed")
    return out / "_build" / "html"


def plan(repo: Path, snapshot_current: bool = True) -> list[dict]:
    """The builds, in order: each ``{"version", "commit" (None: the working tree), "version_path",
    "previous"}``; the last is the latest (``version_path`` empty), built from the working tree.

    ``snapshot_current=False`` leaves out the working tree's own versioned snapshot when its
    version is not recorded yet (the two-commit test uses it to build twice, not three times)."""
    recorded = versions.read_releases(repo / "releases.yml")
    releases = recorded["releases"]
    current = str(citation.metadata_at(repo)["version"])
    steps = [{"version": v, "commit": c, "version_path": citation.version_path(v),
              "previous": versions.previous_release(releases, v)} for v, c in releases.items()]
    if current not in releases and snapshot_current:  # the version being written, from the working tree
        steps.append({"version": current, "commit": None, "version_path": citation.version_path(current),
                      "previous": versions.previous_release(releases, current)})
    steps.append({"version": current, "commit": None, "version_path": "",
                  "previous": versions.previous_release(releases, current)})
    return steps


def build_all(repo: Path, out: Path, strict: bool = True, snapshot_current: bool = True,
              work: Path | None = None) -> dict:
    """Build every version of the book in ``repo`` into ``out``; what was built, as JSON-able data."""
    moved = versions.read_releases(repo / "releases.yml")["moved"]
    work = Path(tempfile.mkdtemp(prefix="essays-versions-", dir=work))
    sites: dict[str, Path] = {}
    latest = None
    for step in plan(repo, snapshot_current):
        version, previous = step["version"], step["previous"]
        source = repo if step["commit"] is None else export(repo, step["commit"], work / f"src-{version}")
        if str(citation.metadata_at(source)["version"]) != version:
            raise SystemExit(f"releases.yml records {version} at {step['commit']}, whose CITATION.cff says "
                             f"{citation.metadata_at(source)['version']}: record the commit that bumped the version")
        record = sites[previous] / changes.RECORD_FILE if previous else None
        name = f"out-{version}" if step["version_path"] else "out-latest"
        site = build(source, work / name, step["version_path"], record, strict, step["commit"])
        if step["version_path"]:
            sites[version] = site
        else:
            latest = site

    order = sorted(sites, key=versions.version_key)
    missing = {}
    chain = [(v, sites[v]) for v in order] + [("latest", latest)]
    for (old, old_site), (new, new_site) in zip(chain[:-1], chain[1:]):
        lost = versions.missing_anchors(versions.anchors(old_site), versions.anchors(new_site), moved)
        if lost:
            missing[f"{old} -> {new}"] = lost

    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(latest, out)
    for version in order:
        shutil.copytree(sites[version], out / citation.version_path(version))
    summary = {"latest": str(citation.metadata_at(repo)["version"]), "versions": order,
               "releases": versions.read_releases(repo / "releases.yml")["releases"]}
    (out / "versions.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)
    if missing:
        lines = [f"{pair}: {', '.join(lost)}" for pair, lost in missing.items()]
        raise SystemExit("anchors that disappeared (list each under `moved` in releases.yml):\n" + "\n".join(lines))
    return summary


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", type=Path, default=HERE, help="the repository to build (default: this one)")
    parser.add_argument("--out", type=Path, default=None, help="where the site goes (default: <repo>/_build/html)")
    parser.add_argument("--no-strict", action="store_true", help="do not treat warnings as errors")
    args = parser.parse_args(argv)
    repo = args.repo.resolve()
    summary = build_all(repo, (args.out or repo / "_build" / "html").resolve(), strict=not args.no_strict)
    print(f"built the latest ({summary['latest']}) and versions {', '.join(summary['versions'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
