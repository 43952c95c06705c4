// The job page: follows a running job (ModelDock.followJob) into the progress bar, stage, state and
// log; when it ends, goes to the new version (a conversion), shows the failure, or reloads to show
// the result.
(function () {
  "use strict";

  ModelDock.onLoad(function () {
    var page = document.getElementById("job");
    if (!page || page.getAttribute("data-live") !== "true" || !window.EventSource) {
      return;
    }
    var bar = document.getElementById("job-progress");
    var percent = document.getElementById("job-percent");
    var stage = document.getElementById("job-stage");
    var state = document.getElementById("job-state");
    var log = document.getElementById("job-log");

    ModelDock.followJob(page.getAttribute("data-events"), {
      progress: function (data) {
        if (typeof data.progress === "number") {
          bar.value = data.progress;
          percent.textContent = Math.round(data.progress * 100) + "%";
        }
        if (data.stage) {
          stage.textContent = data.stage;
        }
      },
      log: function (line) {
        if (log) {
          ModelDock.appendLog(log, line);
        }
      },
      state: function (data) {
        if (data.state) {
          state.textContent = data.state;
          state.className = "badge " + (data.state === "succeeded" ? "ok" : data.state === "failed" ? "bad" : "warn");
        }
      },
      end: function (data) {
        if (data.state === "failed") {
          document.getElementById("job-error").textContent = data.error || "";
          document.getElementById("job-failed").hidden = false;
          return;
        }
        bar.value = 1;
        percent.textContent = "100%";
        var done = page.getAttribute("data-done");
        if (done && data.result && data.result.number) {
          window.location.assign(done + data.result.number);
        } else {
          window.location.reload();
        }
      }
    });
  });
})();
