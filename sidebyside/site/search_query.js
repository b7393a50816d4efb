/* Prepended to the theme's search worker by sidebyside/site/search_query.py.
   Readers type questions ("why are my results different", "model.predict in pytorch").
   The theme turns every word of a query into a prefix search, so "a" or "in" match
   most of the site and outrank the words that matter. This listener runs before the
   theme's own and leaves such words out of a query that has other words. */
(function () {
  "use strict";
  var SKIP = new Set(("a an and are as at be can do does for from how i in is it its my of on or "
    + "the to vs what when where which why with you your").split(" "));
  var QUERY = 2; // the theme's message type for a search query
  self.addEventListener("message", function (event) {
    var message = event.data;
    if (!message || message.type !== QUERY || typeof message.data !== "string") return;
    var words = message.data.split(/\s+/).filter(Boolean);
    var kept = words.filter(function (word) { return !SKIP.has(word.toLowerCase()); });
    if (kept.length && kept.length < words.length) message.data = kept.join(" ");
  });
})();
