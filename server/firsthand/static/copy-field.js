// A link to pass on (the connect link after an invite): its field selects all of it when
// focused, and a Copy button copies it and says so in a status line a screen reader reads.
// Without JavaScript the button stays hidden and the field is still there to copy by hand
// (CSS user-select: all takes the whole link in one click).
(function () {
  "use strict";

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
    button.textContent = ok ? "Copied" : "Copy link";
  }

  function copy(button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    var status = document.querySelector('[data-copy-status="' + field.id + '"]');
    var text = field.textContent.trim();
    selectAll(field);
    // The Clipboard API needs a secure context (https or this machine); elsewhere the older
    // command copies the selection.
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () { copied(button, status, true); },
        function () { copied(button, status, document.execCommand("copy")); }
      );
    } else {
      copied(button, status, document.execCommand("copy"));
    }
  }

  document.querySelectorAll(".copy-source").forEach(function (field) {
    field.addEventListener("focus", function () { selectAll(field); });
  });
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { copy(button); });
  });
})();
