// Playground: colours each heatmap cell by its cosine (data-cosine), through the CSSOM, as the
// Content-Security-Policy allows (no style attributes in the markup). The value stays in the cell as text.
ModelDock.onLoad(function () {
  "use strict";
  document.querySelectorAll("#heatmap td[data-cosine]").forEach(function (cell) {
    var value = parseFloat(cell.getAttribute("data-cosine"));
    if (isNaN(value)) {
      return;
    }
    var t = Math.max(-1, Math.min(1, value));
    // Blue for -1, white for 0, orange (the accent) for 1.
    var from = t < 0 ? [37, 99, 235] : [194, 65, 12];
    var a = Math.abs(t);
    var rgb = from.map(function (c) { return Math.round(255 + (c - 255) * a); });
    cell.style.backgroundColor = "rgb(" + rgb.join(",") + ")";
    cell.style.color = a > 0.55 ? "#fff" : "#1c2430";
    cell.classList.add("coloured");
  });
});
