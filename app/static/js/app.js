/* Jembatan: progressive enhancement only. Every page works without this file.
   Loaded with `defer` from /static (CSP script-src 'self'): no inline handlers anywhere. */
(function () {
  "use strict";

  // On a phone a long menu pushes the page below the fold: tuck it behind the Menu button.
  var MENU_LINKS_BEFORE_COLLAPSE = 5;

  function setUpMenuToggle() {
    var header = document.querySelector(".site-header");
    var toggle = document.querySelector(".nav-toggle");
    var menu = document.getElementById("site-menu");
    if (!header || !toggle || !menu) { return; }
    if (menu.querySelectorAll("a, button[type=submit]:not([name=locale])").length <= MENU_LINKS_BEFORE_COLLAPSE) {
      return;
    }
    header.classList.add("has-nav-toggle");
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      menu.classList.toggle("is-open", open);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.classList.contains("is-open")) {
        toggle.setAttribute("aria-expanded", "false");
        menu.classList.remove("is-open");
        toggle.focus();
      }
    });
  }

  // <form data-confirm="Are you sure?"> asks before sending; the text comes translated from the server.
  function setUpConfirmations() {
    document.addEventListener("submit", function (event) {
      var form = event.target;
      var question = form.getAttribute && form.getAttribute("data-confirm");
      if (question && !window.confirm(question)) {
        event.preventDefault();
      }
    });
  }

  // After a failed submit, move focus to the list of problems so screen readers hear it first.
  function focusErrorSummary() {
    var summary = document.querySelector(".error-summary");
    if (summary) { summary.focus(); }
  }

  // Stop double submissions from impatient taps on a slow connection.
  function setUpSingleSubmit() {
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (event.defaultPrevented || form.hasAttribute("data-allow-resubmit")) { return; }
      if (form.dataset.submitted === "true") {
        event.preventDefault();
        return;
      }
      form.dataset.submitted = "true";
      window.setTimeout(function () { form.dataset.submitted = "false"; }, 8000);
    });
    // Coming back with the Back button restores the page from cache: let its forms be sent again.
    window.addEventListener("pageshow", function () {
      document.querySelectorAll("form[data-submitted]").forEach(function (form) {
        form.dataset.submitted = "false";
      });
    });
  }

  function start() {
    setUpMenuToggle();
    setUpConfirmations();
    setUpSingleSubmit();
    focusErrorSummary();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
