/* How much of a post's or a draft's words the server takes (shared/schemas/, tested equal), and
   the opening of a longer text cut to fit. X Premium allows 25,000 characters and Facebook about
   63,000: sent whole, such a post was refused for good ("text: must be at most 10000
   characters") and its share never logged. The opening is what is kept: the server reads a
   post's own words to score it, and its first 10,000 characters are plenty for that. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});

  const SHARE_TEXT_MAX = 10000; // share-create.request.schema.json, properties.text.maxLength
  const SUGGESTION_TEXT_MAX = 20000; // suggestion.request.schema.json, properties.text.maxLength
  const STORY_CHECK_TEXT_MAX = 10000; // story-draft-check.request.schema.json, properties.text.maxLength
  // A cut looks back this far for a space: a text with none so near (a long link, or a language
  // written without spaces) is cut at the limit itself rather than lose more of its words.
  const WORD_LOOKBACK = 200;

  /** The opening of `text` in at most `max` characters, ended at a word's end where one is near.
      Counted in UTF-16 units, never more than the server's count (code points); never half of
      an emoji or other character outside the BMP. */
  function openingOf(text, max) {
    if (typeof text !== 'string' || text.length <= max) return text;
    const head = text.slice(0, max);
    if (/\s/.test(text[max])) return head.trimEnd(); // the limit falls between two words
    const space = head.search(/\s\S*$/);
    if (space >= 0 && max - space <= WORD_LOOKBACK) return head.slice(0, space).trimEnd();
    return /[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head;
  }

  /** A share's body as it is sent: its text cut to what the server takes. Cut when sent, not
      when queued, so a share already waiting with a longer text (queued before this cut
      existed, or refused for it) goes through on its next try or Retry. */
  function sendableShare(body) {
    if (!body || typeof body.text !== 'string' || body.text.length <= SHARE_TEXT_MAX) return body;
    return { ...body, text: openingOf(body.text, SHARE_TEXT_MAX) };
  }

  const api = { SHARE_TEXT_MAX, SUGGESTION_TEXT_MAX, STORY_CHECK_TEXT_MAX, openingOf, sendableShare };
  ns.textLimits = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})(typeof globalThis !== 'undefined' ? globalThis : this);
