// Wide console tables scroll sideways inside their .overflow-auto box. At 200% zoom (640 CSS px)
// their last columns sat off-screen with no sign that they were there, so this shows it: a
// "scroll for more columns" line above a table that overflows, and a shade on the side that
// has more. A table that overflows is made a focusable, labelled region so the keyboard can
// scroll it too. Without JavaScript the tables still scroll; they only lose the cue.
(function () {
  "use strict";

  function label(box) {
    var section = box.closest("section");
    var heading = section && section.querySelector("h2, h3");
    var table = box.querySelector("table");
    var caption = table && table.querySelector("caption");
    var name = (caption || heading || document.querySelector("h1") || {}).textContent || "Table";
    return name.trim() + " (table, scrolls sideways)";
  }

  function watch(box) {
    var frame = document.createElement("div");
    frame.className = "scroll-frame";
    var hint = document.createElement("p");
    hint.className = "scroll-hint";
    hint.hidden = true;
    hint.textContent = "Scroll sideways for more columns →";
    box.parentNode.insertBefore(hint, box);
    box.parentNode.insertBefore(frame, box);
    frame.appendChild(box);

    function update() {
      var width = box.scrollWidth - box.clientWidth;
      var more = width > 1;
      frame.classList.toggle("more-left", more && box.scrollLeft > 1);
      frame.classList.toggle("more-right", more && box.scrollLeft < width - 1);
      hint.hidden = !more;
      if (more && !box.hasAttribute("tabindex")) {
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        if (!box.hasAttribute("aria-label") && !box.hasAttribute("aria-labelledby")) {
          box.setAttribute("aria-label", label(box));
        }
      }
    }
    box.addEventListener("scroll", update, { passive: true });
    if (window.ResizeObserver) new ResizeObserver(update).observe(box);
    window.addEventListener("resize", update);
    update();
  }

  document.querySelectorAll(".overflow-auto").forEach(watch);
})();
