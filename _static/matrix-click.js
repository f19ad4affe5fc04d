// Receptor x drug matrix: clicking a row chooses that drug, exactly as its menu entry does.
// The figure's layout.meta.matrix_rows gives, for each heat-map row, its menu entry's index
// (null for a class heading), so a long menu never has to be scrolled.
(function () {
  "use strict";
  function wire(gd) {
    var meta = gd.layout && gd.layout.meta;
    if (gd.dataset.neMatrixClick || !meta || !meta.matrix_rows || !gd.on) return;
    gd.dataset.neMatrixClick = "1";
    gd.on("plotly_click", function (event) {
      var point = event && event.points && event.points[0];
      if (!point || point.data.type !== "heatmap") return;
      var index = meta.matrix_rows[Math.round(point.y)];
      var menu = gd.layout.updatemenus && gd.layout.updatemenus[0];
      if (index === null || index === undefined || !menu) return;
      var button = menu.buttons[index];
      window.Plotly.restyle(gd, button.args[0], button.args[1]);
      window.Plotly.relayout(gd, { "updatemenus[0].active": index });
    });
  }
  function scan() {
    document.querySelectorAll(".js-plotly-plot").forEach(wire);
  }
  window.addEventListener("load", function () {
    scan();
    window.setTimeout(scan, 1500);
  });
})();
