// Deploy page: follows a deployment's job (ModelDock.followJob) and, once the job has ended, swaps
// in the server-rendered result.
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
    ModelDock.followJob(box.getAttribute("data-events"), {
      progress: function (data) {
        bar.value = data.progress;
        if (data.stage) {
          stage.textContent = data.stage;
        }
      },
      log: function (line) {
        ModelDock.appendLog(log, line);
      },
      end: function () {
        window.htmx.ajax("GET", box.getAttribute("data-result"), { target: "#deploy-result", swap: "outerHTML" });
      }
    });
  });
})();
