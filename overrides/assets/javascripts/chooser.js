/*
 * Step-by-step chooser (decide/chooser.md).
 *
 * Progressive enhancement of the sections rendered by
 * sidebyside/renderers/decision_chooser.py: without this script every
 * question is a section whose answers are links to the next section. With
 * it, one step shows at a time, answers are buttons, "Your path" lists the
 * answers so far (each one a way back), and the path lives in the URL hash
 * (#path=start/next/...), so a result can be shared, bookmarked and
 * restored by reload or by the browser's Back button. Self-contained: no
 * network, works from file://.
 */
(function () {
  "use strict";

  function init(root) {
    var start = root.getAttribute("data-start");
    var steps = {};
    var answers = {};
    var path = [start];

    root.querySelectorAll("section.sbs-step").forEach(function (section) {
      var id = section.getAttribute("data-node");
      steps[id] = section;
      answers[id] = [];
      section.querySelectorAll("a[data-next]").forEach(function (link) {
        var next = link.getAttribute("data-next");
        answers[id].push({ text: link.textContent, next: next });
        var button = document.createElement("button");
        button.type = "button";
        button.className = "md-button sbs-answer";
        button.textContent = link.textContent;
        button.addEventListener("click", function () {
          go(path.concat([next]));
        });
        link.parentNode.replaceChild(button, link);
      });
    });
    root.querySelectorAll(".sbs-restart-link").forEach(function (p) {
      p.parentNode.removeChild(p);
    });

    var bar = document.createElement("nav");
    bar.className = "sbs-chooser-bar";
    bar.setAttribute("aria-label", "Your answers so far");
    bar.innerHTML =
      '<p class="sbs-path-title">Your path</p><ol class="sbs-path"></ol>' +
      '<p class="sbs-controls"><button type="button" class="md-button" data-act="back">Back</button> ' +
      '<button type="button" class="md-button" data-act="restart">Start over</button></p>';
    var live = document.createElement("p");
    live.className = "sbs-live";
    live.setAttribute("aria-live", "polite");
    root.insertBefore(bar, root.firstChild);
    root.appendChild(live);
    var list = bar.querySelector(".sbs-path");
    var back = bar.querySelector('[data-act="back"]');
    bar.querySelector('[data-act="restart"]').addEventListener("click", function () {
      go([start]);
    });
    back.addEventListener("click", function () {
      go(path.slice(0, -1));
    });
    root.classList.add("sbs-chooser--js");

    function answerText(from, to) {
      var found = (answers[from] || []).filter(function (a) {
        return a.next === to;
      });
      return found.length ? found[0].text : null;
    }

    function shortestPath(target) {
      var queue = [[start]];
      var seen = {};
      seen[start] = true;
      while (queue.length) {
        var trail = queue.shift();
        var last = trail[trail.length - 1];
        if (last === target) return trail;
        (answers[last] || []).forEach(function (a) {
          if (!seen[a.next]) {
            seen[a.next] = true;
            queue.push(trail.concat([a.next]));
          }
        });
      }
      return [start];
    }

    /* Read the hash: "#path=a/b/c" (validated step by step) or "#step-x" (a link from elsewhere). */
    function parse(hash) {
      var value = decodeURIComponent((hash || "").replace(/^#/, ""));
      if (value.indexOf("step-") === 0 && steps[value.slice(5)]) return shortestPath(value.slice(5));
      if (value.indexOf("path=") !== 0) return [start];
      var ids = value.slice(5).split("/");
      var valid = [start];
      for (var i = 1; i < ids.length && ids[0] === start; i++) {
        if (answerText(valid[valid.length - 1], ids[i]) === null) break;
        valid.push(ids[i]);
      }
      return valid;
    }

    function hashOf(trail) {
      return "#path=" + trail.join("/");
    }

    function go(trail) {
      if (location.hash === hashOf(trail)) show(trail, true);
      else location.hash = hashOf(trail); /* a history entry: the browser's Back undoes one answer */
    }

    function show(trail, moveFocus) {
      path = trail;
      var current = path[path.length - 1];
      Object.keys(steps).forEach(function (id) {
        steps[id].hidden = id !== current;
      });
      list.innerHTML = "";
      for (var i = 0; i + 1 < path.length; i++) {
        var item = document.createElement("li");
        var again = document.createElement("button");
        again.type = "button";
        again.className = "sbs-path-step";
        again.textContent = steps[path[i]].querySelector("h2").textContent + " → " + answerText(path[i], path[i + 1]);
        again.setAttribute("aria-label", "Change this answer: " + again.textContent);
        again.addEventListener("click", go.bind(null, path.slice(0, i + 1)));
        item.appendChild(again);
        list.appendChild(item);
      }
      bar.querySelector(".sbs-path-title").hidden = path.length < 2;
      back.disabled = path.length < 2;
      var heading = steps[current].querySelector("h2");
      live.textContent = (answers[current].length ? "Question " + path.length + ": " : "") + heading.textContent;
      if (moveFocus) heading.focus();
    }

    window.addEventListener("hashchange", function () {
      show(parse(location.hash), true);
    });
    show(parse(location.hash), false);
  }

  function boot() {
    document.querySelectorAll(".sbs-chooser[data-start]:not([data-sbs-ready])").forEach(function (root) {
      root.setAttribute("data-sbs-ready", "");
      init(root);
    });
  }

  // Material emits document$ for every page it shows (the first load, and each instant
  // navigation when that is on); without Material's bundle, fall back to the DOM event.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(boot);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})();
