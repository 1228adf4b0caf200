"""What a version of the book says in numbers, and what changed since the previous release.

Every build writes ``_numbers.json`` beside its pages (``essays.sphinx_ext``): each number glued into
the prose (``{eval}`glued(...)``` roles, and ``{glue:text}`` / ``{glue}``) with its name, the value as the page shows it, the
page and the section (the nearest ``(label)=`` heading above the role), and every claim of the book
(``essays.claims.all_cruxes``) with its status at its figure's settings. The "What changed" page
compares this build's record with the previous release's (``ESSAYS_PREVIOUS_NUMBERS``: the path of
that release's ``_numbers.json``, given by ``scripts/build_versions.py``) and lists, section by
section, every number and claim status that differs, with both values.
"""
from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path
from typing import Iterable, Mapping

PREVIOUS_ENV = "ESSAYS_PREVIOUS_NUMBERS"
RECORD_FILE = "_numbers.json"

_LABEL = re.compile(r"^\(([A-Za-z0-9_-]+)\)=\s*$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*\S)\s*$")
_FENCE = re.compile(r"^(`{3,}|~{3,})")
# {glue:text}`name`, {glue:text}`name:.2f`, {glue}`name`, {glue:text}`other.ipynb::name:.2f`
_GLUE_ROLE = re.compile(r"\{glue(?::text)?\}`(?:([^`:]+)::)?([A-Za-z0-9_.-]+?)(?::([^`]*))?`")
# {eval}`glued("name")`, {eval}`glued("name",".2f")`: a glued number as the chapters quote it
# (essays.prose; the book build and JupyterLab both evaluate it)
_EVAL_ROLE = re.compile(r'\{eval\}`glued\("([A-Za-z0-9_]+)"(?:,"([^"\\]*)")?\)`')


def _plain(text: str) -> str:
    """A heading's text without MyST roles and markup: ``{term}`x <y>``` -> ``x``."""
    text = re.sub(r"\{[a-z:]+\}`([^`<]*?)\s*(?:<[^`]*>)?`", r"\1", text)
    return re.sub(r"[*_`]", "", text).strip()


def prose_numbers(source: str, glue: Mapping[str, dict], page: str, glue_of=None) -> list[dict]:
    """Each glue role in a page's MyST source outside code, with the value it shows.

    ``glue`` is the page's glue data (myst-nb's ``<page>.glue.json``: name -> output bundle), and
    ``glue_of(docname)`` another page's, for a role quoting it (``{glue:text}`other.ipynb::name```);
    ``section`` is the label of the nearest labelled heading above the role (``""`` before any).
    """
    from myst_nb.core.variables import format_plain_text

    out: list[dict] = []
    section, title, pending, fence = "", "", None, None
    for line in source.splitlines():
        stripped = line.strip()
        opened = _FENCE.match(stripped)
        if opened:
            if fence is None:
                fence = opened.group(1)
            elif stripped == fence[0] * len(stripped) and len(stripped) >= len(fence):
                fence = None
            continue
        if fence:
            continue
        label = _LABEL.match(stripped)
        if label:
            pending = label.group(1)
            continue
        heading = _HEADING.match(line)
        if heading and pending:
            section, title = pending, _plain(heading.group(2))
        if stripped:
            pending = None
        roles = _GLUE_ROLE.findall(line) + [("", name, fmt) for name, fmt in _EVAL_ROLE.findall(line)]
        for other, name, fmt in roles:
            source_glue = glue
            if other:
                doc = re.sub(r"\.(ipynb|md)$", "", str(Path(page).parent / other))
                source_glue = glue_of(doc) if glue_of else {}
            bundle = source_glue.get(name)
            if bundle is None:
                raise ValueError(f"{page}: the prose quotes glue {name!r}, which "
                                 f"{'page ' + other if other else 'the page'} does not glue")
            raw = bundle.get("data", {}).get("text/plain", "")
            out.append({"name": name, "format": fmt, "value": format_plain_text(raw, fmt), "raw": raw,
                        "page": page, "section": section, "section_title": title})
    return out


def claims_record() -> list[dict]:
    """Every claim of the book at its figure's settings: whether it holds and the status sentence."""
    from essays.claims import all_cruxes

    rows = []
    for figure, crux in all_cruxes():
        own = {p.name: figure.defaults[p.name] for p in crux.params}
        rows.append({"page": "book/" + figure.chart.__module__.rsplit(".", 1)[-1], "figure": figure.name,
                     "claim": crux.claim.name, "text": crux.claim.text, "holds": bool(crux.holds(**own)),
                     "status": crux.status_text(**own), "section": f"fig-{figure.name}",
                     "section_title": figure.title})
    return rows


def record(pages: Iterable[tuple[str, Path]], glue_folder: Path, version: str) -> dict:
    """The numbers record of a build: ``pages`` are (docname, MyST source path) in book order."""
    def glue_of(docname: str) -> dict:
        glue_file = glue_folder / f"{docname}.glue.json"
        return json.loads(glue_file.read_text(encoding="utf-8")) if glue_file.exists() else {}

    numbers = []
    for docname, path in pages:
        numbers += prose_numbers(path.read_text(encoding="utf-8"), glue_of(docname), docname, glue_of)
    return {"version": version, "numbers": numbers, "claims": claims_record()}


def previous_record() -> dict | None:
    """The previous release's record (``ESSAYS_PREVIOUS_NUMBERS``), or None when none is given."""
    path = os.environ.get(PREVIOUS_ENV, "").strip()
    if not path:
        return None
    file = Path(path)
    if not file.is_file():
        raise ValueError(f"{PREVIOUS_ENV} names {path!r}, which is not a file")
    return json.loads(file.read_text(encoding="utf-8"))


def differences(previous: Mapping, current: Mapping) -> list[dict]:
    """Every number and claim status that differs between two records, in the current book order.

    A number is the same number when it has the same page, name and format (so a sentence moved to
    another section is not a change); a claim is identified by page, figure and claim name. Each
    difference: ``kind`` ("number" or "claim"), ``page``, ``section``, ``section_title``, ``name``,
    ``before`` and ``after`` (None when the number or claim is not in that record).
    """
    def numbers(rec):
        out = {}
        for n in rec.get("numbers", []):
            out.setdefault((n["page"], n["name"], n["format"]), n)
        return out

    def claims(rec):
        return {(c["page"], c["figure"], c["claim"]): c for c in rec.get("claims", [])}

    def status(c):
        return ("holds" if c["holds"] else "fails") + ": " + c["status"]

    out = []
    for kind, index, show in (("number", numbers, lambda n: n["value"]), ("claim", claims, status)):
        before, after = index(previous), index(current)
        for key in list(after) + [k for k in before if k not in after]:
            a, b = before.get(key), after.get(key)
            va, vb = (show(a) if a else None), (show(b) if b else None)
            if va == vb:
                continue
            where = b or a
            out.append({"kind": kind, "page": where["page"], "section": where["section"],
                        "section_title": where["section_title"],
                        "name": key[1] if kind == "number" else f"{key[2]}: {where['text']}",
                        "before": va, "after": vb})
    order = {page: i for i, page in enumerate(dict.fromkeys(n["page"] for n in current.get("numbers", [])))}
    out.sort(key=lambda d: (order.get(d["page"], len(order)), d["kind"] == "claim"))
    return out


def changes_html(previous: Mapping | None, current: Mapping, page_titles: Mapping[str, str],
                 href) -> str:
    """The "What changed" page's body: by page and section, each difference with both values.

    ``href(page, anchor)`` gives the link to a section of this version.
    """
    esc = html.escape
    version = esc(str(current.get("version", "")))
    if previous is None:
        return ('<p class="changes-none">No earlier release is recorded for this build, so there is '
                f'nothing to compare version {version} with.</p>')
    before_version = esc(str(previous.get("version", "")))
    diffs = differences(previous, current)
    if not diffs:
        return (f'<p class="changes-none">No number in the prose and no claim status differs between '
                f'version {before_version} and version {version}.</p>')
    parts = [f'<p class="changes-summary">{len(diffs)} numbers and claim statuses differ between version '
             f'{before_version} and version {version}.</p>']
    pages: dict[str, dict[tuple[str, str], list[dict]]] = {}
    for d in diffs:
        pages.setdefault(d["page"], {}).setdefault((d["section"], d["section_title"]), []).append(d)
    for page, sections in pages.items():
        slug = re.sub(r"[^a-z0-9-]", "-", page.rsplit("/", 1)[-1].lower())
        parts.append(f'<section class="changes-page" id="changes-{slug}">'
                     f'<h2>{esc(page_titles.get(page, page))}</h2>')
        for (section, title), rows in sections.items():
            link = href(page, section)
            parts.append(f'<h3><a href="{esc(link)}">{esc(title or page_titles.get(page, page))}</a></h3>')
            parts.append('<table class="changes-table"><thead><tr><th>Number or claim</th>'
                         f'<th>Version {before_version}</th><th>Version {version}</th></tr></thead><tbody>')
            for d in rows:
                cells = [esc(d["before"]) if d["before"] is not None else "<em>not in this version</em>",
                         esc(d["after"]) if d["after"] is not None else "<em>not in this version</em>"]
                parts.append(f'<tr class="changes-{d["kind"]}"><td><code>{esc(d["name"])}</code></td>'
                             f'<td>{cells[0]}</td><td>{cells[1]}</td></tr>')
            parts.append("</tbody></table>")
        parts.append("</section>")
    return "".join(parts)
