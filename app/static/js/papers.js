/* Certificates and documents: say at once when a chosen file is too large, before a slow upload.
   The server checks every file anyway; this only saves a wasted wait on a phone connection. */
(function () {
  "use strict";

  function tooLarge(input) {
    var max = parseInt(input.getAttribute("data-max-bytes"), 10);
    var file = input.files && input.files[0];
    return Boolean(file && max && file.size > max);
  }

  function check(input) {
    input.setCustomValidity(tooLarge(input) ? (input.getAttribute("data-too-large") || "") : "");
    return !tooLarge(input);
  }

  var inputs = document.querySelectorAll("input[type=file][data-max-bytes]");
  Array.prototype.forEach.call(inputs, function (input) {
    input.addEventListener("change", function () {
      if (!check(input)) { input.reportValidity(); }
    });
    if (input.form) {
      input.form.addEventListener("submit", function (event) {
        if (!check(input)) {
          event.preventDefault();
          input.reportValidity();
          input.focus();
        }
      });
    }
  });
}());
