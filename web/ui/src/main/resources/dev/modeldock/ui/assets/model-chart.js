// The model page's charts of its versions' figures: one line chart per <canvas data-chart-values>,
// its labels and values JSON in data-* attributes (escaped by the template), drawn with Chart.js.
(function () {
  "use strict";

  ModelDock.onLoad(function () {
    if (typeof Chart === "undefined") {
      return;
    }
    document.querySelectorAll("canvas[data-chart-values]").forEach(function (canvas) {
      var labels = JSON.parse(canvas.getAttribute("data-chart-labels"));
      var values = JSON.parse(canvas.getAttribute("data-chart-values"));
      var dates = JSON.parse(canvas.getAttribute("data-chart-dates") || "[]");
      canvas.chart = new Chart(canvas, {
        type: "line",
        data: {
          labels: labels,
          datasets: [{
            label: canvas.getAttribute("data-chart-label"),
            data: values,
            borderColor: "#c2410c",
            backgroundColor: "#c2410c",
            pointRadius: 3,
            spanGaps: true,
            tension: 0
          }]
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          plugins: {
            legend: { display: false },
            tooltip: { callbacks: { title: function (items) {
              var i = items[0].dataIndex;
              return labels[i] + (dates[i] ? " · " + dates[i] : "");
            } } }
          },
          scales: { x: { ticks: { maxRotation: 0, autoSkip: true } } }
        }
      });
      canvas.setAttribute("data-drawn", "true");
    });
  });
})();
