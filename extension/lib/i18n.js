/* The extension's own words, in the browser's language (_locales/<lang>/messages.json: en, fr,
   de, es, nl, pt; English for any other). Server text (angles, topics) comes already in the
   draft's language. A key missing from every locale shows as itself, so it is noticed.
   Counts pick their wording with Intl.PluralRules: `<key>_one` / `<key>_other` in every locale
   (other CLDR categories, e.g. French "many" for millions, fall back to `_other`). */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});

  function message(key, subs) {
    let text = '';
    try {
      text = root.chrome.i18n.getMessage(key, subs.map(String));
    } catch {
      // No chrome.i18n (the extension was reloaded under the page, or node).
    }
    return text || shipped(key, subs);
  }

  /* chrome.i18n.getMessage once answered '' for keys every locale has, in the popup of a
     loaded e2e run. Chromium's renderer asks the browser for an extension's messages once per
     process (on the first getMessage or localised CSS there) and keeps whatever that answer
     was for the process's life, so one empty answer hides every message of every page in it.
     So a key chrome.i18n does not give is read from the extension's own _locales files,
     chosen as Chrome chooses (the UI language, its base language, then English), rather than
     shown as a raw key. Extension pages read them at once; content scripts cannot (no
     web_accessible_resources, on purpose: pages would see the extension), so they ask the
     service worker for them as soon as they find the messages gone. */
  let catalogue = null;

  function shipped(key, subs) {
    catalogue = catalogue || catalogueOf(locales().map((locale) => readJson(`_locales/${locale}/messages.json`)));
    const text = catalogue[key.toLowerCase()];
    if (typeof text !== 'string') return '';
    return text.replace(/\$(\$|[1-9])/g, (_, n) => (n === '$' ? '$' : String(subs[n - 1] ?? '')));
  }

  /** One catalogue {lowercased name: message} from messages.json files, most specific first. */
  function catalogueOf(files) {
    const found = {};
    for (const file of files) {
      for (const [name, entry] of Object.entries(file || {})) {
        const lower = name.toLowerCase();
        if (!(lower in found) && entry && typeof entry.message === 'string') found[lower] = entry.message;
      }
    }
    return found;
  }

  /** The _locales folders Chrome would draw on, most specific first: fr_FR, fr, en. */
  function locales() {
    let ui;
    try {
      ui = String(root.chrome.i18n.getUILanguage() || '');
    } catch {
      return ['en'];
    }
    const [lang, region] = ui.split(/[-_]/);
    if (!/^[a-z]{2,3}$/i.test(lang || '')) return ['en'];
    const base = lang.toLowerCase();
    const own = /^[a-z0-9]{2,4}$/i.test(region || '') ? [`${base}_${region.toUpperCase()}`, base] : [base];
    return [...own.filter((l) => l !== 'en'), 'en'];
  }

  function readJson(file) {
    try {
      const request = new root.XMLHttpRequest();
      request.open('GET', root.chrome.runtime.getURL(file), false); // t() answers at once
      request.send();
      return request.status === 200 || (request.status === 0 && request.responseText) ? JSON.parse(request.responseText) : {};
    } catch {
      return {}; // no such locale, a content script, a service worker, or node
    }
  }

  /** In a content script whose renderer lost the messages ('@@extension_id', which every
      load carries, answers ''), fetch the catalogue from the service worker once. The promise
      settles when t() has every word it will get (at once where nothing was lost): a script
      that speaks as soon as it loads (content/connect.js) waits for it. */
  function recoverInContentScript() {
    try {
      const { chrome, location } = root;
      if (!location || !chrome.runtime.id || String(location.href).startsWith(chrome.runtime.getURL(''))) return Promise.resolve(); // its own page
      if (chrome.i18n.getMessage('@@extension_id')) return Promise.resolve();
      return chrome.runtime.sendMessage({ type: 'messages', locales: locales() })
        .then((reply) => { if (reply && reply.ok) catalogue = reply.data; })
        .catch(() => {});
    } catch {
      return Promise.resolve(); // no extension context: node, or reloaded under the page
    }
  }

  /** The message for `key`, with $1, $2… replaced by `subs` (strings or numbers). */
  function t(key, ...subs) {
    return message(key, subs) || key;
  }

  /** The language the messages are actually shown in (the locale chrome.i18n picked, whose
      `langCode` names it), not merely the browser's: an Italian browser gets English. Where
      the browser's own language is a regional form of it (pt-BR, pt-PT, fr-CA, de-CH), that
      form: one Portuguese serves Brazil and Portugal, but each writes its numbers its way. */
  function language() {
    const shown = message('langCode', []) || 'en';
    let ui;
    try {
      ui = String(root.chrome.i18n.getUILanguage() || '').replace(/_/g, '-');
    } catch {
      return shown; // no chrome.i18n (node)
    }
    const base = (code) => code.split('-')[0].toLowerCase();
    const regional = /^[a-z]{2,3}-[a-z0-9]{2,8}$/i.test(ui) && base(ui) === base(shown);
    return regional ? ui : shown;
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

  // What ends a sentence in the extension's languages, closing quotes and brackets after it
  // included ("… (done.)" is one already).
  const SENTENCE_END = /[.!?…。！？]["'“”‘’«»)\]]*$/u;

  /** `text` as a sentence another can follow: a server's message that ends with no full stop
      ("text: must be at most 10000 characters") gets one, so the extension's own words after
      it ("It is kept in the Firsthand popup…") do not run on from it. */
  function sentence(text) {
    const said = String(text ?? '').trimEnd();
    return !said || SENTENCE_END.test(said) ? said : `${said}.`;
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

  const messagesReady = recoverInContentScript();
  Object.assign(ns, { t, tp, language, number, sentence, localise, catalogueOf, messagesReady });
  if (typeof module !== 'undefined' && module.exports) module.exports = { t, tp, language, number, sentence, localise, catalogueOf };
})(typeof globalThis !== 'undefined' ? globalThis : this);
