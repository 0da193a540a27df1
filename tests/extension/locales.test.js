'use strict';
/* Every word the extension shows comes from _locales/<lang>/messages.json in all six languages:
   each key the code or pages use exists everywhere, is translated (not empty, not the key), keeps
   its $1… placeholders, and counted messages have both their _one and _other forms. */
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const EXTENSION = path.join(__dirname, '..', '..', 'extension');
const LANGS = ['en', 'fr', 'de', 'es', 'nl', 'pt'];
const locale = (lang) => JSON.parse(fs.readFileSync(path.join(EXTENSION, '_locales', lang, 'messages.json'), 'utf8'));
const MESSAGES = Object.fromEntries(LANGS.map((lang) => [lang, locale(lang)]));

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === '_locales' ? [] : files(full);
    return /\.(js|html|json)$/.test(d.name) ? [full] : [];
  });
}
const SOURCES = files(EXTENSION).map((file) => ({ file: path.relative(EXTENSION, file), text: fs.readFileSync(file, 'utf8') }));

/** Keys the sources ask for: t('k'), tp('k', n) (k_one and k_other), data-i18n*="k", __MSG_k__. */
function usedKeys() {
  const used = new Map();
  const add = (key, file) => used.set(key, [...(used.get(key) || []), file]);
  for (const { file, text } of SOURCES) {
    for (const m of text.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)) add(m[1], file);
    for (const m of text.matchAll(/\btp\(\s*'([A-Za-z0-9_]+)'/g)) {
      add(`${m[1]}_one`, file);
      add(`${m[1]}_other`, file);
    }
    for (const m of text.matchAll(/data-i18n(?:-[a-z-]+)?="([A-Za-z0-9_]+)"/g)) add(m[1], file);
    for (const m of text.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) add(m[1], file);
  }
  return used;
}

test('the sources use a good number of keys (the scan itself works)', () => {
  const used = usedKeys();
  assert.ok(used.size > 150, `only ${used.size} keys found`);
  for (const key of ['optTitle', 'tabYou', 'storyWritingAbout', 'pointsToNext_one', 'extName']) {
    assert.ok(used.has(key), key);
  }
});

test('every key used in the code and pages exists in all six locales', () => {
  const missing = [];
  for (const [key, where] of usedKeys()) {
    for (const lang of LANGS) {
      if (!MESSAGES[lang][key]) missing.push(`${lang}: ${key} (${[...new Set(where)].join(', ')})`);
    }
  }
  assert.deepEqual(missing, []);
});

test('every locale has the same keys as English, and every message is used', () => {
  const english = Object.keys(MESSAGES.en).sort();
  for (const lang of LANGS) assert.deepEqual(Object.keys(MESSAGES[lang]).sort(), english, lang);
  const used = usedKeys();
  const everything = SOURCES.map((s) => s.text).join('\n');
  // Keys named in lookup tables (the panel's verdict and fallback keys) count as used.
  const unused = english.filter((key) => key !== 'langCode' && !used.has(key) && !everything.includes(`'${key}'`));
  assert.deepEqual(unused, []);
});

test('no message is empty or just its key, and placeholders are kept', () => {
  const problems = [];
  for (const lang of LANGS) {
    for (const [key, entry] of Object.entries(MESSAGES[lang])) {
      const text = entry.message;
      if (typeof text !== 'string' || !text.trim()) problems.push(`${lang}: ${key} is empty`);
      else if (text.trim() === key) problems.push(`${lang}: ${key} is its own key`);
      const holes = (s) => [...new Set(s.match(/\$[1-9]/g) || [])].sort().join(' ');
      if (holes(text) !== holes(MESSAGES.en[key].message)) problems.push(`${lang}: ${key} placeholders ${holes(text)}`);
      // chrome.i18n reads "$name$" as a named placeholder: a lone $ must be $$.
      if (/\$(?![1-9$])/.test(text.replace(/\$\$/g, ''))) problems.push(`${lang}: ${key} has a stray $`);
    }
  }
  assert.deepEqual(problems, []);
});

test('each locale names its own language, and is not English in disguise', () => {
  for (const lang of LANGS) assert.match(MESSAGES[lang].langCode.message, new RegExp(`^${lang}(-[A-Z]{2})?$`));
  for (const lang of LANGS.filter((l) => l !== 'en')) {
    const same = Object.keys(MESSAGES.en).filter((key) => MESSAGES[lang][key].message === MESSAGES.en[key].message
      && /[a-z]{4,} [a-z]{4,}/i.test(MESSAGES.en[key].message));
    assert.deepEqual(same, [], `${lang} copies English`);
  }
});

test('counted messages come in pairs, and the pages start in English before they are localised', () => {
  for (const lang of LANGS) {
    const keys = Object.keys(MESSAGES[lang]);
    for (const key of keys.filter((k) => k.endsWith('_one'))) assert.ok(keys.includes(key.replace(/_one$/, '_other')), `${lang} ${key}`);
    for (const key of keys.filter((k) => k.endsWith('_other'))) assert.ok(keys.includes(key.replace(/_other$/, '_one')), `${lang} ${key}`);
  }
  for (const { file, text } of SOURCES.filter((s) => s.file.endsWith('.html'))) {
    for (const m of text.matchAll(/data-i18n="([A-Za-z0-9_]+)"[^>]*>([^<]*)</g)) {
      assert.equal(m[2].trim(), MESSAGES.en[m[1]].message.trim(), `${file}: ${m[1]}`);
    }
  }
});

test('French uses the typographic apostrophe and says « publication », not « post »', () => {
  const problems = [];
  for (const [key, { message }] of Object.entries(MESSAGES.fr)) {
    if (message.includes("'")) problems.push(`${key}: straight apostrophe`);
    if (/\bposts?\b/i.test(message)) problems.push(`${key}: "post"`);
  }
  assert.deepEqual(problems, []);
});

test('the store description fits the Chrome Web Store (at most 132 characters) in every language', () => {
  for (const lang of LANGS) {
    const description = MESSAGES[lang].extDescription.message;
    assert.ok([...description].length <= 132, `${lang}: ${[...description].length} characters`);
  }
});
