/* Which story a draft tells, by the links in it: a personal tracked link (/r/<code>) or the
   story's own link (host without www, path without a trailing slash); and which story its
   words seem to name (only offered to the employee, never picked for them). Pure: used by
   the service worker and tested with node. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});
  const URL_IN_TEXT = /https?:\/\/[^\s<>"')\]]+/gi;

  function normal(url) {
    try {
      const u = new URL(String(url).replace(/[.,;:!?]+$/, ''));
      return u.hostname.replace(/^www\./, '').toLowerCase() + u.pathname.replace(/\/+$/, '');
    } catch {
      return null;
    }
  }

  /** The first of `stories` whose tracked link or link appears in `text`, or null. */
  function find(text, stories) {
    const links = new Set((String(text).match(URL_IN_TEXT) || []).map(normal).filter(Boolean));
    if (!links.size || !Array.isArray(stories)) return null;
    for (const story of stories) {
      if (story.tracked_link && links.has(normal(story.tracked_link))) return story;
    }
    for (const story of stories) {
      if (story.link && links.has(normal(story.link))) return story;
    }
    return null;
  }

  // Words too common in story titles to say which story a draft is about (six languages).
  const COMMON = new Set(('this that with from your what have about more than into over after when '
    + 'which their there were will just been they them some our ours team news company today year '
    + 'quarter month week dans pour avec plus nous vous votre notre mais sont être cette quoi '
    + 'über nach eine einer einen dieses diese dies unser unsere euer eure heute jahr woche wir '
    + 'para como pero este esta estos nuestro nuestra sobre desde cuando porque está equipo '
    + 'voor naar maar deze onze over met zijn wordt jaar '
    + 'sobre nosso nossa esta isso mais quando equipa equipe').split(' '));
  const WORD = /[\p{L}\p{N}]+/gu;

  function fold(word) {
    return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  }

  /** The words of a story's title that can tell it apart: four letters or more, not common. */
  function titleWords(title) {
    const words = (String(title || '').match(WORD) || []).map(fold);
    return [...new Set(words.filter((w) => w.length >= 4 && !COMMON.has(w)))];
  }

  /** The draft's words (folded), and those written with a capital inside a sentence: names. */
  function draftWords(text) {
    const all = new Set();
    const names = new Set();
    for (const m of String(text).matchAll(WORD)) {
      const word = fold(m[0]);
      all.add(word);
      const before = String(text).slice(Math.max(0, m.index - 3), m.index);
      const midSentence = m.index > 0 && !/[.!?\n]\s*$|^\s*$/.test(before);
      if (midSentence && /^\p{Lu}/u.test(m[0])) names.add(word);
    }
    return { all, names };
  }

  /** The story whose title the draft's words seem to name, or null: two of its telling words,
      or one written as a name mid-sentence ("so proud of the Atlas team"). The most words
      wins; a tie names none, as the words cannot tell. */
  function likely(text, stories) {
    if (!Array.isArray(stories) || !String(text || '').trim()) return null;
    const { all, names } = draftWords(text);
    let best = null;
    let bestScore = 0;
    let tie = false;
    const words = [...all];
    // A title word of five letters or more also matches its longer forms (launch: launched).
    const forms = (w) => (w.length >= 5 ? words.filter((d) => d.startsWith(w)) : all.has(w) ? [w] : []);
    for (const story of stories) {
      const hits = titleWords(story.title).map(forms).filter((found) => found.length);
      const score = hits.length + (hits.some((found) => found.some((d) => names.has(d))) ? 1 : 0);
      if (score < 2) continue;
      if (score > bestScore) [best, bestScore, tie] = [story, score, false];
      else if (score === bestScore) tie = true;
    }
    return tie ? null : best;
  }

  const api = { find, likely, normal };
  ns.storyMatch = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})(typeof globalThis !== 'undefined' ? globalThis : this);
