"""Numbers in the prose, computed in the chapter's code cells, shown by the book and by JupyterLab.

A chapter's code cell computes a number from the model and glues it under a name; the prose quotes
it with ``{eval}`glued("name",".2f")```. The same role is understood by

* myst-nb (the book build, ``nb_execution_mode: inline``), which evaluates the expression in the
  kernel that ran the chapter and writes its text into the page, and
* jupyterlab-myst (a live JupyterLab, Binder), which evaluates it in the reader's kernel once the
  cells above have run, and shows the same text where the placeholder would be.

``glued`` formats exactly as myst-nb's ``{glue:text}`name:format``` role did (the value's plain-text
form, read back and formatted with the given format spec), so the page's text is unchanged by the
move from ``{glue:text}`` to ``{eval}``.
"""
from __future__ import annotations

import re
from ast import literal_eval

from myst_nb import glue as _myst_nb_glue

GLUED: dict[str, object] = {}  # every value glued in this kernel, by name

# What the book's ``nb_eval_name_regex`` lets ``{eval}`` evaluate: a call of glued() and nothing else.
EVAL_PATTERN = r'^glued\("[A-Za-z0-9_]+"(,"[^"\\]*")?\)$'


class Shown(str):
    """A text whose plain-text form is itself (no quotes), as a number in a sentence reads."""

    def __repr__(self) -> str:
        return str(self)

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(str(self))


def glue(name: str, variable, display: bool = True):
    """myst-nb's ``glue`` (for the ``{glue}`` directive), also kept here for :func:`glued`."""
    GLUED[name] = variable
    return _myst_nb_glue(name, variable, display)


def _plain_text(value) -> str:
    """The value's ``text/plain`` form as IPython displays it (what myst-nb's glue stores)."""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        data, _ = shell.display_formatter.format(value, include={"text/plain"})
        return data["text/plain"]
    from IPython.lib.pretty import pretty

    return pretty(value)


def format_plain_text(text: str, fmt_spec: str) -> str:
    """myst-nb 1.4's ``myst_nb.core.variables.format_plain_text``, line for line: how its
    ``{glue:text}`` role formats a value's plain-text form. Copied because importing that module
    imports myst-nb's renderer and executors (jupyter-cache, SQLAlchemy: 0.65 s in every kernel);
    ``tests/test_prose.py`` checks it gives what myst-nb's gives."""
    try:
        value = literal_eval(text)  # removes the quotes of a string's plain-text form
    except (SyntaxError, ValueError):
        value = text
    if fmt_spec == "":
        return str(value)
    type_char = fmt_spec[-1]
    if type_char == "s":
        value = str(value)
    elif type_char in ("b", "c", "d", "o", "x", "X"):
        value = int(value)
    elif type_char in ("e", "E", "f", "F", "g", "G", "n", "%"):
        value = float(value)
    return format(value, fmt_spec)


def glued(name: str, format_spec: str = "") -> Shown:
    """The value glued as ``name``, as text in ``format_spec`` (as ``{glue:text}`name:format_spec```)."""
    if name not in GLUED:
        raise ValueError(f"glued: no value is glued as {name!r}; glued names: {sorted(GLUED)}")
    if not re.fullmatch(r'[^"\\]*', format_spec):
        raise ValueError(f"glued: format_spec must not contain quotes or backslashes, got {format_spec!r}")
    return Shown(format_plain_text(_plain_text(GLUED[name]), format_spec or "s"))


def tested_code(path: str, name: str):
    """The source of the function or class ``name`` in ``path`` (relative to the chapter), as the
    site's ``literalinclude`` with ``:pyobject: name`` shows it in a chapter's "The tested code".

    JupyterLab's MyST renderer cannot read files, so a live chapter follows each such dropdown with
    a cell (removed on the site, collapsed in JupyterLab) whose output is this code.
    """
    import ast
    from pathlib import Path

    from IPython.display import Code

    text = Path(path).read_text(encoding="utf-8")
    for node in ast.parse(text).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == name:
            start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            return Code("\n".join(text.splitlines()[start - 1:node.end_lineno]), language="python")
    raise ValueError(f"tested_code: {path} defines no function or class {name!r}")
