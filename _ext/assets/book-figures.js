/* Draw the book's figures as they come near the viewport (MIT, the book's own code).
 *
 * Each figure is written as an empty placeholder of its final height,
 *   <div class="plotly-graph-div ne-plot" id="fig-..." style="min-height: ...px"></div>
 * followed by its plotly JSON in <script type="application/json" data-ne-plot="fig-...">.
 * The page's text never waits for plotly.js: this script and the partial bundle are both
 * deferred, and each figure is drawn with Plotly.newPlot about one screen before it shows.
 */
(function () {
  "use strict";

  function draw(div) {
    if (div.dataset.neDrawn) return;
    div.dataset.neDrawn = "1";
    var source = document.querySelector('script[data-ne-plot="' + div.id + '"]');
    var figure = JSON.parse(source.textContent);
    window.Plotly.newPlot(div, figure.data, figure.layout, figure.config).then(rowClicks);
  }

  // The receptor x drug matrix: clicking a row chooses that drug, as its menu entry does.
  // layout.meta.matrix_rows gives each heat-map row's menu entry (null for a class heading),
  // so a reader never has to scroll a long menu.
  function rowClicks(gd) {
    var meta = gd.layout && gd.layout.meta;
    if (!meta || !meta.matrix_rows) return;
    gd.on("plotly_click", function (event) {
      var point = event && event.points && event.points[0];
      var menu = gd.layout.updatemenus && gd.layout.updatemenus[0];
      if (!point || point.data.type !== "heatmap" || !menu) return;
      var index = meta.matrix_rows[Math.round(point.y)];
      if (index === null || index === undefined) return;
      var button = menu.buttons[index];
      window.Plotly.restyle(gd, button.args[0], button.args[1]);
      window.Plotly.relayout(gd, { "updatemenus[0].active": index });
    });
  }

  function start() {
    var divs = Array.prototype.slice.call(document.querySelectorAll("div.ne-plot"));
    if (!divs.length) return;
    if (!("IntersectionObserver" in window)) {
      divs.forEach(draw);
      return;
    }
    // Figures within a screen of the visible part are drawn at once, the others when they
    // come that near.
    var near = function (div) {
      return div.getBoundingClientRect().top < 2 * window.innerHeight;
    };
    divs.filter(near).forEach(draw);
    var observer = new IntersectionObserver(
      function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) {
            observer.unobserve(entry.target);
            draw(entry.target);
          }
        });
      },
      { rootMargin: "100% 0px 100% 0px" }
    );
    divs.forEach(function (div) {
      if (!div.dataset.neDrawn) observer.observe(div);
    });
  }

  // Deferred scripts run in order after parsing, before DOMContentLoaded: plotly.js is ready
  // (it comes just before this script), and MathJax runs after.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
