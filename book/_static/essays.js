/* Static explorables: draw each figure's Vega-Lite spec and wire its sliders to the spec's params.
 * Everything runs in the browser; the numbers come from Vega expressions or from the grid of model
 * outputs precomputed at build time (see essays/explorable.py). */
(function () {
  "use strict";
  const figures = {};

  function readJSON(figure, cls) {
    const node = figure.querySelector("script." + cls);
    return node ? JSON.parse(node.textContent) : null;
  }

  async function setup(figure) {
    const spec = readJSON(figure, "explorable-spec");
    const meta = readJSON(figure, "explorable-meta");
    const target = figure.querySelector(".explorable-chart");
    const result = await window.vegaEmbed(target, spec, { renderer: "svg", actions: false });
    const view = result.view;
    const params = {};
    for (const p of meta.params) params[p.name] = p;

    function setIndex(name, index) {
      const p = params[name];
      const input = figure.querySelector('input[data-param="' + name + '"]');
      index = Math.max(0, Math.min(p.values.length - 1, Math.round(index)));
      input.value = String(index);
      input.setAttribute("aria-valuetext", p.labels[index]);
      figure.querySelector('output[for="' + input.id + '"]').textContent = p.labels[index];
      view.signal(name, p.values[index]);
      if (meta.mode === "grid") view.signal(name + "__i", index);
      return view.runAsync();
    }

    for (const input of figure.querySelectorAll("input[data-param]")) {
      input.addEventListener("input", () => setIndex(input.dataset.param, Number(input.value)));
    }
    figures[meta.name] = { view: view, meta: meta, element: figure, setIndex: setIndex };
  }

  const ready = Promise.all(
    Array.from(document.querySelectorAll("figure.explorable"), (figure) =>
      setup(figure).catch((error) => {
        figure.classList.add("explorable-failed");
        console.error("explorable " + figure.id + " failed to draw:", error);
      })
    )
  );
  window.essays = { figures: figures, ready: ready };
})();
