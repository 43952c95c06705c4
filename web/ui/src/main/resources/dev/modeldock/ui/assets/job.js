// The job page: follows a running job's Server-Sent Events (the API's /api/v1/jobs/{id}/events,
// which the session cookie opens) into the progress bar, stage and log; when it ends, goes to the
// new version (a conversion), shows the failure, or reloads to show the result.
(function () {
  "use strict";

  function parse(event) {
    try {
      return JSON.parse(event.data) || {};
    } catch (e) {
      return {};
    }
  }

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
    var source = new EventSource(page.getAttribute("data-events"));

    source.addEventListener("progress", function (event) {
      var data = parse(event);
      if (typeof data.progress === "number") {
        bar.value = data.progress;
        percent.textContent = Math.round(data.progress * 100) + "%";
      }
      if (data.stage) {
        stage.textContent = data.stage;
      }
    });

    source.addEventListener("log", function (event) {
      if (!log) {
        return;
      }
      var item = document.createElement("li");
      item.textContent = parse(event).line || "";
      log.appendChild(item);
      log.scrollTop = log.scrollHeight;
    });

    source.addEventListener("state", function (event) {
      var data = parse(event);
      if (!data.state) {
        return;
      }
      state.textContent = data.state;
      state.className = "badge " + (data.state === "succeeded" ? "ok" : data.state === "failed" ? "bad" : "warn");
      if (data.state === "succeeded") {
        source.close();
        bar.value = 1;
        percent.textContent = "100%";
        var done = page.getAttribute("data-done");
        if (done && data.result && data.result.number) {
          window.location.assign(done + data.result.number);
        } else {
          window.location.reload();
        }
      } else if (data.state === "failed") {
        source.close();
        document.getElementById("job-error").textContent = data.error || "";
        document.getElementById("job-failed").hidden = false;
      }
    });
  });
})();
