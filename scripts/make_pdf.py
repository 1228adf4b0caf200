"""Make a PDF of the whole book, offline, with this machine's own tools.

Builds the book as one HTML page (Sphinx's ``singlehtml`` builder: every chapter executed, charts
drawn by the vendored Vega at their default settings), opens it in headless Chromium on localhost
and prints it with page numbers.

Usage: python scripts/make_pdf.py [--site DIR] [--build-dir DIR] [--out FILE]
  --site DIR       an existing singlehtml build (its ``book/index.html``) instead of building one
  --build-dir DIR  where the book builds (default: the repository, as ``make build``: ``_build/``).
                   Sphinx reuses what a build there has already read: after ``make build`` (its
                   executed chapters current), the single page is written without executing again.
  --out FILE   where to write the PDF (default: _build/pdf/executable-essays.pdf)
"""
from __future__ import annotations

import argparse
import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
FOOTER = ('<div style="font-size:9px;width:100%;text-align:center;color:#555">'
          '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')


def build_singlehtml(out: Path) -> Path:
    subprocess.run([str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT), "--builder",
                    "singlehtml", "--path-output", str(out), "-W", "-n", "--keep-going"], check=True)
    return out / "_build" / "singlehtml"


def print_pdf(site: Path, pdf: Path) -> Path:
    from playwright.sync_api import sync_playwright

    # The single page lives at book/index.html but Sphinx writes its asset links relative to the
    # site root; a copy at the root resolves them.
    (site / "print.html").write_text((site / "book" / "index.html").read_text(encoding="utf-8"), encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    pdf.parent.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page()
            page.route("**/*", lambda r: r.continue_() if "127.0.0.1" in r.request.url else r.abort())
            page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/print.html", wait_until="load")
            page.evaluate("() => window.essays ? window.essays.ready.then(() => true) : true")
            page.evaluate("() => window.MathJax && MathJax.startup ? MathJax.startup.promise.then(() => true) : true")
            page.emulate_media(media="print")
            page.pdf(path=str(pdf), format="A4", print_background=True, display_header_footer=True,
                     header_template="<div></div>", footer_template=FOOTER,
                     margin={"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"})
            browser.close()
    finally:
        httpd.shutdown()
    return pdf


def main() -> None:
    parser = argparse.ArgumentParser(description="Make a PDF of the whole book")
    parser.add_argument("--site", type=Path)
    parser.add_argument("--build-dir", type=Path, default=ROOT)
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "pdf" / "executable-essays.pdf")
    args = parser.parse_args()
    site = args.site or build_singlehtml(args.build_dir)
    print(print_pdf(site, args.out))


if __name__ == "__main__":
    main()
