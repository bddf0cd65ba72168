/* Skills box: suggestions from the vocabulary as you type, through the native <datalist>.
   Progressive: without this file the box still works, with the whole vocabulary in the list,
   and free words are normalised by the server. Several skills may be typed, separated by commas. */
(function () {
  "use strict";

  var DELAY_MS = 200;

  function lastPart(value) {
    var parts = value.split(/[,;]/);
    return { head: parts.slice(0, -1).join(","), tail: parts[parts.length - 1].trim() };
  }

  function fill(list, head, suggestions) {
    var prefix = head ? head.replace(/\s*$/, "") + ", " : "";
    while (list.firstChild) { list.removeChild(list.firstChild); }
    suggestions.forEach(function (item) {
      var option = document.createElement("option");
      option.value = prefix + item.label;
      if (item.matched && item.matched !== item.label.toLowerCase()) { option.label = item.label + " (" + item.matched + ")"; }
      list.appendChild(option);
    });
  }

  function setUp(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var url = input.getAttribute("data-suggest-url");
    if (!list || !url || !window.fetch) { return; }
    var timer = null;
    var asked = "";
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var parts = lastPart(input.value);
        if (!parts.tail || parts.tail === asked) { return; }
        asked = parts.tail;
        fetch(url + "?q=" + encodeURIComponent(parts.tail), { credentials: "same-origin", headers: { "Accept": "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (body) { if (asked === parts.tail) { fill(list, parts.head, body.suggestions || []); } })
          .catch(function () { /* offline: the list from the page stays */ });
      }, DELAY_MS);
    });
  }

  function start() {
    document.querySelectorAll("input[data-suggest-url][list]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
