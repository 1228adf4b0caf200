"""Claims on the built site: the printed status and thresholds are the model's, moving a slider across
a printed threshold flips the status and what the chart draws from the claim, and the Cruxes page
lists every declared claim with links that open the figure just across each threshold."""
from __future__ import annotations

import pytest

from essays.claims import all_cruxes, claim_status_at, cruxes_table
from essays.explorable import all_figures
from figures import SET_JS, position, wait_idle

pytestmark = pytest.mark.browser
CRUXES = all_cruxes()
PAGES = sorted({f.chart.__module__.rsplit(".", 1)[-1] for f, _ in CRUXES})


def shown(page, name: str, claim: str) -> dict:
    box = page.locator(f"#fig-{name} .explorable-claim[data-claim='{claim}']")
    return {
        "holds": box.locator(".claim-status").get_attribute("data-holds") == "true",
        "status": box.locator(".claim-status").inner_text().strip(),
        "flips": {li.get_attribute("data-param"): li.inner_text().strip() for li in box.locator("li").all()},
    }


def claim_data(page, name: str) -> list[dict]:
    wait_idle(page, name)
    return page.evaluate("(n) => window.essays.figures[n].view.data('claims')", name)


def expected(fig, crux, positions) -> dict:
    values = {p.name: fig._coerce(p, p.grid()[positions[p.name]]) for p in fig.params}
    holds = crux.holds(**values)
    flips = {p.name: crux.flip_text(p.name, crux.flips(p.name, scan=p.grid(), **values), holds) for p in crux.params}
    return {"holds": holds, "status": crux.status_text(**values), "flips": flips}


@pytest.mark.skipif(not CRUXES, reason="the book declares no claim yet")
@pytest.mark.parametrize("page_name", PAGES)
def test_crossing_a_printed_threshold_flips_the_status_and_the_drawn_claim(visit, page_name):
    v = visit(f"book/{page_name}.html").charts_drawn()
    page = v.page
    for fig, crux in [(f, c) for f, c in CRUXES if f.chart.__module__.endswith("." + page_name)]:
        name, claim = fig.name, crux.claim.name
        positions = {p.name: position(page, name, p.name) for p in fig.params}
        assert shown(page, name, claim) == expected(fig, crux, positions)
        table = next(t for t in page.evaluate("(n) => window.essays.figures[n].meta.claims", name) if t["name"] == claim)
        crossed = 0
        for p in crux.params:
            state = claim_status_at(table, positions, {q.name: q for q in fig.params})
            entry = table["flips"][p.name][_others_index(fig, table, p.name, positions)]
            if not entry:
                continue
            grid = p.grid()
            threshold = entry[0]
            here = grid[positions[p.name]]
            # the slider position just across the first printed threshold (a whole-number slider's
            # threshold is the first value on its new side)
            first_at_or_above = int(grid.searchsorted(threshold - 1e-9 * max(1.0, abs(threshold))))
            across = first_at_or_above if here < threshold else first_at_or_above - 1
            before_rows = claim_data(page, name)
            page.evaluate(SET_JS, [name, p.name, across])
            moved = positions | {p.name: across}
            after = shown(page, name, claim)
            assert after == expected(fig, crux, moved)
            above = grid[across] >= threshold - 1e-9 * max(1.0, abs(threshold))
            assert after["holds"] == (bool(entry[1]) if above else not entry[1])
            after_rows = claim_data(page, name)
            assert [r for r in after_rows if r["kind"] == "status"] != [r for r in before_rows if r["kind"] == "status"]
            label = page.locator(f"#fig-{name} .explorable-chart").get_attribute("aria-label")
            assert after["status"] in label and crux.claim.text in label
            page.evaluate(SET_JS, [name, p.name, positions[p.name]])  # back where it was
            assert shown(page, name, claim)["holds"] == state["holds"]
            crossed += 1
        assert crossed or all(t.startswith(("holds", "fails")) and "whole range" in t
                              for t in shown(page, name, claim)["flips"].values())
    assert v.errors == [], f"console errors: {v.errors}"


def _others_index(fig, table, param, positions) -> int:
    sizes = {p.name: len(p.grid()) for p in fig.params}
    k = 0
    for n in table["params"]:
        if n != param:
            k = k * sizes[n] + positions[n]
    return k


@pytest.mark.skipif(not CRUXES, reason="the book declares no claim yet")
def test_the_cruxes_page_lists_every_claim_and_its_links_open_the_other_world(visit, server):
    v = visit("book/cruxes.html").charts_drawn()
    ids = set(v.page.eval_on_selector_all("table.cruxes-table tbody tr", "rows => rows.map(r => r.id)"))
    assert ids == {f"crux-{f.name}-{c.claim.name}" for f, c in CRUXES}
    figures = all_figures()
    for row in cruxes_table():
        for item in row["params"]:
            for link in item["flips"]:
                href = v.page.locator(f"#crux-{row['figure']}-{row['claim']} a.crux-link").evaluate_all(
                    "(as) => as.map(a => a.href)")
                target = next(h for h in href if f".{item['param']}=" in h and h.endswith(f"#fig-{row['figure']}")
                              and repr(link["across"]) in h)
                w = visit(target[len(server):]).charts_drawn()
                assert shown(w.page, row["figure"], row["claim"])["holds"] == link["holds_across"]
                fig = figures[row["figure"]]
                assert position(w.page, fig.name, item["param"]) == int(
                    abs(next(p for p in fig.params if p.name == item["param"]).grid() - link["across"]).argmin())
                assert w.errors == []
