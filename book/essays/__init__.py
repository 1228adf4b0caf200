"""Shared helpers for the book's executable essays.

``essays.models``  pure numpy/pandas models, one short file per chapter (no altair, no ipywidgets)
``essays.charts``  tidy DataFrame -> altair chart, one file per chapter
``essays.explorable``  declare an interactive figure once, render it statically and live
"""
import sys

# jsonschema, which altair imports, builds rfc3987-syntax's Lark grammar as it is imported: 1.7 s of
# every kernel's 2.8 s start, for the "iri" format check alone. The Vega-Lite schema altair validates
# against has no "iri" format (only uri, uri-reference and color-hex), and rfc3987-syntax is here only
# as jupyter-events' extra (JupyterLab's server, which never imports this package). A process that
# imports essays before jsonschema skips it; jsonschema then leaves "iri" unchecked, as it does
# whenever rfc3987-syntax is not installed.
if "jsonschema" not in sys.modules:
    sys.modules.setdefault("rfc3987_syntax", None)
