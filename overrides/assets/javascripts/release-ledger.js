/*
 * Framework and kind filters for the release ledger (reference/releases.md).
 *
 * Progressive enhancement of the blocks rendered by
 * sidebyside/site/renderers/release_ledger.py: without this script every
 * release is shown. A framework hides other packages; a kind hides changes
 * of other kinds and releases with none of that kind. The choice is kept in
 * the URL (?framework=&kind=) so a filtered view can be shared.
 * Self-contained: no network, works from file://.
 */
(function () {
  "use strict";

  function init() {
    var selects = Array.prototype.slice.call(document.querySelectorAll(".sbs-ledger-filters select"));
    if (!selects.length || selects[0].getAttribute("data-ready")) return;
    var packages = Array.prototype.slice.call(document.querySelectorAll(".sbs-ledger-package"));
    var count = document.getElementById("sbs-ledger-count");
    var params = new URLSearchParams(window.location.search);

    function value(name) {
      var select = document.getElementById("sbs-ledger-" + name);
      return select ? select.value : "";
    }

    function apply() {
      var framework = value("framework"), kind = value("kind"), releases = 0, changes = 0;
      packages.forEach(function (pkg) {
        var shownHere = 0;
        if (!framework || pkg.getAttribute("data-framework") === framework) {
          pkg.querySelectorAll(".sbs-ledger-release").forEach(function (release) {
            var kinds = (release.getAttribute("data-kinds") || "").split(" ");
            var show = !kind || kinds.indexOf(kind) !== -1;
            release.hidden = !show;
            release.querySelectorAll("li[data-kind]").forEach(function (item) {
              item.hidden = !!kind && item.getAttribute("data-kind") !== kind;
              if (show && !item.hidden) changes += 1;
            });
            if (show) { releases += 1; shownHere += 1; }
          });
        }
        pkg.hidden = shownHere === 0;
      });
      if (count) count.textContent = releases + " releases, " + changes + " changes shown";
    }

    selects.forEach(function (select) {
      select.setAttribute("data-ready", "1");
      var name = select.getAttribute("data-filter");
      if (params.get(name)) select.value = params.get(name);
      select.addEventListener("change", function () {
        apply();
        if (window.history && window.location.protocol !== "file:") {
          var url = new URL(window.location.href);
          if (select.value) url.searchParams.set(name, select.value); else url.searchParams.delete(name);
          window.history.replaceState(null, "", url);
        }
      });
    });
    apply();
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
