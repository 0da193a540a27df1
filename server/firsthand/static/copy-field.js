// A link to pass on (the connect link after an invite): its field selects all of it when
// focused, and a Copy button copies it and says so in a status line a screen reader reads
// (role="status": announced politely, without interrupting). After a couple of seconds the
// button reads "Copy link" again, so a second copy (after issuing a new link, say) says so
// anew. Without JavaScript the button stays hidden and the field is still there to copy by
// hand (CSS user-select: all takes the whole link in one click).
(function () {
  "use strict";

  var RESET_MS = 2000;

  function selectAll(field) {
    var range = document.createRange();
    range.selectNodeContents(field);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copied(button, status, ok) {
    status.textContent = ok
      ? "Copied the link to the clipboard."
      : "Could not copy: the link is selected, press Ctrl+C (⌘C on a Mac) to copy it.";
    button.textContent = ok ? "Copied" : button.getAttribute("data-label");
    window.clearTimeout(button.resetTimer);
    if (ok) {
      // Back to its label, and the status emptied, so the next copy's message is new text
      // that a screen reader announces again (the same text set twice is not re-read).
      button.resetTimer = window.setTimeout(function () {
        button.textContent = button.getAttribute("data-label");
        status.textContent = "";
      }, RESET_MS);
    }
  }

  function copy(button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    var status = document.querySelector('[data-copy-status="' + field.id + '"]');
    var text = field.textContent.trim();
    selectAll(field);
    // Emptied first: a click while "Copied" still shows must be announced again.
    status.textContent = "";
    // The Clipboard API needs a secure context (https or this machine); elsewhere the older
    // command copies the selection.
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () { copied(button, status, true); },
        function () { copied(button, status, document.execCommand("copy")); }
      );
    } else {
      var ok = document.execCommand("copy");
      // A tick later, so the emptied status and the new text are two changes, not one.
      window.setTimeout(function () { copied(button, status, ok); }, 0);
    }
  }

  document.querySelectorAll(".copy-source").forEach(function (field) {
    field.addEventListener("focus", function () { selectAll(field); });
  });
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.setAttribute("data-label", button.textContent.trim());
    button.hidden = false;
    button.addEventListener("click", function () { copy(button); });
  });
})();
