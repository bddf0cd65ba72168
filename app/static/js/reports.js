// Reports: a "Print" button on the monthly report (hidden until this script shows it, so it never does nothing).
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
