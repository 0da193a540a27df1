/* Reading LinkedIn's visible counts in the six UI languages we support: "1,234", "1.234",
   "1 234" (narrow no-break space), "1.2K", "1,2 k", "12 mil", "1,2 M", "X and 41 others".
   Pure functions, no DOM: the reader (content/reach-reader.js) hands them texts. A text that
   cannot be read is null (unknown), never 0. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});

  const SPACES = /[\s\u00a0\u202f\u2009\u2007]/g;
  // Multiplier words after a number, lower case. "mil" is Spanish/Portuguese for thousand;
  // "mi" Portuguese for million; "mio"/"mln" German/Dutch.
  const SUFFIX = { k: 1e3, mil: 1e3, tsd: 1e3, m: 1e6, mi: 1e6, mio: 1e6, mln: 1e6, million: 1e6, millions: 1e6, b: 1e9, md: 1e9 };
  const NUMBER = /(\d[\d\s\u00a0\u202f\u2009\u2007.,']*)(?:\s*(k|mil|tsd|mio|mln|millions?|mi|md|m|b)\.?)?(?![\p{L}\d])/iu;

  /** A count as LinkedIn writes it, in any of its UI languages, or null if unreadable. */
  function parseCount(text) {
    if (typeof text !== 'string') return null;
    const found = text.match(NUMBER);
    if (!found) return null;
    const digits = found[1].replace(SPACES, '').replace(/[.,']+$/, '');
    const multiplier = found[2] ? SUFFIX[found[2].toLowerCase()] : 1;
    let value;
    if (multiplier !== 1) {
      // "1.2K", "1,2 k": one separator, always the decimal one.
      if (!/^\d+(?:[.,]\d+)?$/.test(digits)) return null;
      value = Math.round(Number(digits.replace(',', '.')) * multiplier);
    } else if (/^\d+$/.test(digits)) {
      value = Number(digits);
    } else if (/^\d{1,3}(?:([.,'])\d{3})(?:\1\d{3})*$/.test(digits)) {
      value = Number(digits.replace(/[.,']/g, '')); // "1,234", "1.234", "1'234": thousands
    } else {
      return null; // "1.5" with no K after it is not a count anyone writes
    }
    return Number.isSafeInteger(value) ? value : null;
  }

  // "Ann and 41 others" (the reactions line) means 42 people, in each language.
  const OTHERS = [
    /\band\s+(\S+)\s+others?\b/i, // en
    /\bet\s+(\S+)\s+autres?\b/i, // fr
    /\bund\s+(\S+)\s+(?:weitere|andere)/i, // de
    /\by\s+(\S+)\s+(?:personas\s+)?más\b/i, // es
    /\by\s+(\S+)\s+otr[oa]s?\b/i, // es
    /\ben\s+(\S+)\s+(?:anderen?|andere personen)\b/i, // nl
    /\be\s+(?:mais\s+|outras\s+|outros\s+)(\S+)/i // pt: "e mais 41", "e outras 41 pessoas"
  ];

  // Words naming each count (lower case, accents kept), per language.
  const WORDS = {
    impressions: /impression|impresi|impress[õo]|impressie|vues?\b|views?\b|aufrufe|weergave|visualiza/i,
    reposts: /repost|republica|partage|geteilt|compartid|compartilhament|gedeeld|\bshares?\b/i,
    comments: /comment|kommentar|comentario|comentário|opmerking/i,
    reactions: /reaction|réaction|reaktion|reacci[oó]n|reaç|reacç|reactie|\blikes?\b/i
  };

  const LEADING_NUMBER = /^[^\d\p{L}]*\d/u;
  const LABEL_THEN_NUMBER = /^[\p{L} ]{1,30}[:：]\s*\d/u;

  /** Which count a text names ("252 reactions" -> reactions), or null. */
  function metricOf(text) {
    if (typeof text !== 'string') return null;
    for (const [metric, pattern] of Object.entries(WORDS)) if (pattern.test(text)) return metric;
    if (OTHERS.some((p) => p.test(text))) return 'reactions';
    return null;
  }

  /** Read one text: {metric, value, raw} when it names a count and carries a number. */
  function readText(text) {
    // Kept as shown (narrow no-break spaces included) so a parser fix can be replayed.
    const raw = String(text || '').replace(/[ \t\n\r\f\v]+/g, ' ').trim();
    if (!raw || raw.length > 120) return null;
    const metric = metricOf(raw);
    if (!metric) return null;
    for (const pattern of OTHERS) {
      const m = raw.match(pattern);
      if (m) {
        const others = parseCount(m[1]);
        if (others !== null) return { metric: 'reactions', value: others + 1, raw };
      }
    }
    // A count leads its label ("252 reactions") or follows it ("Impressions: 1,234");
    // "View 3 more comments" is a link, not a count.
    if (!LEADING_NUMBER.test(raw) && !LABEL_THEN_NUMBER.test(raw)) return null;
    const value = parseCount(raw);
    return value === null ? null : { metric, value, raw };
  }

  /**
   * The counts in a list of texts (a post's labels and short visible texts), first reading of
   * each metric wins; a metric never read is absent (unknown), never 0.
   */
  function readCounts(texts) {
    const counts = {};
    for (const text of texts) {
      const found = readText(text);
      if (found && !counts[found.metric]) counts[found.metric] = { value: found.value, raw: found.raw.slice(0, 200) };
    }
    return counts;
  }

  const api = { parseCount, metricOf, readText, readCounts };
  Object.assign(ns, api);
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})(typeof globalThis !== 'undefined' ? globalThis : this);
