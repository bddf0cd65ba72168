/* Openings: occupation search for the opening form, and the print button. Progressive only:
   without this file the form takes a typed 4-digit code and the browser's own Print works. */
(function () {
  "use strict";

  var DELAY_MS = 250;

  function setUpOccupationSearch() {
    var input = document.querySelector("input[data-search-url]");
    var list = input && document.getElementById(input.getAttribute("list"));
    if (!input || !list || !window.fetch) { return; }
    var timer = null;
    var lastQuery = "";
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { search(input, list); }, DELAY_MS);
    });

    function search() {
      var query = input.value.trim();
      // A chosen suggestion ("7212 — Welders…") is not searched again.
      if (query.length < 2 || query === lastQuery || /^\d{4}\s+—/.test(query)) { return; }
      lastQuery = query;
      var url = input.getAttribute("data-search-url") + "?q=" + encodeURIComponent(query);
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (results) { fill(list, results); })
        .catch(function () { /* the typed code still works */ });
    }
  }

  function fill(list, results) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    results.forEach(function (item) {
      var option = document.createElement("option");
      option.value = item.code + " — " + item.title;
      list.appendChild(option);
    });
  }

  function setUpPrintButtons() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  setUpOccupationSearch();
  setUpPrintButtons();
})();
