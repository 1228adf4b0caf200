"""The theme's few Font Awesome icons as a small stylesheet, instead of its 1.45 MB icon script.

pydata-sphinx-theme loads ``_static/scripts/fontawesome.js`` on every page to turn its ``<i
class="fa-solid fa-bars">`` elements into inline SVG; a page uses fewer than twenty icons. The
book's site drops that script (see ``essays.sphinx_ext``) and ships ``_static/icons.css``: for each
icon class the built pages use, the icon's SVG path (read from the theme's own copy of the script,
so the shapes stay the theme's) as a CSS mask painted in the text colour, 1 em high like the
script's SVGs. An icon the stylesheet lacks still draws, from the theme's icon web font (which the
theme's CSS declares): slower, never blank.

Font Awesome Free icons: CC BY 4.0, https://fontawesome.com/license/free
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

# prefix (the style's short name) -> the element classes that select that style
STYLES = {"fas": ("fa-solid", "fas", "fa"), "far": ("fa-regular", "far"), "fab": ("fa-brands", "fab")}
_ENTRY = re.compile(r'(?:"([a-z0-9-]+)"|([a-z][a-z0-9]*)):\[(\d+),(\d+),\[([^\]]*)\],"([0-9a-f]+)",'
                    r'("[^"]*"|\[[^\]]*\])\]')
_STYLE = re.compile(r'\bd\("(fa[a-z])",')
_CLASS = re.compile(r'class="([^"]*\bfa-[^"]*)"')
# classes of Font Awesome that are not icons (sizes, animations, layout)
_NOT_ICONS = {"fa-lg", "fa-xs", "fa-sm", "fa-xl", "fa-2xl", "fa-fw", "fa-ul", "fa-li", "fa-border",
              "fa-spin", "fa-pulse", "fa-beat", "fa-fade", "fa-bounce", "fa-flip", "fa-shake",
              "fa-inverse", "fa-stack", "fa-pull-left", "fa-pull-right", "fa-solid", "fa-regular",
              "fa-brands", "fa-1x", "fa-2x", "fa-3x"}


def theme_script() -> Path:
    import pydata_sphinx_theme

    return Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static" / \
        "scripts" / "fontawesome.js"


def icon_packs(script: str) -> dict[str, dict[str, tuple[int, int, list[str]]]]:
    """{prefix: {icon name or alias: (width, height, [svg paths])}} from the theme's fontawesome.js."""
    packs: dict[str, dict[str, tuple[int, int, list[str]]]] = {}
    for chunk in script.split('"use strict";'):
        style = _STYLE.search(chunk)
        if not style:
            continue
        icons = packs.setdefault(style.group(1), {})
        for quoted, bare, width, height, aliases, code, path in _ENTRY.findall(chunk):
            paths = re.findall(r'"([^"]*)"', path)
            shape = (int(width), int(height), [p for p in paths if p])
            icons[quoted or bare] = shape
            icons.setdefault(f"U+{code}", shape)
            for alias in re.findall(r'"([a-z0-9-]+)"', aliases):
                icons.setdefault(alias, shape)
    return packs


def _svg_uri(shape) -> str:
    width, height, paths = shape
    svg = (f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}'>"
           + "".join(f"<path d='{p}'/>" for p in paths) + "</svg>")
    return "data:image/svg+xml," + quote(svg, safe=" /:='.,-")


_RULE = re.compile(r'([^{}]+)\{([^{}]*\bcontent:\s*(var\(--pst-icon-[a-z-]+\)|"\\f[0-9a-f]{3,4}")[^{}]*)\}')
_VAR = re.compile(r'(--pst-icon-[a-z-]+):\s*(var\(--pst-icon-[a-z-]+\)|"\\f[0-9a-f]{3,4}"|"[^"]")')


def pseudo_element_rules(css_texts: list[str], packs) -> str:
    """The theme's CSS also draws icons as icon-font text in ::before / ::after (admonition titles,
    download links, external links...). The same selectors here draw the same icons as masks, in
    the text's own font, so no page needs the theme's 150-280 KB icon fonts."""
    css = "\n".join(css_texts)
    variables = dict(_VAR.findall(css))

    def codepoint(value: str) -> str | None:
        for _ in range(5):
            if not value.startswith("var("):
                break
            value = variables.get(value[4:-1], "")
        if value.startswith('"\\f'):
            return value[2:-1]
        if len(value) == 3 and value.startswith('"') and ord(value[1]) >= 0xE000:
            return f"{ord(value[1]):x}"
        return None

    # rule by rule: the pattern run over the whole text retries at every character (seconds)
    found = [match for block in css.split("}") if "content" in block for match in _RULE.findall(block + "}")]
    rules = []
    for selector, body, value in found:
        selector = selector.strip()
        if selector.startswith((".fa", "@")) or not re.search(r":(before|after)\b", selector):
            continue  # the icon classes are icons.css's own rules above
        code = codepoint(value)
        order = ("fab", "fas", "far") if "brands" in body else ("fas", "far", "fab")
        shape = next((packs[p][f"U+{code}"] for p in order if code and f"U+{code}" in packs.get(p, {})), None)
        if shape is None:
            continue
        width, height, _ = shape
        # admonition titles place their icon in a box of the theme's own (centred there by the mask)
        size = "" if "admonition" in selector else \
            f"display:inline-block;height:1em;width:{width / height:.4f}em;vertical-align:-0.125em;"
        rules.append(f'{selector}{{content:"";font-family:inherit;{size}background-color:currentColor;'
                     f'--essays-icon:url("{_svg_uri(shape)}");'
                     '-webkit-mask:var(--essays-icon) center/contain no-repeat;'
                     'mask:var(--essays-icon) center/contain no-repeat}')
    return "\n".join(rules) + ("\n" if rules else "")


def used_icons(html: str) -> set[tuple[str, str]]:
    """(prefix, icon name) pairs for every Font Awesome icon element in the HTML."""
    found = set()
    for classes in _CLASS.findall(html):
        names = classes.split()
        prefix = next((p for p, cls in STYLES.items() if any(c in cls for c in names)), None)
        if prefix is None:
            continue
        for name in names:
            if name.startswith("fa-") and name not in _NOT_ICONS:
                found.add((prefix, name[3:]))
    return found


# a rule of the theme's CSS that only gives icon classes their glyph: `.fa-abacus:before{content:"\f640"}`
_GLYPH_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+:{1,2}before,?)+)\{content:"[^"]*"\}')


def without_unused_glyphs(css: str, used: set[tuple[str, str]]) -> str:
    """The theme's stylesheet less the glyph rules of icons no page uses: about 1,900 rules, 86 KB of
    the 397 KB the theme's CSS weighs, each only mapping an icon class to a character of the icon
    font. A rule naming any used icon stays, so an icon icons.css lacks still draws from the font.

    >>> without_unused_glyphs('.a{x:1}.fa-bars:before{content:"B"}.fa-abacus:before{content:"A"}',
    ...                       {("fas", "bars")})
    '.a{x:1}.fa-bars:before{content:"B"}'
    """
    names = {name for _, name in used}

    def keep(match: re.Match) -> str:
        shown = re.findall(r"\.fa-([a-z0-9-]+):", match.group(1))
        return match.group(0) if any(n in names for n in shown) else ""

    return _GLYPH_RULE.sub(keep, css)


def stylesheet(used: set[tuple[str, str]], packs) -> tuple[str, set[tuple[str, str]]]:
    """The CSS for the used icons, and the ones the packs lack (left to the theme's web font)."""
    rules, missing = [], set()
    for prefix, name in sorted(used):
        shape = packs.get(prefix, {}).get(name)
        if shape is None:
            missing.add((prefix, name))
            continue
        width, height, paths = shape
        uri = _svg_uri(shape)
        selectors = ",".join(f".{cls}.fa-{name}" for cls in STYLES[prefix])
        rules.append(f'{selectors}{{--essays-icon:url("{uri}");--essays-icon-width:{width / height:.4f}em}}')
    every = ",".join(f".{cls}.fa-{name}" for prefix, name in sorted(used - missing) for cls in STYLES[prefix])
    every_before = ",".join(f".{cls}.fa-{name}::before" for prefix, name in sorted(used - missing)
                            for cls in STYLES[prefix])
    head = ("/* Font Awesome Free icons used by the book's pages (CC BY 4.0, https://fontawesome.com/license/free),\n"
            " * drawn as CSS masks in the text colour: generated by essays.icons at build time. */\n")
    if not rules:
        return head, missing
    common = (f"{every}{{font-family:inherit}}\n"
              f"{every_before}{{content:\"\";display:inline-block;height:1em;width:var(--essays-icon-width);"
              "vertical-align:-0.125em;background-color:currentColor;"
              "-webkit-mask:var(--essays-icon) center/contain no-repeat;"
              "mask:var(--essays-icon) center/contain no-repeat}\n")
    return head + common + "\n".join(rules) + "\n", missing
