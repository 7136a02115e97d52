// Names the admin's search boxes (Django's autocomplete, select2) for screen readers.
// select2 shows the chosen value in a span with role="textbox" that has no name of its own;
// this gives it the field's label. Runs after select2 has started (on "load").
"use strict";
window.addEventListener("load", function () {
  document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
    var shown = document.getElementById("select2-" + select.id + "-container");
    var label = document.querySelector('label[for="' + select.id + '"]');
    if (shown && label) {
      shown.setAttribute("aria-label", label.textContent.replace(/:\s*$/, "").trim());
    }
  });
});
