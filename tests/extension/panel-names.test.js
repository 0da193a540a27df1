'use strict';
/* content/panel-names.js: which reasons the panel names under a verdict, and how much of a
   starter it previews. The real panel is in tests/e2e/test_panel_text.py. */
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const SOURCE = fs.readFileSync(path.resolve(__dirname, '../../extension/content/panel-names.js'), 'utf8');
const MESSAGES = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../extension/_locales/en/messages.json'), 'utf8'));

function load() {
  const t = (key, ...args) => (MESSAGES[key] ? MESSAGES[key].message.replace(/\$(\d)/g, (_, n) => args[n - 1]) : key);
  const sandbox = { Firsthand: { dom: { el: () => null }, t, language: () => 'en' } };
  sandbox.globalThis = sandbox;
  vm.runInNewContext(SOURCE, sandbox);
  return sandbox.Firsthand.panelNames;
}

const WORDING = { id: 'wording', label: "worded like people's own posts", leans: 'personal' };
const NO_I = { id: 'no_first_person', label: 'no first-person voice', leans: 'corporate' };
const THANKS = { id: 'thanks_by_name', label: 'thanks people by name', leans: 'personal' };

test('a verdict names only the reasons that lean its way', () => {
  const { verdictReasons } = load();
  assert.equal(verdictReasons({ label: 'personal', signals: [WORDING, NO_I, THANKS] }),
    "worded like people's own posts · thanks people by name");
  assert.equal(verdictReasons({ label: 'corporate', signals: [WORDING, NO_I] }), 'no first-person voice');
});

test('with no reason for it, the strongest against it is marked as one', () => {
  const { verdictReasons } = load();
  assert.equal(verdictReasons({ label: 'personal', signals: [NO_I] }), 'though: no first-person voice');
  assert.equal(verdictReasons({ label: 'personal', signals: [] }), '');
});

test('too early: the strongest signal is named as what the draft leans to so far', () => {
  const { earlyReasons } = load();
  const CTA = { id: 'call_to_action', label: 'marketing call to action', leans: 'corporate' };
  assert.equal(earlyReasons({ label: 'personal', too_early: true, signals: [CTA, WORDING] }), 'so far: marketing call to action');
  assert.equal(earlyReasons({ label: 'personal', too_early: true, signals: [] }), '');
});

test('a starter preview ends between words, without a dangling colon', () => {
  const { starterPreview } = load();
  assert.equal(starterPreview('Has anyone else '), 'Has anyone else');
  assert.equal(starterPreview('What I learned: '), 'What I learned');
  assert.equal(starterPreview('The detail I keep coming back to: '), 'The detail I keep');
  assert.equal(starterPreview('Ce que je retiens de ces trois jours : '), 'Ce que je retiens');
});

test('a first word longer than the preview is cut inside it, to the preview\'s length', () => {
  const { starterPreview } = load();
  assert.equal(starterPreview('Unvorhergesehenerweise passiert'), 'Unvorhergesehenerw');
  assert.equal(starterPreview('Selbstverständlichkeit'), 'Selbstverständlich');
  assert.equal(starterPreview('😀'.repeat(30)), '😀'.repeat(18));
});
