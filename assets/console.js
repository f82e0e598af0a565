// Foyer console: the little script there is. Everything works without it
// except the live lobby and local times.
(function () {
  "use strict";
  function localTimes(root) {
    root.querySelectorAll("time[datetime]").forEach(function (t) {
      var d = new Date(t.getAttribute("datetime"));
      if (!isNaN(d)) { t.textContent = d.toLocaleString([], { dateStyle: "short", timeStyle: "short" }); }
    });
  }
  function live() {
    var region = document.querySelector("[data-live]");
    if (!region || !window.EventSource) { return; }
    var source = new EventSource(region.getAttribute("data-live"));
    source.addEventListener("lobby", function (e) {
      region.innerHTML = e.data;
      localTimes(region);
      region.setAttribute("data-updated", String(Date.now()));
    });
  }
  // Delegated, so forms that arrive with a live update are covered too.
  function confirms() {
    document.addEventListener("submit", function (e) {
      var f = e.target;
      if (f.hasAttribute && f.hasAttribute("data-confirm") && !window.confirm(f.getAttribute("data-confirm"))) {
        e.preventDefault();
      }
    });
    document.addEventListener("click", function (e) {
      if (e.target.hasAttribute && e.target.hasAttribute("data-print")) { window.print(); }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    localTimes(document);
    live();
    confirms();
  });
})();
