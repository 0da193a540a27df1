// A link to pass on (the connect link after an invite): its field selects all of it when
// focused, and a Copy button copies it and says so in a status line a screen reader reads.
// Without JavaScript the button stays hidden and the field, readonly, is still there to
// select and copy by hand (CSS user-select: all takes the whole link in one click).
(function () {
  "use strict";

  function selectAll(event) {
    event.target.select();
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
    field.focus();
    field.select();
    // The Clipboard API needs a secure context (https or this machine); elsewhere the older
    // command copies the selection.
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(
        function () { copied(button, status, true); },
        function () { copied(button, status, document.execCommand("copy")); }
      );
    } else {
      copied(button, status, document.execCommand("copy"));
    }
  }

  document.querySelectorAll("textarea.copy-source, input.copy-source").forEach(function (field) {
    field.addEventListener("focus", selectAll);
    // A click's mouseup would put the caret back where the pointer is: keep it all selected.
    field.addEventListener("mouseup", function (event) { event.preventDefault(); });
  });
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { copy(button); });
  });
})();
