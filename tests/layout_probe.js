// What a figure draws, in page coordinates of its SVG: every mark's geometry against its plot area,
// every legend against the figure, every text box (to find collisions) and every colour with the
// background it sits on (to measure contrast). Returns plain data; the tests decide what fails.
(name) => {
  const fig = window.essays.figures[name];
  const view = fig.view;
  const svg = fig.element.querySelector("svg");
  // the drawing's own size (its viewBox), in the scenegraph's coordinates, whatever CSS scales it to
  const vb = svg && svg.viewBox && svg.viewBox.baseVal;
  const svgBox = vb && vb.width ? { width: vb.width, height: vb.height, shown: svg.clientWidth }
    : { width: Number(svg.getAttribute("width")), height: Number(svg.getAttribute("height")), shown: svg.clientWidth };
  // the colour behind the chart: its own background, else the first opaque one around it
  let background = view.background();
  if (!background || background === "transparent") {
    background = "rgb(255, 255, 255)";
    for (let node = fig.element; node && node.nodeType === 1; node = node.parentElement) {
      const c = getComputedStyle(node).backgroundColor;
      if (c && c !== "transparent" && !/rgba\(.*,\s*0\)$/.test(c)) { background = c; break; }
    }
    if (background === "rgb(255, 255, 255)") {
      const c = getComputedStyle(document.body).backgroundColor;
      if (c && !/rgba\(.*,\s*0\)$/.test(c)) background = c;
    }
  }
  const TOL = 1.5;
  const offPlot = [];
  const legends = [];
  const texts = [];
  const colours = [];

  const isAxisOrLegend = (mark) => mark && mark.role &&
    (mark.role.startsWith("axis") || mark.role.startsWith("legend"));

  // opaque rectangles drawn so far (heat-map cells, bars): what a later mark or text sits on
  const rects = [];
  function underneath(x, y) {
    for (let i = rects.length - 1; i >= 0; i--) {
      const r = rects[i];
      if (x >= r.x1 && x <= r.x2 && y >= r.y1 && y <= r.y2) return r.fill;
    }
    return undefined;
  }

  function record_colour(mark, item, kind, ox, oy) {
    const c = kind === "text" ? item.fill : (mark.marktype === "line" || mark.marktype === "rule"
      ? item.stroke : (item.fill && item.fill !== "transparent" ? item.fill : item.stroke));
    if (!c || typeof c !== "string" || c === "transparent" || c === "none") return;
    const opacity = (item.opacity ?? 1) * (kind === "text" ? (item.fillOpacity ?? 1)
      : (mark.marktype === "line" || mark.marktype === "rule" ? (item.strokeOpacity ?? 1)
         : (item.fillOpacity ?? item.strokeOpacity ?? 1)));
    if (opacity === 0) return;
    const stroke = kind !== "text" && item.stroke && (item.strokeWidth ?? 1) > 0
      && c !== item.stroke ? item.stroke : undefined;
    let cx, cy;
    if (kind === "text" && item.bounds) {
      cx = ox + (item.bounds.x1 + item.bounds.x2) / 2; cy = oy + (item.bounds.y1 + item.bounds.y2) / 2;
    } else if (item.x !== undefined && item.y !== undefined && mark.marktype !== "rect") {
      cx = ox + item.x; cy = oy + item.y;
    }
    const under = cx === undefined ? undefined : underneath(cx, cy);
    if (mark.marktype === "rect" && opacity >= 0.5 && item.fill && item.fill !== "transparent") {
      const x = item.x ?? 0, y = item.y ?? 0;
      const x2 = item.x2 ?? x + (item.width ?? 0), y2 = item.y2 ?? y + (item.height ?? 0);
      rects.push({ x1: ox + Math.min(x, x2), x2: ox + Math.max(x, x2), y1: oy + Math.min(y, y2),
                   y2: oy + Math.max(y, y2), fill: item.fill });
    }
    colours.push({ mark: mark.name || mark.marktype, role: mark.role || "", kind, colour: c, opacity, stroke, under,
                   at: cx === undefined ? undefined : [Math.round(cx), Math.round(cy)],
                   text: kind === "text" ? String(item.text ?? "") : undefined });
  }

  // (ox, oy): the item's group origin in SVG coordinates; plot: the enclosing plot area (w, h) or null
  function walk(scene, ox, oy, plot, inLegend) {
    if (!scene) return;
    const mark = scene.marktype ? scene : null;
    if (mark && mark.items) {
      const legendMark = inLegend || (mark.role || "").startsWith("legend");
      for (const item of mark.items) {
        if (mark.marktype === "group") {
          const gx = ox + (item.x || 0), gy = oy + (item.y || 0);
          const b = item.bounds;
          if ((mark.role || "") === "legend" && b) {
            legends.push({ name: mark.name, x1: ox + b.x1, y1: oy + b.y1, x2: ox + b.x2, y2: oy + b.y2 });
          }
          const isCell = !legendMark && !isAxisOrLegend(mark) && item.width > 0 && item.height > 0
            && (mark.role === "cell" || mark.role === "scope" || mark.role === "frame" || !plot);
          const nextPlot = isCell ? { x: gx, y: gy, w: item.width, h: item.height, clip: !!item.clip } : plot;
          for (const child of item.items || []) walk(child, gx, gy, nextPlot, legendMark);
          continue;
        }
        if (item.opacity === 0) continue;
        const axisOrLegend = legendMark || isAxisOrLegend(mark);
        if (mark.marktype === "text") {
          const b = item.bounds;
          if (b && item.text !== undefined && String(item.text).trim() !== "" && b.width() > 0) {
            texts.push({ mark: mark.name || mark.role, role: mark.role, text: String(item.text),
                         x1: ox + b.x1, y1: oy + b.y1, x2: ox + b.x2, y2: oy + b.y2, legend: legendMark });
          }
          record_colour(mark, item, "text", ox, oy);
        } else {
          record_colour(mark, item, "mark", ox, oy);
        }
        if (axisOrLegend || !plot || (mark.role || "").includes("title")) continue;
        // the geometry a reader would see if nothing were clipped
        const pts = [];
        const X = (v) => ox + v, Y = (v) => oy + v;
        if (mark.marktype === "text") {
          const b = item.bounds;
          if (b) pts.push([ox + b.x1, oy + b.y1], [ox + b.x2, oy + b.y2]);
        } else if (mark.marktype === "rect") {
          const x = item.x ?? 0, y = item.y ?? 0;
          const x2 = item.x2 ?? x + (item.width ?? 0), y2 = item.y2 ?? y + (item.height ?? 0);
          pts.push([X(x), Y(y)], [X(x2), Y(y2)]);
        } else if (mark.marktype === "rule") {
          pts.push([X(item.x ?? 0), Y(item.y ?? 0)], [X(item.x2 ?? item.x ?? 0), Y(item.y2 ?? item.y ?? 0)]);
        } else if (mark.marktype === "area") {
          pts.push([X(item.x ?? 0), Y(item.y ?? 0)], [X(item.x2 ?? item.x ?? 0), Y(item.y2 ?? item.y ?? 0)]);
        } else if (item.x !== undefined && item.y !== undefined) {
          pts.push([X(item.x), Y(item.y)]);
        }
        for (const [px, py] of pts) {
          if (!Number.isFinite(px) || !Number.isFinite(py)) {
            offPlot.push({ mark: mark.name || mark.marktype, marktype: mark.marktype, x: px, y: py, why: "not finite" });
            break;
          }
          if (px < plot.x - TOL || px > plot.x + plot.w + TOL || py < plot.y - TOL || py > plot.y + plot.h + TOL) {
            const d = {};
            for (const [k, v] of Object.entries(item.datum || {})) if (typeof v !== "object") d[k] = v;
            offPlot.push({ mark: mark.name || mark.marktype, marktype: mark.marktype,
                           x: Math.round(px - plot.x), y: Math.round(py - plot.y),
                           w: Math.round(plot.w), h: Math.round(plot.h), datum: d });
            break;
          }
        }
      }
      return;
    }
    if (scene.items) for (const child of scene.items) walk(child, ox, oy, plot, inLegend);
  }

  const root = view.scenegraph().root;
  const origin = view.origin ? view.origin() : [0, 0];
  walk(root, origin[0] || 0, origin[1] || 0, null, false);
  return { svg: svgBox, background, offPlot, legends, texts, colours };
}
