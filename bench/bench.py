"""Benchmarks against the budgets in DESIGN.md; prints its figures (no pass/fail).

- clean build time of the whole book (every chapter executed);
- each page's own weight (HTML with its inline chart data) and the shared scripts' sizes;
- first-visit transfer of each page in headless Chromium;
- static slider redraw time in headless Chromium (median and p95 over many moves);
- live slider redraw time in a Jupyter kernel (model + chart rebuild, median and p95).

Usage: python bench/bench.py [--site DIR]   (without --site it builds the book first)
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "book"), str(ROOT / "tests")]

from conftest import CHROMIUM, CHROMIUM_ARGS, toc_files  # noqa: E402


def kb(n: int) -> str:
    return f"{n / 1024:,.1f} KB"


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def build(out: Path) -> float:
    start = time.perf_counter()
    subprocess.run([str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT), "--path-output",
                    str(out), "--all", "-W", "-n", "--keep-going"], check=True, capture_output=True)
    return time.perf_counter() - start


def page_weights(html: Path) -> None:
    print("\nPage weight (own HTML incl. inline chart data; budget 300 KB):")
    sizes = {f: (html / f"{f}.html").stat().st_size for f in toc_files()}
    for page, size in sizes.items():
        print(f"  {page:32s} {kb(size):>12s}")
    largest = max(sizes, key=sizes.get)
    print(f"  largest: {largest} ({kb(sizes[largest])})")
    print("Shared scripts (cached across pages):")
    for rel in ["_static/vendor/vega-bundle.js", "_static/essays.js", "_static/essays.css",
                "_static/mathjax/tex-chtml.js", "_static/scripts/fontawesome.js"]:
        path = html / rel
        if path.exists():
            print(f"  {rel:40s} {kb(path.stat().st_size):>12s}")


def browser_figures(html: Path, moves: int = 60) -> None:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(html))
    handler.log_message = lambda *a: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    timings: dict[str, list[float]] = {}
    print("\nFirst visit, bytes transferred (empty cache):")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for page_name in toc_files():
            context = browser.new_context()
            page = context.new_page()
            sizes = []
            page.on("requestfinished", lambda r: sizes.append(r.sizes()["responseBodySize"]))
            page.goto(f"{base}/{page_name}.html", wait_until="networkidle")
            print(f"  {page_name:32s} {kb(sum(sizes)):>12s} in {len(sizes)} requests")
            names = page.eval_on_selector_all("figure.explorable", "els => els.map(e => e.dataset.name)")
            if names:
                page.evaluate("() => window.essays.ready")
            for name in names:
                ms = page.evaluate(
                    """async ([name, moves]) => {
                        const fig = window.essays.figures[name];
                        const out = [];
                        for (const p of fig.meta.params) {
                          for (let i = 0; i < moves; i++) {
                            const index = (i * 7) % p.values.length;
                            const t0 = performance.now();
                            await fig.setIndex(p.name, index);
                            out.push(performance.now() - t0);
                          }
                          await fig.setIndex(p.name, p.default);
                        }
                        return out;
                    }""", [name, moves])
                timings[name] = ms
            context.close()
        browser.close()
    httpd.shutdown()
    print("\nStatic slider redraw in headless Chromium (budget: median under 16 ms):")
    for name, ms in timings.items():
        print(f"  {name:24s} median {statistics.median(ms):6.2f} ms   p95 {percentile(ms, 0.95):6.2f} ms"
              f"   ({len(ms)} moves)")


LIVE_PROBE = """
import json, statistics, time
from essays.explorable import all_figures
out = {}
for name, figure in all_figures().items():
    figure.widget()
    live = figure._live
    times = []
    for i in range(30):
        for p in figure.params:
            slider = live.sliders[p.name]
            lo, hi = slider.min, slider.max
            value = lo + (hi - lo) * ((i * 0.37) % 1.0)
            if p.log:
                value = 10 ** value
            if p.integer:
                value = int(round(value))
            t0 = time.perf_counter()
            slider.value = value if not p.log else min(max(value, p.min), p.max)
            times.append((time.perf_counter() - t0) * 1000)
    out[name] = times
print(json.dumps(out))
"""


def live_figures() -> None:
    import nbclient
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(LIVE_PROBE)])
    nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(ROOT / "book")}}).execute()
    stdout = [o for o in nb.cells[0].outputs if o.output_type == "stream" and o.name == "stdout"]
    results = json.loads(stdout[-1].text)
    print("\nLive slider redraw in a Jupyter kernel, model + chart rebuild (budget: median under 50 ms):")
    for name, ms in results.items():
        print(f"  {name:24s} median {statistics.median(ms):6.2f} ms   p95 {percentile(ms, 0.95):6.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (_build/html) to measure instead of building")
    args = parser.parse_args()
    if args.site:
        html = args.site
    else:
        out = Path(tempfile.mkdtemp(prefix="bench-build-"))
        seconds = build(out)
        print(f"Clean build of the whole book, every chapter executed: {seconds:.1f} s (budget: well under 60 s)")
        html = out / "_build" / "html"
    page_weights(html)
    browser_figures(html)
    live_figures()


if __name__ == "__main__":
    main()
