/* The extension's own words, in the browser's language (_locales/<lang>/messages.json: en, fr,
   de, es, nl, pt; English for any other). Server text (angles, topics) comes already in the
   draft's language. A key missing from every locale shows as itself, so it is noticed.
   Counts pick their wording with Intl.PluralRules: `<key>_one` / `<key>_other` in every locale
   (other CLDR categories, e.g. French "many" for millions, fall back to `_other`). */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});

  function message(key, subs) {
    try {
      return root.chrome.i18n.getMessage(key, subs.map(String));
    } catch {
      return ''; // No chrome.i18n (the extension was reloaded under the page, or node).
    }
  }

  /** The message for `key`, with $1, $2… replaced by `subs` (strings or numbers). */
  function t(key, ...subs) {
    return message(key, subs) || key;
  }

  /** The language the messages are actually shown in (the locale chrome.i18n picked, whose
      `langCode` names it), not merely the browser's: an Italian browser gets English. */
  function language() {
    return message('langCode', []) || 'en';
  }

  /** A number written the way the UI language writes it (1,234 · 1 234 · 1.234). */
  function number(n) {
    return Number(n).toLocaleString(language());
  }

  /** The message for `n` things: `<base>_one` or `<base>_other`, with $1 the number. */
  function tp(base, n, ...subs) {
    let category = 'other';
    try {
      category = new Intl.PluralRules(language()).select(Number(n));
    } catch {
      // An engine without Intl plural rules: "other" is right for most counts.
    }
    const args = [number(n), ...subs];
    return message(`${base}_${category}`, args) || message(`${base}_other`, args) || `${base}_other`;
  }

  /** Fill a page's static text from the messages: data-i18n sets textContent; data-i18n-title,
      -aria-label and -placeholder set those attributes (never HTML). `<html lang>` follows. */
  function localise(doc) {
    doc.documentElement.lang = language();
    for (const node of doc.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
    for (const attr of ['title', 'aria-label', 'placeholder']) {
      for (const node of doc.querySelectorAll(`[data-i18n-${attr}]`)) {
        node.setAttribute(attr, t(node.getAttribute(`data-i18n-${attr}`)));
      }
    }
  }

  Object.assign(ns, { t, tp, language, number, localise });
  if (typeof module !== 'undefined' && module.exports) module.exports = { t, tp, language, number, localise };
})(typeof globalThis !== 'undefined' ? globalThis : this);
