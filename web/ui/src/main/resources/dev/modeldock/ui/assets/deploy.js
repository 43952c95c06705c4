// Deploy page: follows a deployment's job through its Server-Sent Events (/api/v1/jobs/{id}/events,
// which the session cookie opens) and, once the job has ended, swaps in the server-rendered result.
(function () {
  "use strict";

  ModelDock.onLoad(function () {
    var box = document.getElementById("deploy-progress");
    if (!box || !box.getAttribute("data-events") || !window.EventSource) {
      return;
    }
    var bar = box.querySelector("progress");
    var stage = box.querySelector("[data-stage]");
    var log = box.querySelector("[data-log]");
    var source = new EventSource(box.getAttribute("data-events"));
    var ended = false;

    function finish() {
      ended = true;
      source.close();
      window.htmx.ajax("GET", box.getAttribute("data-result"), { target: "#deploy-result", swap: "outerHTML" });
    }

    source.addEventListener("progress", function (event) {
      var data = JSON.parse(event.data);
      bar.value = data.progress;
      if (data.stage) {
        stage.textContent = data.stage;
      }
    });
    source.addEventListener("log", function (event) {
      var item = document.createElement("li");
      item.textContent = JSON.parse(event.data).line;
      log.appendChild(item);
    });
    source.addEventListener("state", function (event) {
      var state = JSON.parse(event.data).state;
      if (!ended && (state === "succeeded" || state === "failed")) {
        finish();
      }
    });
  });
})();
