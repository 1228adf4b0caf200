/* Fixes for the pinned theme pair (pydata-sphinx-theme 0.17 + sphinx-book-theme 1.3), loaded
 * on every page by essays.sphinx_ext.
 *
 * 1. Sidebar toggles. pydata-sphinx-theme opens its navigation and contents dialogs from the
 *    first `.primary-toggle` / `.secondary-toggle` in the page, which is its own navbar's, hidden
 *    under sphinx-book-theme; the buttons a reader sees (in the article header) then only show a
 *    tooltip. A click on any other toggle is handed to the first one, so the theme's own handlers
 *    run (a dialog on narrow screens, a collapsing sidebar on wide ones).
 * 2. "On this page" highlight. The theme moves it only when a heading crosses a thin band at the
 *    top of the window, so a scroll that carries a heading past the band in one step (a wheel
 *    notch, Page Down, a dragged scrollbar) leaves the highlight on an earlier section. Here the
 *    highlighted entry is recomputed after each scroll: the last section whose heading is above
 *    the line 30% down the window (the band's lower edge), or the last heading shown once the
 *    page is scrolled to its end.
 * 3. Display math (MathML, drawn at build time) too wide for the column scrolls sideways; such a
 *    block gets a tab stop so that a keyboard can scroll it too, as the theme does for code.
 */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  function forwardToggles(selector) {
    const toggles = Array.from(document.querySelectorAll(selector));
    const bound = toggles[0];
    toggles.slice(1).forEach((button) => {
      button.addEventListener("click", (event) => {
        event.preventDefault();
        event.stopPropagation();
        const tip = window.bootstrap && window.bootstrap.Tooltip && window.bootstrap.Tooltip.getInstance(button);
        if (tip) tip.hide();
        bound.click();
      });
    });
  }

  function followScroll() {
    const toc = document.querySelector("#pst-page-toc-nav");
    if (!toc) return;
    const links = Array.from(toc.querySelectorAll("a[href^='#']"));
    const entries = Array.from(toc.querySelectorAll(".toc-entry"));
    const sections = [];
    links.forEach((link) => {
      const id = decodeURIComponent(link.hash.slice(1));
      const target = id && document.getElementById(id);
      if (!target) return;
      const heading = target.querySelector("h1, h2, h3, h4, h5, h6") || target;
      sections.push({ link, heading });
    });
    if (!sections.length) return;

    function activate(link) {
      if (link.classList.contains("active") && link.getAttribute("aria-current")) return;
      links.forEach((el) => {
        el.classList.toggle("active", el === link);
        if (el === link) el.setAttribute("aria-current", "true");
        else el.removeAttribute("aria-current");
      });
      entries.forEach((el) => el.classList.toggle("active", el.contains(link)));
    }

    function current() {
      const line = window.innerHeight * 0.3;
      const atEnd = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2;
      let found = null;
      for (const s of sections) {
        const top = s.heading.getBoundingClientRect().top;
        if (top <= line || (atEnd && top < window.innerHeight)) found = s;
      }
      return found;
    }

    // A jump to an in-page link: the theme highlights the link's entry itself; leave that alone
    // until the reader scrolls again (the target may sit too near the page's end to reach the line).
    let paused = false;
    let pauseTimer = null;
    function pause() {
      paused = true;
      clearTimeout(pauseTimer);
      pauseTimer = setTimeout(() => { paused = false; }, 1000);
    }
    window.addEventListener("hashchange", pause);
    document.addEventListener("click", (event) => {
      const link = event.target.closest && event.target.closest("a[href^='#']");
      if (link) pause();
    });

    let scheduled = false;
    let settle = null;
    function update() {
      scheduled = false;
      if (paused) return;
      const s = current();
      if (s) activate(s.link);
    }
    window.addEventListener("scroll", () => {
      if (!scheduled) {
        scheduled = true;
        requestAnimationFrame(update);
      }
      // once scrolling stops, have the last word over the theme's observer
      clearTimeout(settle);
      settle = setTimeout(update, 150);
    }, { passive: true });
  }

  function focusableWideMath() {
    const update = () => document.querySelectorAll("div.math").forEach((block) => {
      if (block.scrollWidth > block.clientWidth + 1) block.tabIndex = 0;
      else block.removeAttribute("tabindex");
    });
    update();
    window.addEventListener("resize", update);
  }

  ready(() => {
    focusableWideMath();
    forwardToggles(".primary-toggle");
    forwardToggles(".secondary-toggle");
    followScroll();
  });
})();
