/*
 * Reading modes for pairs (.sbs-pair): an optional side-by-side view on wide
 * screens, remembered in localStorage like the theme's tab choice, and
 * labels on each variant so the print stylesheet can show both tabs.
 * Self-hosted, no dependencies; works from file:// and on the hosted site.
 */
(function () {
  "use strict";
  var KEY = "sbs.view";
  var COLUMNS = "columns";
  var root = document.documentElement;

  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }

  function store(value) {
    try { window.localStorage.setItem(KEY, value); } catch (e) { /* private mode: choice lasts this page only */ }
  }

  function apply(columns) {
    root.classList.toggle("sbs-columns", columns);
    var buttons = document.querySelectorAll(".sbs-view-toggle");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", columns ? "true" : "false");
      buttons[i].textContent = columns ? "Show as tabs" : "Show side by side";
    }
  }

  function label(pair) {
    var set = pair.querySelector(".tabbed-set");
    if (!set) return;
    var labels = set.querySelectorAll(":scope > .tabbed-labels > label");
    var blocks = set.querySelectorAll(":scope > .tabbed-content > .tabbed-block");
    for (var i = 0; i < blocks.length && i < labels.length; i++) {
      blocks[i].setAttribute("data-sbs-label", labels[i].textContent.trim());
    }
    pair.classList.add("sbs-labelled");
  }

  function addToggle(pair) {
    if (pair.querySelector(".sbs-view-toggle")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sbs-view-toggle";
    button.addEventListener("click", function () {
      var columns = !root.classList.contains("sbs-columns");
      // every pair above changes height: keep the clicked pair where the reader sees it
      var before = pair.getBoundingClientRect().top;
      store(columns ? COLUMNS : "tabs");
      apply(columns);
      window.scrollBy(0, pair.getBoundingClientRect().top - before);
    });
    var title = pair.querySelector(".sbs-pair-title");
    if (title) title.appendChild(button); else pair.insertBefore(button, pair.firstChild);
  }

  function setup() {
    var pairs = document.querySelectorAll(".sbs-pair");
    for (var i = 0; i < pairs.length; i++) {
      label(pairs[i]);
      addToggle(pairs[i]);
    }
    apply(stored() === COLUMNS);
  }

  // Material re-renders the page body on instant navigation; follow it if present.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
