'use strict';
/* What goes around a starter inserted at the caret: never glued onto the draft's words. */
const test = require('node:test');
const assert = require('node:assert/strict');
const { starterGap } = require('../../extension/lib/starter-gap.js');

const STARTER = 'Mais alguém já… ';

test('at the end of a draft that ends a thought, the starter begins a new line', () => {
  for (const draft of ['…#backend #StudioTintaRoja', 'trots op ons team 🎉', 'We shipped it.',
    'Wer noch?', 'Proud of it ❤️', 'Thanks @Priya', 'Done (finally)', 'Un grand merci !']) {
    assert.deepEqual(starterGap(draft, '', STARTER), { lead: 'line', trail: '' }, draft);
  }
  assert.equal(starterGap('We shipped it.', '  \n ', STARTER).lead, 'line', 'blank lines after');
});

test('mid-sentence, mid-draft or without line breaks, a single space goes first', () => {
  assert.equal(starterGap('and then', '', STARTER).lead, ' ', 'a draft ending mid-sentence');
  assert.equal(starterGap('We thank,', '', STARTER).lead, ' ');
  assert.equal(starterGap('We shipped it.', '\nMore to say.', STARTER).lead, ' ', 'text after the caret');
  assert.equal(starterGap('#StudioTintaRoja', '', STARTER, { lineBreak: false }).lead, ' ', 'an editor without new lines');
});

test('nothing at the start of a line or after whitespace', () => {
  assert.deepEqual(starterGap('', '', STARTER), { lead: '', trail: '' }, 'an empty editor');
  assert.deepEqual(starterGap('', 'Hello team', STARTER), { lead: '', trail: '' }, 'the start of the draft');
  assert.equal(starterGap('Hello ', 'team', STARTER).lead, '');
  assert.equal(starterGap('Hello\u00a0', '', STARTER).lead, '', 'the space an editor keeps as U+00A0');
  assert.equal(starterGap('🎉 ', '', STARTER).lead, '');
});

test('never glued onto the word after the caret either', () => {
  assert.deepEqual(starterGap('wo', 'rd and more', 'Who helped?'), { lead: ' ', trail: ' ' }, 'inside a word');
  assert.deepEqual(starterGap('Hello ', 'team', 'Who helped?'), { lead: '', trail: ' ' });
  assert.equal(starterGap('wo', 'rd', 'Who helped? ').trail, '', 'the starter ends in a space already');
  assert.equal(starterGap('Hello', ' team', 'Who helped?').trail, '', 'a space after the caret');
  assert.equal(starterGap('Hello', '\nteam', 'Who helped?').trail, '', 'the end of a line');
});
