// New-version page: shows what the preconfigured model named in the source (else the one the form
// starts from) sets; a preconfigured model picked or typed as the source becomes the start, so
// its properties load in place of a template's; the post-processors show only for a function that
// has them (the server renders the same without this script).
(function () {
  "use strict";

  var PRECONFIGURED = "preconfigured:";

  function showPreset(source) {
    var presets = document.querySelectorAll("#presets .preset");
    var name = source.value.trim();
    var named = Array.prototype.some.call(presets, function (p) { return p.getAttribute("data-model") === name; });
    var start = document.getElementById("start");
    if (!named) {
      name = start && start.value.indexOf(PRECONFIGURED) === 0 ? start.value.substring(PRECONFIGURED.length) : null;
    }
    Array.prototype.forEach.call(presets, function (p) { p.hidden = p.getAttribute("data-model") !== name; });
  }

  function startFrom(source) {
    var start = document.getElementById("start");
    var wanted = PRECONFIGURED + source.value.trim();
    var option = start && Array.prototype.find.call(start.options, function (o) { return o.value === wanted; });
    if (option && start.value !== wanted) {
      start.value = wanted;
      start.dispatchEvent(new Event("change", { bubbles: true })); // htmx reloads the form with its properties
    }
  }

  // A function that takes no post-processors (a reranker) hides them; the form does not send them then.
  function showPostProcessors(select) {
    var option = select.options[select.selectedIndex];
    var takes = !option || !option.hasAttribute("data-no-post-processors");
    var steps = document.getElementById("post-processors");
    var none = document.getElementById("no-post-processors");
    if (steps) { steps.hidden = !takes; }
    if (none) { none.hidden = takes; }
  }

  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "function") {
      showPostProcessors(event.target);
    }
  });

  document.addEventListener("input", function (event) {
    if (event.target && event.target.id === "source") {
      showPreset(event.target);
      startFrom(event.target);
    }
  });
})();
