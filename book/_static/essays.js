/* Static explorables: draw each figure's Vega-Lite spec and wire its sliders to the spec's params.
 * Everything runs in the browser; the numbers come from Vega expressions or from the grid of model
 * outputs precomputed at build time (see essays/explorable.py).
 *
 * Each figure also gets a toolbar: "Link to this view" (a scenario link that restores the exact
 * slider settings: ?<figure>.<param>=<value>#fig-<figure>), and downloads of the drawn data (CSV)
 * and the chart (SVG, PNG). */
(function () {
  "use strict";
  const figures = {};
  const MIN_LAYOUT_WIDTH = 560; // px: narrower columns show the chart scaled down (see sized)
  const MAX_VALUE_LENGTH = 32; // longer scenario-link values are ignored, never parsed
  const CLAIM_DATA = "claims"; // the named dataset of claim rows (essays/claims.py CLAIM_DATA_NAME)
  // Charts follow the site's light/dark switch (pydata-sphinx-theme sets <html data-theme>).
  const INK = "#e6e6e6";
  // A Vega config (the specs are compiled from Vega-Lite at build time): neutral inks for a dark page.
  const DARK = {
    background: null,
    title: { color: INK, subtitleColor: INK },
    axis: { domainColor: "#8a8a8a", gridColor: "#4a4a4a", tickColor: "#8a8a8a", labelColor: INK, titleColor: INK },
    legend: { labelColor: INK, titleColor: INK },
    text: { fill: INK },
  };
  /* Inks the charts use (black, dark greys, the darkened palette) would fade on a dark page; in
   * dark mode each is drawn in its light counterpart, from essays/theme.py's DARK_INK (written
   * into the page as window.essaysDarkInk). */
  const DARK_INK = window.essaysDarkInk || {};
  function darkened(node) {
    if (Array.isArray(node)) return node.map(darkened);
    if (node && typeof node === "object") {
      const out = {};
      for (const [k, v] of Object.entries(node)) out[k] = darkened(v);
      return out;
    }
    if (typeof node === "string" && Object.prototype.hasOwnProperty.call(DARK_INK, node.toLowerCase())) {
      return DARK_INK[node.toLowerCase()];
    }
    return node;
  }
  /* The colour mode the theme shows: pydata-sphinx-theme sets <html data-theme> to "light" or
   * "dark" once its script runs, and until then to the stored choice or "auto", which follows the
   * system setting as the theme will. */
  function isDark() {
    const theme = document.documentElement.dataset.theme;
    if (theme === "dark" || theme === "light") return theme === "dark";
    return Boolean(window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches);
  }

  function readJSON(figure, cls) {
    const node = figure.querySelector("script." + cls);
    return node ? JSON.parse(node.textContent) : null;
  }

  /* Inline datasets packed as columns at build time (explorable.pack_inline_data) made rows again,
   * before Vega reads the spec: each key once, a repeated value as an index into its distinct values. */
  function unpackData(spec) {
    for (const d of spec.data || []) {
      const packed = d.values && !Array.isArray(d.values) ? d.values["essays-columns"] : null;
      if (!packed) continue;
      const cols = packed.cols.map((c) =>
        Array.isArray(c) ? c : c.codes.map((i) => (i === null ? null : c.levels[i])));
      const rows = new Array(packed.n);
      for (let r = 0; r < packed.n; r++) {
        const row = {};
        for (let j = 0; j < packed.keys.length; j++) row[packed.keys[j]] = cols[j][r];
        rows[r] = row;
      }
      d.values = rows;
    }
    return spec;
  }

  /* Index of the slider position nearest to `value` (on a log scale for log sliders); values
   * outside the range clamp to its ends. */
  function nearestIndex(p, value) {
    if (p.log && !(value > 0)) return 0;
    // far outside the range, every distance rounds to the same number: clamp to the range first
    value = Math.min(Math.max(value, p.values[0]), p.values[p.values.length - 1]);
    const distance = (v) => (p.log ? Math.abs(Math.log(v) - Math.log(value)) : Math.abs(v - value));
    let best = 0;
    for (let i = 1; i < p.values.length; i++) if (distance(p.values[i]) < distance(p.values[best])) best = i;
    return best;
  }

  /* Settings for `name` from the page's query string: known params with finite numeric values only. */
  function linkedSettings(name, params) {
    const settings = {};
    let query;
    try {
      query = new URLSearchParams(window.location.search);
    } catch (e) {
      return settings;
    }
    for (const [key, raw] of query) {
      const dot = key.indexOf(".");
      if (dot < 0 || key.slice(0, dot) !== name) continue;
      const param = key.slice(dot + 1);
      if (!Object.prototype.hasOwnProperty.call(params, param)) continue;
      if (typeof raw !== "string" || raw.length > MAX_VALUE_LENGTH || !/^[-+0-9.eE]+$/.test(raw)) continue;
      const value = Number(raw);
      if (Number.isFinite(value)) settings[param] = value;
    }
    return settings;
  }

  /* Claims (essays/claims.py): a claim's status and where it flips are looked up in the tables
   * the build computed from the Python model; nothing here recomputes a model. flipSentence and
   * claimState are the twins of claims.flip_sentence and claims.claim_status_at. */
  function flipSentence(symbol, entry, holdsNow) {
    const flips = [];
    for (let i = 0; i < entry.length; i += 3) flips.push([entry[i], !!entry[i + 1], entry[i + 2]]);
    if (!flips.length) return (holdsNow ? "holds" : "fails") + " over the whole range of " + symbol;
    if (flips.length === 1) return "fails " + (flips[0][1] ? "below " : "above ") + symbol + " = " + flips[0][2];
    const parts = [];
    let lo = null;
    let status = !flips[0][1];
    for (const [, above, label] of flips) {
      if (!status) parts.push(lo === null ? "below " + label : "between " + lo + " and " + label);
      lo = label;
      status = above;
    }
    if (!status) parts.push("above " + lo);
    return "fails for " + symbol + " " + parts.join(", ");
  }

  function choiceSentence(symbol, options, entry, holdsNow) {
    const flips = [];
    for (let i = 0; i < entry.length; i += 3) flips.push([entry[i], !!entry[i + 1]]);
    let status = flips.length ? !flips[0][1] : holdsNow;
    let k = 0;
    const failing = [];
    options.forEach((option, i) => {
      while (k < flips.length && flips[k][0] <= i) status = flips[k++][1];
      if (!status) failing.push(option);
    });
    if (!failing.length) return "holds for every " + symbol;
    if (failing.length === options.length) return "fails for every " + symbol;
    return "fails for " + symbol + " = " + failing.join(", ");
  }

  function claimState(table, current, params) {
    const flat = (names, at) => names.reduce((k, n) => k * params[n].values.length + (n in at ? at[n] : current[n]), 0);
    const at = flat(table.params, {});
    const holds = table.status[at] === "1";
    const state = {
      holds: holds,
      status: (holds ? "Holds" : "Fails") + " at these settings: " + table.label + " = " + table.values[at] +
        " (the claim needs " + table.condition + ").",
      flips: [],
      rows: [{ claim: table.name, kind: "status", holds: holds, value: table.numbers[at] }],
    };
    for (const n of table.params) {
      const others = table.params.filter((m) => m !== n);
      const entry = table.flips[n][flat(others, {})];
      const options = table.options && table.options[n];
      state.flips.push([n, options ? choiceSentence(table.symbols[n], options, entry, holds)
                                   : flipSentence(table.symbols[n], entry, holds)]);
      let lo = table.ranges[n][0];
      let ok = entry.length ? !entry[1] : holds; // the status below the first flip
      for (let i = 0; i < entry.length; i += 3) {
        if (!ok) state.rows.push({ claim: table.name, kind: "fails", param: n, lo: lo, hi: entry[i] });
        state.rows.push({ claim: table.name, kind: "flip", param: n, value: entry[i], holds_above: !!entry[i + 1] });
        lo = entry[i];
        ok = !!entry[i + 1];
      }
      if (!ok) state.rows.push({ claim: table.name, kind: "fails", param: n, lo: lo, hi: table.ranges[n][1] });
    }
    if (table.contour) {
      const [param, along] = table.contour;
      const others = table.params.filter((m) => m !== param);
      params[along].values.forEach((v, j) => {
        const entry = table.flips[param][flat(others, { [along]: j })];
        for (let i = 0; i < entry.length; i += 3) {
          state.rows.push({ claim: table.name, kind: "boundary", param: param, along: along, value: entry[i], at: v });
        }
      });
    }
    state.sentence = "Claim: " + table.text + ". " + state.status + " With the other sliders where they are, it " +
      state.flips.map((f) => f[1]).join("; ") + ".";
    return state;
  }

  function csv(rows, columns) {
    const cell = (v) => {
      const s = v === undefined || v === null ? "" : String(v);
      return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
    };
    return [columns.map(cell).join(",")].concat(rows.map((r) => columns.map((c) => cell(r[c])).join(","))).join("\n") + "\n";
  }

  function download(filename, href) {
    const a = document.createElement("a");
    a.href = href;
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  function button(text, title) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "explorable-button";
    b.textContent = text;
    b.title = title;
    return b;
  }

  async function setup(figure) {
    const spec = unpackData(readJSON(figure, "explorable-spec"));
    const meta = readJSON(figure, "explorable-meta");
    const target = figure.querySelector(".explorable-chart");
    let view = null;
    let refreshImages = () => Promise.resolve();
    let dark = null;
    // compiled specs set a white background: on a dark page the chart is transparent instead
    const darkSpec = () => dark || (dark = Object.assign(darkened(spec), { background: null }));
    const params = {};
    for (const p of meta.params) params[p.name] = p;
    const current = {};

    function setIndex(name, index) {
      const p = params[name];
      index = Math.max(0, Math.min(p.values.length - 1, Math.round(index)));
      current[name] = index;
      const id = figure.id + "-" + name;
      if (p.options && p.options.length) {
        for (const radio of figure.querySelectorAll('input[data-param="' + name + '"]')) {
          radio.checked = Number(radio.value) === index;
        }
      } else {
        const input = figure.querySelector('input[data-param="' + name + '"]');
        input.value = String(index);
        input.setAttribute("aria-valuetext", p.labels[index]);
      }
      figure.querySelector('output[for="' + id + '"]').textContent = p.labels[index];
      view.signal(name, p.values[index]);
      if (meta.mode === "grid") view.signal(name + "__i", index);
      updateClaims();
      updateSettingsLine();
      return view.runAsync().then(describe);
    }

    /* The settings as one line with the scenario link: what a printed page shows instead of sliders. */
    function updateSettingsLine() {
      const line = figure.querySelector(".explorable-settings");
      if (!line) return;
      line.querySelector(".explorable-settings-values").textContent = meta.params
        .map((p) => (p.symbol || p.label) + " = " + p.labels[current[p.name]]).join(", ");
      line.querySelector(".explorable-settings-link").textContent = "Link to this view: " + link();
    }

    /* The claims under the sliders, and the rows the chart draws them from, at the current positions. */
    let claimSentences = [];
    function updateClaims() {
      if (!meta.claims) return;
      const rows = [];
      claimSentences = [];
      for (const table of meta.claims) {
        const state = claimState(table, current, params);
        const box = figure.querySelector('.explorable-claim[data-claim="' + table.name + '"]');
        const status = box.querySelector(".claim-status");
        status.textContent = state.status;
        status.dataset.holds = String(state.holds);
        for (const [n, text] of state.flips) box.querySelector('li[data-param="' + n + '"]').textContent = text;
        rows.push(...state.rows);
        claimSentences.push(state.sentence);
      }
      view.data(CLAIM_DATA, rows);
    }

    /* The chart's text alternative: what it shows, the settings, and the numbers its text marks
     * state at those settings (updated on every move). */
    function describe() {
      const settings = meta.params.map((p) => p.label + ": " + p.labels[current[p.name]]).join("; ");
      const notes = [];
      (function walk(node) {
        if (!node) return;
        if (node.items) node.items.forEach(walk);
        if (node.mark && node.mark.marktype === "text" && node.mark.role === "mark" && node.text) {
          notes.push(Array.isArray(node.text) ? node.text.join(" ") : String(node.text));
        }
      })(view.scenegraph().root);
      const label = meta.title + ". Settings: " + settings + "." + (notes.length ? " " + notes.join(". ") + "." : "") +
        (claimSentences.length ? " " + claimSentences.join(" ") : "");
      target.setAttribute("aria-label", label);
      refreshImages();
      return view;
    }

    /* To assistive technology the chart is one image whose text alternative is the container's
     * aria-label (see describe). Vega makes the container a "graphics-document" and gives every
     * mark group its own ARIA role, some with no name (axe: svg-img-alt), so on every (re)draw the
     * container becomes an image again and the SVG, which it describes, is hidden from the
     * accessibility tree. */
    function presentAsImage() {
      target.setAttribute("role", "img");
      target.removeAttribute("aria-roledescription");
      const svg = target.querySelector("svg");
      if (svg) svg.setAttribute("aria-hidden", "true");
    }

    /* A chart that fills its column is laid out at least MIN_LAYOUT_WIDTH wide: in a narrower
     * column (a phone) it is laid out at that width and the drawing scaled down to the column, so
     * its labels, legends and annotations keep the room they were placed for instead of being cut. */
    // the compiled spec fills its column through a "width" signal that reads containerSize()
    const widthSignal = (spec.signals || []).find((g) => g.name === "width" && /containerSize/.test(g.init || ""));
    const tooNarrow = () => !!widthSignal && target.clientWidth > 0 && target.clientWidth < MIN_LAYOUT_WIDTH;
    let narrow = null; // whether the chart was last laid out at MIN_LAYOUT_WIDTH
    function sized(s) {
      narrow = tooNarrow();
      if (!narrow) return s;
      const signals = s.signals.map((g) => (g.name === "width" ? { name: "width", init: String(MIN_LAYOUT_WIDTH) } : g));
      return Object.assign({}, s, { signals: signals });
    }

    /* (Re)draw the chart in the current colour mode, keeping the reader's settings. */
    async function draw() {
      const runtime = window.vega.parse(sized(isDark() ? darkSpec() : spec), isDark() ? DARK : {});
      if (view) view.finalize();
      target.textContent = "";
      view = new window.vega.View(runtime, { renderer: "svg", container: target, hover: true });
      await view.runAsync();
      presentAsImage();
      for (const p of meta.params) {
        view.signal(p.name, p.values[current[p.name]]);
        if (meta.mode === "grid") view.signal(p.name + "__i", current[p.name]);
      }
      updateClaims();
      await view.runAsync();
      describe();
      if (figures[meta.name]) figures[meta.name].view = view;
    }

    /* The model rows drawn at the current settings: mark data carrying every model column. */
    function rows() {
      const seen = new Set();
      const out = [];
      (function walk(node) {
        if (!node) return;
        if (node.items) node.items.forEach(walk);
        const d = node.datum;
        if (!d || !node.mark || node.mark.marktype === "group") return;
        if (!meta.columns.every((c) => c in d)) return;
        const row = {};
        for (const c of meta.columns) row[c] = d[c];
        const key = JSON.stringify(row);
        if (!seen.has(key)) {
          seen.add(key);
          out.push(row);
        }
      })(view.scenegraph().root);
      return out;
    }

    /* A scenario link to this page as served (on a versioned snapshot, /v/<version>/...), or with
     * version=true to this page in this version of the book (the essays-version-href meta tag). */
    function link(version) {
      const query = new URLSearchParams();
      for (const p of meta.params) query.set(meta.name + "." + p.name, String(p.values[current[p.name]]));
      const tag = version && document.querySelector('meta[name="essays-version-href"]');
      const page = new URL(tag ? tag.content : window.location.href, window.location.href);
      return page.origin + page.pathname + "?" + query.toString() + "#" + figure.id;
    }

    for (const p of meta.params) current[p.name] = p.default;
    await draw();
    updateSettingsLine();
    for (const input of figure.querySelectorAll("input[data-param]")) {
      const event = input.type === "radio" ? "change" : "input";
      input.addEventListener(event, () => setIndex(input.dataset.param, Number(input.value)));
    }
    const linked = linkedSettings(meta.name, params);
    for (const [name, value] of Object.entries(linked)) await setIndex(name, nearestIndex(params[name], value));

    const toolbar = document.createElement("div");
    toolbar.className = "explorable-toolbar";
    const linkButton = button("Link to this view", "Copy a link that restores these slider settings");
    const linkField = document.createElement("input");
    linkField.type = "text";
    linkField.readOnly = true;
    linkField.className = "explorable-link";
    linkField.setAttribute("aria-label", "Link to this view");
    linkField.hidden = true;
    /* The latest page offers the link to this version too, which keeps showing these numbers. */
    const versionField = linkField.cloneNode();
    versionField.className = "explorable-link explorable-link-version";
    const snapshot = document.querySelector('meta[name="essays-snapshot"]');
    const version = document.querySelector('meta[name="citation_version"]');
    versionField.setAttribute("aria-label", "Link to this view in version " + (version ? version.content : ""));
    linkButton.addEventListener("click", async () => {
      linkField.value = link();
      linkField.hidden = false;
      versionField.value = link(true);
      versionField.hidden = Boolean(snapshot) || versionField.value === linkField.value;
      linkField.select();
      try {
        await navigator.clipboard.writeText(linkField.value);
        linkButton.textContent = "Link copied";
      } catch (e) {
        linkButton.textContent = "Copy the link below";
      }
    });
    const csvButton = button("Data (CSV)", "Download the numbers drawn at these settings");
    csvButton.addEventListener("click", () => {
      const notes = claimSentences.map((t) => "# " + t.replace(/\n/g, " ") + "\n").join("");
      const blob = new Blob([notes + csv(rows(), meta.columns)], { type: "text/csv" });
      const url = URL.createObjectURL(blob);
      download(meta.name + ".csv", url);
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    });
    /* SVG and PNG are real links, made when the reader reaches for them (the pointer or the focus
     * entering the toolbar) rather than after every redraw: rendering a chart to SVG and PNG costs
     * more than drawing it. A click on an up-to-date link is the reader's own download, which
     * browsers never block as "automatic"; a click that comes before the images are made waits for
     * them and follows the link within the same click's user activation. */
    const imageLink = (format, title) => {
      const a = document.createElement("a");
      a.className = "explorable-button";
      a.textContent = format.toUpperCase();
      a.title = title;
      a.download = meta.name + "." + format;
      a.href = "#";
      return a;
    };
    const svgLink = imageLink("svg", "Download the chart as SVG");
    const pngLink = imageLink("png", "Download the chart as PNG");
    let fresh = null; // making the images of the chart as drawn now, once asked for
    let upToDate = false; // the links hold them
    /* Only the latest making writes the links: one the chart has moved on from since it started
     * (a slider moved while it rendered; the view is the same one, its data changed) may end after
     * the latest, and would put the earlier chart back. A link's replaced URL is let go of later,
     * not at once: a download just started from it may still be reading it. */
    const makeImages = () => {
      if (fresh) return fresh;
      const making = (async () => {
        const drawn = view;
        const urls = await Promise.all([drawn.toImageURL("svg"), drawn.toImageURL("png", 2)]);
        if (fresh !== making || drawn !== view) { // redrawn meanwhile: these images are of an earlier chart
          for (const url of urls) if (url.startsWith("blob:")) URL.revokeObjectURL(url);
          if (fresh === making) fresh = null;
          return makeImages();
        }
        [svgLink, pngLink].forEach((a, i) => {
          const old = a.href;
          a.href = urls[i];
          if (old.startsWith("blob:")) setTimeout(() => URL.revokeObjectURL(old), 10000);
        });
        upToDate = true;
        return true;
      })();
      fresh = making;
      making.catch(() => { if (fresh === making) fresh = null; }); // a failed making is tried again next time
      return making;
    };
    refreshImages = () => { fresh = null; upToDate = false; };
    for (const event of ["pointerenter", "focusin", "touchstart"]) {
      toolbar.addEventListener(event, () => { makeImages(); }, { passive: true });
    }
    for (const a of [svgLink, pngLink]) {
      a.addEventListener("click", (event) => {
        if (upToDate) return; // the browser follows the link: the reader's own download
        event.preventDefault();
        makeImages().then(() => a.click(), (error) => console.error("The chart could not be saved as an image:", error));
      });
    }
    toolbar.append(linkButton, csvButton, svgLink, pngLink, linkField, versionField);
    target.after(toolbar);

    figures[meta.name] = { view: view, meta: meta, element: figure, setIndex: setIndex, rows: rows, link: link,
                           versionLink: () => link(true),
                           claims: () => claimSentences.slice(),
                           images: makeImages,
                           imagesUpToDate: () => upToDate,
                           redraw: draw,
                           // true when the column is narrower than the chart's layout, or wider again
                           relayout: () => narrow !== null && narrow !== tooNarrow() };
  }

  /* Vega sizes a container-width chart on window resize only; when the column changes width for
   * another reason (the sidebar appearing as the window widens), tell it again. */
  if (window.ResizeObserver) {
    let pending = null;
    const observer = new ResizeObserver(() => {
      clearTimeout(pending);
      pending = setTimeout(() => {
        window.dispatchEvent(new Event("resize"));
        for (const f of Object.values(figures)) if (f.relayout()) f.redraw();
      }, 50);
    });
    document.querySelectorAll("figure.explorable .explorable-chart").forEach((c) => observer.observe(c));
  }

  /* Restyle every chart when the reader switches between light and dark (not when the theme's
   * script resolves "auto" to the mode the charts were already drawn in). */
  let lastDark = isDark();
  new MutationObserver(() => {
    const dark = isDark();
    if (dark === lastDark) return;
    lastDark = dark;
    ready.then(() => Promise.all(Object.values(figures).map((f) => f.redraw())));
  }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });

  const drawFigure = (figure) =>
    setup(figure).catch((error) => {
      figure.classList.add("explorable-failed");
      console.error("explorable " + figure.id + " failed to draw:", error);
    });
  /* The figure the reader sees first (the one a scenario link points to, else the page's first)
   * is drawn before the others start, and the browser shows it before they do: setting up every
   * figure in the same task would keep it off the screen until all were drawn. `first` resolves
   * when it is drawn, `ready` when every figure is. */
  const all = Array.from(document.querySelectorAll("figure.explorable"));
  const linked = all.find((f) => "#" + f.id === window.location.hash);
  const leading = linked || all[0];
  const rest = all.filter((f) => f !== leading);
  const first = leading ? drawFigure(leading) : Promise.resolve();
  const ready = first
    .then(() => new Promise((resolve) => setTimeout(resolve)))
    .then(() => Promise.all(rest.map(drawFigure)));
  window.essays = { figures: figures, ready: ready, first: first };
})();
