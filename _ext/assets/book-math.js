/* Load MathJax only when the page's math comes near the viewport (MIT, the book's own code).
 *
 * Sphinx adds this script (deferred, as its ``mathjax_path``) only to pages with math, after
 * the inline ``window.MathJax`` configuration that names the MathJax components to load
 * (see _ext/offline_assets.py). MathJax's own ``startup.js`` is added when any math element
 * is within a screen of the visible part, and on a page with figures only once the first
 * figure near the viewport is drawn (book-figures.js sets ``window.neFirstFigure``), so
 * typesetting never delays it. Until then the reader sees the TeX source in place.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var startup = script.src.replace(/book-math\.js(\?.*)?$/, "mathjax/startup.js");
  var requested = false;

  function load() {
    if (requested) return;
    requested = true;
    var tag = document.createElement("script");
    tag.src = startup;
    tag.async = true;
    tag.id = "MathJax-script";
    document.head.appendChild(tag);
  }

  function loadAfterFirstFigure() {
    var first = window.neFirstFigure;
    if (first && typeof first.then === "function") {
      first.then(load, load);
    } else {
      load();
    }
  }

  function start() {
    var maths = document.querySelectorAll(".math");
    if (!maths.length) return;
    if (!("IntersectionObserver" in window)) {
      loadAfterFirstFigure();
      return;
    }
    var observer = new IntersectionObserver(
      function (entries) {
        if (entries.some(function (entry) { return entry.isIntersecting; })) {
          observer.disconnect();
          loadAfterFirstFigure();
        }
      },
      { rootMargin: "100% 0px 100% 0px" }
    );
    Array.prototype.forEach.call(maths, function (math) {
      observer.observe(math);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
