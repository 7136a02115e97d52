// Starts the Danish design system's components (error summary focus, accordions, menus).
// The portal works without it: this only adds behaviour on top of plain HTML.
"use strict";
(function () {
  function start() {
    if (window.DKFDS && typeof window.DKFDS.init === "function") {
      window.DKFDS.init();
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
