"""Math drawn at build time: TeX to MathML (``latex2mathml``), so no page loads a TeX engine.

Registered by ``essays.sphinx_ext`` as the HTML math renderer ``mathml`` (``html_math_renderer`` in
``_config.yml``). Each ``$...$`` / ``$$...$$`` / amsmath block becomes a ``<math>`` element the
browser lays out itself (MathML Core: Chromium 109+, Firefox, Safari): the symbols are text, so
they can be selected and copied, are read by screen readers, and scale with the surrounding text.
The TeX source rides along as an ``application/x-tex`` annotation (not displayed) and as the
element's ``alttext``.
"""
from __future__ import annotations

from html import escape

from docutils import nodes
from latex2mathml.converter import convert
from sphinx.locale import _
from sphinx.util.math import get_node_equation_number


def tex_to_mathml(tex: str, display: bool) -> str:
    """One ``<math>`` element for the TeX, with the TeX as its annotation."""
    tex = tex.strip()
    mathml = convert(tex, display="block" if display else "inline")
    start = mathml.index(">") + 1
    end = mathml.rindex("</math>")
    head = mathml[:start - 1] + f' alttext="{escape(tex, quote=True)}">'
    return (head + "<semantics>" + mathml[start:end]
            + f'<annotation encoding="application/x-tex">{escape(tex, quote=False)}</annotation>'
            + "</semantics></math>")


def _display_tex(node: nodes.math_block) -> str:
    """The block's TeX as one expression (several equations become one aligned block, as MathJax
    is given them by Sphinx)."""
    text = node.astext()
    if node.get("nowrap"):
        return text
    parts = [part for part in text.split("\n\n") if part.strip()]
    parts = [r"\begin{split}" + p + r"\end{split}" if r"\\" in p else p for p in parts]
    if len(parts) > 1:
        return r"\begin{aligned}" + r"\\".join(parts) + r"\end{aligned}"
    return parts[0] if parts else ""


def visit_math(self, node: nodes.math) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate nohighlight"))
    self.body.append(tex_to_mathml(node.astext(), display=False))
    self.body.append("</span>")
    raise nodes.SkipNode


def visit_displaymath(self, node: nodes.math_block) -> None:
    self.body.append(self.starttag(node, "div", CLASS="math notranslate nohighlight"))
    if node.get("number"):
        number = get_node_equation_number(self, node)
        self.body.append(f'<span class="eqno">({number})')
        self.add_permalink_ref(node, _("Link to this equation"))
        self.body.append("</span>")
    self.body.append(tex_to_mathml(_display_tex(node), display=True))
    self.body.append("</div>\n")
    raise nodes.SkipNode


def setup(app) -> dict:
    app.add_html_math_renderer("mathml", (visit_math, None), (visit_displaymath, None))
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
