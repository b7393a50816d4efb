/*
 * Decision flowchart (decide/flowchart.md): on screens narrower than the
 * picture, the figure scrolls sideways; start it scrolled so the first
 * question is in view instead of the picture's left edge. Nothing else
 * changes, and without this script the picture still scrolls.
 */
(function () {
  "use strict";

  function centreStart(box) {
    var start = document.getElementById(box.getAttribute("data-start-node"));
    if (!start || box.scrollWidth <= box.clientWidth) return;
    var node = start.getBoundingClientRect();
    var frame = box.getBoundingClientRect();
    box.scrollLeft += node.left + node.width / 2 - (frame.left + frame.width / 2);
  }

  function boot() {
    document.querySelectorAll(".sbs-flowchart-scroll[data-start-node]").forEach(centreStart);
  }

  // Material emits document$ for every page it shows (the first load, and each instant
  // navigation when that is on); without Material's bundle, fall back to the DOM event.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(boot);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})();
