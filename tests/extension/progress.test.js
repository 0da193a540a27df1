'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { levelProgress, timeAgo } = require('../../extension/lib/progress.js');

test('level progress runs from the level start to the next level', () => {
  assert.equal(levelProgress(45, { min_points: 0, points_to_next: 5 }), 90);
  assert.equal(levelProgress(50, { min_points: 50, points_to_next: 150 }), 0);
  assert.equal(levelProgress(125, { min_points: 50, points_to_next: 75 }), 50);
  assert.equal(levelProgress(5000, { min_points: 1000, points_to_next: null }), 100);
});

test('times read like a person would say them', () => {
  const now = Date.parse('2026-11-22T12:00:00Z');
  assert.equal(timeAgo('2026-11-22T11:59:40Z', now), 'just now');
  assert.equal(timeAgo('2026-11-22T11:55:00Z', now), '5 min ago');
  assert.equal(timeAgo('2026-11-22T09:00:00Z', now), '3 h ago');
  assert.equal(timeAgo('2026-11-21T12:00:00Z', now), '1 day ago');
  assert.equal(timeAgo('2026-10-01T12:00:00Z', now), '2026-10-01');
  assert.equal(timeAgo('garbage', now), '');
});

test('a share is listed by its opening words, cut at a word, never by an id', () => {
  const { openingWords } = require('../../extension/lib/progress.js');
  assert.equal(openingWords('  Proud of the Atlas launch!\nMore below.'), 'Proud of the Atlas launch!');
  assert.equal(openingWords('This quarter I learned to say no to meetings, from Ana, who guards her mornings.'),
    'This quarter I learned to say no to meetings, from Ana, who…');
  assert.equal(openingWords('word '.repeat(3) + 'x'.repeat(80)).length, 61, 'one long word is cut where it must be');
  assert.equal(openingWords(null), '');
  assert.equal(openingWords('   '), '');
});
