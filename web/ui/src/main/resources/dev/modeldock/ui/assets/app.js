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

  // Pages register what they draw after load: ModelDock.onLoad(function () { ... }).
  var ready = [];
  window.ModelDock = {
    onLoad: function (fn) { ready.push(fn); }
  };
  document.addEventListener("DOMContentLoaded", function () {
    ready.forEach(function (fn) { fn(); });
  });
})();
