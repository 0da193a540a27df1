/* The extension's own words, in the browser's language (_locales/<lang>/messages.json: en, fr,
   de, es, nl, pt; English for any other). Server text (angles, topics) comes already in the
   draft's language. A key missing from every locale shows as itself, so it is noticed. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});

  /** The message for `key`, with $1, $2… replaced by `subs` (strings or numbers). */
  function t(key, ...subs) {
    try {
      const message = root.chrome.i18n.getMessage(key, subs.map(String));
      if (message) return message;
    } catch {
      // No chrome.i18n (the extension was reloaded under the page): say the key.
    }
    return key;
  }

  ns.t = t;
  if (typeof module !== 'undefined' && module.exports) module.exports = { t };
})(typeof globalThis !== 'undefined' ? globalThis : this);
