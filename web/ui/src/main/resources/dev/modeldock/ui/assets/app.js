// ModelDock web UI: the little the pages do in the browser. No inline script exists (the
// Content-Security-Policy forbids it); page data comes in data-* attributes, escaped by the templates.
(function () {
  "use strict";

  // Every htmx request carries the session's CSRF token, as forms do in their hidden field.
  document.addEventListener("htmx:configRequest", function (event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta && meta.content) {
      event.detail.headers["X-CSRF-Token"] = meta.content;
    }
  });

  // Copy buttons: <button class="copy" data-copy="text">.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) {
      return;
    }
    var text = button.getAttribute("data-copy");
    var done = function () {
      var label = button.textContent;
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = label; }, 1200);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done);
    } else {
      var area = document.createElement("textarea");
      area.value = text;
      document.body.appendChild(area);
      area.select();
      document.execCommand("copy");
      area.remove();
      done();
    }
  });

  // Forms that ask before they act: <form data-confirm="Retire this deployment?">.
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute && event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });

  function parse(event) {
    try {
      return JSON.parse(event.data) || {};
    } catch (e) {
      return {};
    }
  }

  // Pages register what they draw after load: ModelDock.onLoad(function () { ... }).
  var ready = [];
  window.ModelDock = {
    onLoad: function (fn) { ready.push(fn); },

    // Follows a job's Server-Sent Events (the API's /api/v1/jobs/{id}/events, which the session
    // cookie opens): on.progress({progress, stage}), on.log(line), on.state({state, ...}) for every
    // state, and on.end({state, result, error}) once, when it has succeeded or failed.
    followJob: function (url, on) {
      var source = new EventSource(url);
      var ended = false;
      source.addEventListener("progress", function (event) {
        if (on.progress) { on.progress(parse(event)); }
      });
      source.addEventListener("log", function (event) {
        if (on.log) { on.log(parse(event).line || ""); }
      });
      source.addEventListener("state", function (event) {
        var data = parse(event);
        if (on.state) { on.state(data); }
        if (!ended && (data.state === "succeeded" || data.state === "failed")) {
          ended = true;
          source.close();
          if (on.end) { on.end(data); }
        }
      });
    },

    // Adds a line to a job's log list and keeps it scrolled to the end.
    appendLog: function (list, line) {
      var item = document.createElement("li");
      item.textContent = line;
      list.appendChild(item);
      list.scrollTop = list.scrollHeight;
    }
  };
  document.addEventListener("DOMContentLoaded", function () {
    ready.forEach(function (fn) { fn(); });
  });
})();
