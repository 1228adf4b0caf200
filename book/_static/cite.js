/* "Cite this section": a button beside every section heading that shows a ready citation, as text
 * and as BibTeX, naming the book, its version, the section's number and title, and its stable URL.
 * The stable anchor is the section's explicit label (the span Sphinx puts before the heading), so
 * it survives retitling; the book's metadata comes from the page's citation_* meta tags.
 * The URL cited is the section's permanent one in this version (/v/<version>/..., from the page's
 * essays-version-href tag); the latest page offers its own URL beside it. On a versioned snapshot the
 * banner's "latest version of this section" link follows the URL's anchor, and each citation panel
 * links its section in the latest. */
(function () {
  "use strict";

  function metaContent(name) {
    return Array.from(document.querySelectorAll('meta[name="' + name + '"]'), (m) => m.content);
  }

  function stableAnchor(section) {
    for (const node of section.children) {
      if (/^H[1-6]$/.test(node.tagName)) break;
      if (node.tagName === "SPAN" && node.id && !/^id\d+$/.test(node.id)) return node.id;
    }
    return section.id;
  }

  function headingParts(heading) {
    const number = heading.querySelector(".section-number");
    const clone = heading.cloneNode(true);
    clone.querySelectorAll(".section-number, .headerlink, .cite-button").forEach((n) => n.remove());
    return { number: number ? number.textContent.trim().replace(/\.$/, "") : "", title: clone.textContent.trim() };
  }

  /* This page in this version / in the latest, as absolute URLs on the host serving the page. */
  function pageURL(metaName) {
    const href = metaContent(metaName)[0];
    const url = new URL(href || window.location.href, window.location.href);
    return url.origin + url.pathname;
  }

  function bibtexEscape(s) {
    return s.replace(/([{}\\])/g, "\\$1");
  }

  function citation(section) {
    const heading = section.querySelector(":scope > h1, :scope > h2, :scope > h3");
    const { number, title } = headingParts(heading);
    const anchor = stableAnchor(section);
    const url = pageURL("essays-version-href") + "#" + anchor;
    const snapshot = metaContent("essays-snapshot").length > 0;
    const latest = pageURL("essays-latest-href") + "#" + anchor;
    const book = metaContent("citation_inbook_title")[0] || document.title;
    const version = metaContent("citation_version")[0] || "";
    const authors = metaContent("citation_author");
    const year = (metaContent("citation_publication_date")[0] || "").slice(0, 4);
    const label = (number ? "Section " + number + ", " : "") + "\u201c" + title + "\u201d";
    const text = authors.join(" and ") + " (" + year + "). " + label + ". In " + book +
      " (version " + version + "). " + url + (snapshot ? "" : "\nLatest version: " + latest);
    const key = "aifuturesessays-" + anchor.replace(/[^A-Za-z0-9-]/g, "");
    const bibtex = "@incollection{" + key + ",\n" +
      "  author = {{" + bibtexEscape(authors.join(" and ")) + "}},\n" +
      "  title = {" + bibtexEscape(title) + "},\n" +
      "  booktitle = {" + bibtexEscape(book) + "},\n" +
      (number ? "  chapter = {" + number + "},\n" : "") +
      "  year = {" + year + "},\n" +
      "  version = {" + version + "},\n" +
      "  url = {" + url + "},\n" +
      (snapshot ? "" : "  note = {Latest version: \\url{" + latest + "}},\n") + "}";
    return { text: text, bibtex: bibtex, anchor: anchor };
  }

  function panel(section, heading) {
    const c = citation(section);
    const box = document.createElement("div");
    box.className = "cite-panel";
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", "Citation for this section");
    for (const [label, body] of [["Text", c.text], ["BibTeX", c.bibtex]]) {
      const h = document.createElement("h4");
      h.textContent = label;
      const pre = document.createElement("pre");
      pre.textContent = body;
      pre.className = "cite-" + label.toLowerCase();
      const copy = document.createElement("button");
      copy.type = "button";
      copy.className = "cite-button cite-copy";
      copy.textContent = "Copy " + label;
      copy.addEventListener("click", async () => {
        try {
          await navigator.clipboard.writeText(body);
          copy.textContent = "Copied";
        } catch (e) {
          copy.textContent = "Select the text to copy";
        }
      });
      h.appendChild(copy);
      box.append(h, pre);
    }
    if (metaContent("essays-snapshot").length) {  // a versioned snapshot: this section in the latest
      const p = document.createElement("p");
      const a = document.createElement("a");
      a.className = "cite-latest";
      a.href = pageURL("essays-latest-href") + "#" + c.anchor;
      a.textContent = "This section in the latest version";
      p.appendChild(a);
      box.appendChild(p);
    }
    heading.after(box);
    return box;
  }

  function init() {
    const sections = document.querySelectorAll("article section, main section");
    for (const section of sections) {
      const heading = section.querySelector(":scope > h1, :scope > h2, :scope > h3");
      if (!heading || heading.querySelector(".cite-button")) continue;
      const b = document.createElement("button");
      b.type = "button";
      b.className = "cite-button cite-toggle";
      b.textContent = "Cite";
      b.title = "Cite this section";
      b.setAttribute("aria-label", "Cite this section: " + headingParts(heading).title);
      b.setAttribute("aria-expanded", "false");
      let box = null;
      b.addEventListener("click", () => {
        if (!box) box = panel(section, heading);
        else box.hidden = !box.hidden;
        b.setAttribute("aria-expanded", String(!box.hidden));
      });
      heading.appendChild(b);
    }
  }

  /* Accessibility fixes to the theme's own markup (pydata-sphinx-theme, sphinx-book-theme, docutils),
   * each for a serious or critical axe-core violation (tests/test_site_a11y.py):
   * - label-content-name-mismatch: the search field's button is labelled "Search" but shows
   *   "Search Ctrl+K"; without the aria-label its name is the text it shows.
   * - label-content-name-mismatch: the colour-mode button is labelled "Color mode" but shows an
   *   icon titled with the current mode ("Light", "Dark", "System Settings"). Its label now names
   *   the mode too ("Color mode: Dark"), kept in step as the reader switches, and the icons, which
   *   Font Awesome turns into named images (possibly after this runs), are hidden from assistive
   *   technology so the mode is not read twice.
   * - aria-required-children (critical): docutils marks each bibliography entry with the
   *   deprecated role doc-biblioentry inside a role="list"; DPUB-ARIA 1.1 says to use listitem. */
  function labelModeButton(button) {
    for (const icon of button.querySelectorAll(".theme-switch")) {
      icon.setAttribute("aria-hidden", "true");
      icon.removeAttribute("role");
      icon.removeAttribute("aria-labelledby");
    }
    const mode = document.documentElement.dataset.mode || "auto";
    const icon = button.querySelector('.theme-switch[data-mode="' + mode + '"]');
    const title = icon && (icon.getAttribute("title") || (icon.querySelector("title") || {}).textContent);
    const label = "Color mode" + (title ? ": " + title.trim() : "");
    if (button.getAttribute("aria-label") !== label) button.setAttribute("aria-label", label);
  }

  function patchTheme() {
    document.querySelectorAll("button.search-button-field[aria-label]").forEach((b) => {
      if (b.textContent.trim()) b.removeAttribute("aria-label");
    });
    const modeButtons = document.querySelectorAll("button.theme-switch-button");
    const relabel = () => modeButtons.forEach(labelModeButton);
    relabel();
    if (window.MutationObserver && modeButtons.length) {
      const observer = new MutationObserver(relabel);
      modeButtons.forEach((b) => observer.observe(b, { childList: true }));
      observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-mode"] });
    }
    document.querySelectorAll('[role="list"] > [role="doc-biblioentry"]').forEach((entry) => {
      entry.setAttribute("role", "listitem");
    });
  }

  /* The versioned snapshot's banner: its link to the latest version names the section the URL names
   * (the section a citation or the page's contents led to), following it as the anchor changes. */
  function followSection() {
    const link = document.querySelector(".version-banner a.version-latest");
    if (!link) return;
    const base = link.getAttribute("href").split("#")[0];
    const fromHash = () => {
      const id = decodeURIComponent(window.location.hash.slice(1));
      link.setAttribute("href", base + (id && document.getElementById(id) ? "#" + id : ""));
    };
    fromHash();
    window.addEventListener("hashchange", fromHash);
  }

  /* A link to an anchor that a later version moved (releases.yml's `moved`) leads to its new place. */
  function followMoved() {
    const data = document.getElementById("essays-moved");
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (!data || !id || document.getElementById(id)) return;
    let moved = {};
    try {
      moved = JSON.parse(data.textContent);
    } catch (e) {
      return;
    }
    if (Object.prototype.hasOwnProperty.call(moved, id)) window.location.replace(new URL(moved[id], window.location.href).href);
  }

  function start() {
    followMoved();
    patchTheme();
    init();
    followSection();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
