/*
 * Filter and sort for the comparison table (decide/comparison.md).
 *
 * Progressive enhancement of the table rendered by
 * sidebyside/renderers/comparison_table.py: without this script the whole
 * table is shown in data order. With it, two selects filter by group and
 * verdict, and sortable column headers become buttons that cycle
 * ascending, descending and the original order (aria-sort tells assistive
 * technology). Self-contained: no network, works from file://.
 */
(function () {
  "use strict";

  function init(table) {
    var body = table.tBodies[0];
    var original = Array.prototype.slice.call(body.rows);
    var groups = [];
    original.forEach(function (row) {
      var id = row.getAttribute("data-group");
      var title = row.getAttribute("data-group-title");
      if (!groups.some(function (g) { return g[0] === id; })) groups.push([id, title]);
    });
    var verdicts = [["tensorflow", "TensorFlow"], ["pytorch", "PyTorch"], ["tie", "Tie"], ["depends", "Depends"]];

    function select(label, name, options) {
      var wrap = document.createElement("label");
      wrap.className = "sbs-cmp-filter";
      wrap.appendChild(document.createTextNode(label + " "));
      var element = document.createElement("select");
      element.name = name;
      element.appendChild(new Option("All", ""));
      options.forEach(function (pair) {
        element.appendChild(new Option(pair[1], pair[0]));
      });
      wrap.appendChild(element);
      return [wrap, element];
    }

    var controls = document.createElement("div");
    controls.className = "sbs-cmp-controls";
    var group = select("Group", "group", groups);
    var verdict = select("Verdict", "verdict", verdicts);
    var count = document.createElement("p");
    count.className = "sbs-cmp-count";
    count.setAttribute("aria-live", "polite");
    controls.appendChild(group[0]);
    controls.appendChild(verdict[0]);
    controls.appendChild(count);
    var wrapper = table.parentNode;
    wrapper.parentNode.insertBefore(controls, wrapper);

    function filter() {
      var shown = 0;
      original.forEach(function (row) {
        var ok =
          (!group[1].value || row.getAttribute("data-group") === group[1].value) &&
          (!verdict[1].value || row.getAttribute("data-verdict") === verdict[1].value);
        row.hidden = !ok;
        if (ok) shown++;
      });
      count.textContent = "Showing " + shown + " of " + original.length + " criteria";
    }
    group[1].addEventListener("change", filter);
    verdict[1].addEventListener("change", filter);

    function key(row, column) {
      var cell = row.cells[column];
      var label = cell.querySelector(".sbs-verdict, .sbs-cmp-criterion");
      return [(label || cell).textContent.trim().toLowerCase(), original.indexOf(row)];
    }

    function compare(a, b) {
      if (a[0] < b[0]) return -1;
      if (a[0] > b[0]) return 1;
      return a[1] - b[1];
    }

    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headers.forEach(function (th, column) {
      var kind = th.getAttribute("data-sort");
      if (!kind) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sbs-sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var next = { none: "ascending", ascending: "descending", descending: "none" }[th.getAttribute("aria-sort") || "none"];
        headers.forEach(function (other) {
          other.removeAttribute("aria-sort");
        });
        var rows = original.slice();
        if (next !== "none") {
          th.setAttribute("aria-sort", next);
          rows.sort(function (a, b) {
            var order = compare(key(a, column), key(b, column));
            return next === "ascending" ? order : -order;
          });
        }
        rows.forEach(function (row) {
          body.appendChild(row);
        });
      });
    });
    filter();
  }

  function boot() {
    var table = document.getElementById("sbs-comparison");
    if (!table || !table.tBodies.length || table.hasAttribute("data-sbs-ready")) return;
    table.setAttribute("data-sbs-ready", "");
    init(table);
  }

  // Material emits document$ for every page it shows (the first load, and each instant
  // navigation when that is on); without Material's bundle, fall back to the DOM event.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(boot);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})();
