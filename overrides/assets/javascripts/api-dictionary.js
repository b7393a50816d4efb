/*
 * Filter box for the API dictionary (reference/api-dictionary.md).
 *
 * Progressive enhancement of the cards rendered by
 * sidebyside/renderers/api_dictionary.py: without this script every row is
 * shown. Each word typed must occur in a row's text (API names, code, notes);
 * "_", "." and spaces are treated alike, so "reduce sum" finds
 * tf.reduce_sum. Categories with no match are hidden. The query is kept in
 * the URL (?filter=) so a filtered view can be shared. Self-contained: no
 * network, works from file://.
 */
(function () {
  "use strict";

  function normalise(text) {
    return text.toLowerCase().replace(/[\s_.]+/g, " ");
  }

  function init() {
    var box = document.getElementById("sbs-rosetta-filter");
    if (!box || box.getAttribute("data-ready")) return;
    box.setAttribute("data-ready", "1");
    var rows = Array.prototype.slice.call(document.querySelectorAll(".sbs-rosetta-row"));
    var sections = Array.prototype.slice.call(document.querySelectorAll(".sbs-rosetta-category"));
    var count = document.getElementById("sbs-rosetta-count");
    var texts = rows.map(function (row) { return normalise(row.textContent); });

    function apply() {
      var words = normalise(box.value).split(" ").filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, i) {
        var match = words.every(function (w) { return texts[i].indexOf(w) !== -1; });
        row.hidden = !match;
        if (match) shown += 1;
      });
      sections.forEach(function (section) {
        // a category is its heading, an optional intro paragraph, then the rows
        var empty = !section.querySelector(".sbs-rosetta-row:not([hidden])");
        section.hidden = empty;
        var previous = section.previousElementSibling;
        while (previous) {
          previous.hidden = empty;
          if (previous.tagName === "H2") break;
          previous = previous.previousElementSibling;
        }
      });
      if (count) count.textContent = shown + " of " + rows.length + " mappings shown";
    }

    var params = new URLSearchParams(window.location.search);
    if (params.get("filter")) box.value = params.get("filter");
    box.addEventListener("input", function () {
      apply();
      if (window.history && window.location.protocol !== "file:") {
        var url = new URL(window.location.href);
        if (box.value) url.searchParams.set("filter", box.value); else url.searchParams.delete("filter");
        window.history.replaceState(null, "", url);
      }
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
