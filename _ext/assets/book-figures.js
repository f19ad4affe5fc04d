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

  // Resolved once the first figure near the viewport is drawn (or when none is near):
  // book-math.js loads MathJax only then, so typesetting never delays the first figure.
  var firstDrawn;
  window.neFirstFigure = new Promise(function (resolve) {
    firstDrawn = resolve;
  });

  // figure_html writes a numeric array that occurs more than once in a figure (slider steps
  // repeat unchanged curves) once, in figure.refs, and each occurrence as {"ne_ref": i}.
  function expand(value, refs) {
    if (Array.isArray(value)) {
      return value.map(function (item) {
        return expand(item, refs);
      });
    }
    if (value && typeof value === "object") {
      if (typeof value.ne_ref === "number" && Object.keys(value).length === 1) {
        return refs[value.ne_ref].slice();
      }
      var out = {};
      Object.keys(value).forEach(function (name) {
        out[name] = expand(value[name], refs);
      });
      return out;
    }
    return value;
  }

  function draw(div) {
    if (div.dataset.neDrawn) return Promise.resolve();
    div.dataset.neDrawn = "1";
    var source = document.querySelector('script[data-ne-plot="' + div.id + '"]');
    var figure = JSON.parse(source.textContent);
    if (figure.refs) {
      var refs = figure.refs;
      figure = { data: expand(figure.data, refs), layout: expand(figure.layout, refs),
                 config: figure.config };
    }
    return window.Plotly.newPlot(div, figure.data, figure.layout, figure.config).then(rowClicks);
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
    if (!divs.length) {
      firstDrawn();
      return;
    }
    if (!("IntersectionObserver" in window)) {
      divs.forEach(draw);
      firstDrawn();
      return;
    }
    // Figures within a screen of the visible part are drawn at once, the others when they
    // come that near.
    var near = function (div) {
      return div.getBoundingClientRect().top < 2 * window.innerHeight;
    };
    var nearNow = divs.filter(near);
    if (nearNow.length) {
      // The first figure alone, so the browser shows it before drawing the others.
      var rest = function () {
        firstDrawn();
        nearNow.slice(1).forEach(draw);
      };
      draw(nearNow[0]).then(rest, rest);
    } else {
      firstDrawn();
    }
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
  // (it comes just before this script), and book-math.js runs after.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
