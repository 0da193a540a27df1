'use strict';
/* A control whose aria-label names more than its visible words (Retry → "Retry logging …"):
   speech-input users say what they see, so the name must begin with those words in every
   locale (WCAG 2.5.3, axe's label-content-name-mismatch). es "Agradecer" was named "Dar las
   gracias a …", de "Erneut versuchen" "… erneut erfassen". */
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const EXTENSION = path.join(__dirname, '..', '..', 'extension');
const LANGS = ['en', 'fr', 'de', 'es', 'nl', 'pt'];
const message = (lang) => {
  const data = JSON.parse(fs.readFileSync(path.join(EXTENSION, '_locales', lang, 'messages.json'), 'utf8'));
  return (key) => data[key].message;
};

// Each aria-label with a placeholder that the popup builds with t(...), and the message of
// the words shown on the same control.
const SHOWN_WITH = {
  thankLabel: 'thankButton',
  thankBackLabel: 'thankBackButton',
  retryLabel: 'retry',
  logWithoutStoryLabel: 'logWithoutStory',
  discardLabel: 'discard',
  badgeViewLabel: 'badgeView',
  badgeAddLabel: 'badgeAdd'
};
// Labels of controls that show no words of their own (a text area's placeholder is not its name).
const NO_VISIBLE_WORDS = new Set(['messageTo']);

test('every aria-label the popup builds from a message is listed here', () => {
  const dir = path.join(EXTENSION, 'popup');
  const found = new Set();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const m of text.matchAll(/'aria-label':\s*t\('([A-Za-z0-9_]+)',/g)) found.add(m[1]);
  }
  assert.ok(found.has('retryLabel'), 'the scan finds the labels');
  const unlisted = [...found].filter((key) => !(key in SHOWN_WITH) && !NO_VISIBLE_WORDS.has(key));
  assert.deepEqual(unlisted, []);
});

test('in every locale, each such label begins with the words its control shows', () => {
  const wrong = [];
  for (const lang of LANGS) {
    const m = message(lang);
    for (const [label, shown] of Object.entries(SHOWN_WITH)) {
      const name = m(label).replace(/\$1/g, 'Ana Lima').toLocaleLowerCase(lang);
      if (!name.startsWith(m(shown).toLocaleLowerCase(lang))) wrong.push(`${lang}: ${label} "${m(label)}" vs "${m(shown)}"`);
    }
  }
  assert.deepEqual(wrong, []);
});
