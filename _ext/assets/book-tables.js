// Tables wider than the page scroll sideways inside their wrapper; mark the wrappers that do,
// so book.css shows a "scroll" hint on them (and on no table that fits).
(() => {
  const SELECTOR = ".ne-table-wrap, .pst-scrollable-table-container";
  const mark = (wrap) => {
    wrap.classList.toggle("ne-overflowing", wrap.scrollWidth > wrap.clientWidth + 1);
  };
  const start = () => {
    const wraps = [...document.querySelectorAll(SELECTOR)];
    if (!wraps.length) return;
    wraps.forEach(mark);
    if ("ResizeObserver" in window) {
      const observer = new ResizeObserver((entries) => entries.forEach((e) => mark(e.target)));
      wraps.forEach((wrap) => observer.observe(wrap));
    } else {
      window.addEventListener("resize", () => wraps.forEach(mark));
    }
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
