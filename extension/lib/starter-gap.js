/* What goes around a starter inserted at the caret, so it never glues onto the draft's words:
   "…#StudioTintaRoja" + "Mais alguém já…" must not become one broken hashtag. Pure: the
   content scripts use it (content/dom.js) and node tests it. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});

  // Marks that change how an emoji looks but are not a character of their own.
  const EMOJI_TAIL = /[\uFE0E\uFE0F\u200D]+$/u;
  // A draft ending mid-sentence (a word, a number, a comma, an opened bracket) goes on with a
  // space; one ending a sentence, a hashtag, a mention or an emoji gets the starter on a new line.
  const MID_SENTENCE = /[\p{L}\p{N}\p{M},;:([{«“‘\-–—/&+]$/u;

  /** The separators for `text` inserted between `before` (the caret's line up to the caret;
      '' at the start of a line) and `after` (the rest of the draft from the caret, later lines
      after '\n'). `lineBreak`: whether the editor can take a new line (else a space).
      Returns {lead: 'line' | ' ' | '', trail: ' ' | ''}. */
  function starterGap(before, after, text, { lineBreak = true } = {}) {
    const gap = { lead: '', trail: '' };
    if (before && !/\s$/u.test(before)) {
      const atEnd = !after.trim();
      gap.lead = atEnd && lineBreak && endsThought(before) ? 'line' : ' ';
    }
    if (after && !/^\s/u.test(after) && !/\s$/u.test(text)) gap.trail = ' ';
    return gap;
  }

  /** Whether a line ends a thought: a sentence, a hashtag or mention, an emoji or symbol. */
  function endsThought(line) {
    const lastWord = line.split(/\s+/u).pop();
    if (/^[#@]/u.test(lastWord)) return true;
    return !MID_SENTENCE.test(line.replace(EMOJI_TAIL, ''));
  }

  const api = { starterGap };
  ns.starterGap = starterGap;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})(typeof globalThis !== 'undefined' ? globalThis : this);
