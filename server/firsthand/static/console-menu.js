// The header's Menu (a <details>, at 200% zoom and on narrow windows): Esc closes it and puts
// the keyboard back on its button, as a disclosure menu is expected to. Without JavaScript it
// still opens and closes from its button.
(function () {
  "use strict";

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var menu = event.target.closest && event.target.closest("details.menu[open]");
    if (!menu) return;
    menu.removeAttribute("open");
    menu.querySelector("summary").focus();
  });
})();
