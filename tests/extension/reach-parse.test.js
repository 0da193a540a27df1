'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { parseCount, metricOf, readText, readCounts } = require('../../extension/lib/reach-parse.js');

const NNBSP = '\u202f';

test('numbers in every separator style LinkedIn uses', () => {
  const cases = {
    '7': 7,
    '1,234': 1234,
    '1.234': 1234,
    [`1${NNBSP}234`]: 1234,
    '1\u00a0234': 1234,
    '12 345 678': 12345678,
    '1.2K': 1200,
    '1,2 k': 1200,
    '12 mil': 12000,
    '1,2 M': 1200000,
    '3,4 Mio.': 3400000,
    '2,5 mln': 2500000,
    '1,5 mi': 1500000,
    '15K': 15000
  };
  for (const [text, expected] of Object.entries(cases)) assert.equal(parseCount(text), expected, text);
});

test('what cannot be read is null, not zero', () => {
  for (const text of ['', 'Comment', 'Like', '1.5', '1,23,4', 'reactions', null, undefined, '12abc']) {
    assert.equal(parseCount(text), null, String(text));
  }
});

test('counts with words around them, in six languages', () => {
  const cases = [
    ['252 reactions', 'reactions', 252],
    ['18 comments', 'comments', 18],
    ['3 reposts', 'reposts', 3],
    ['1,234 impressions', 'impressions', 1234],
    [`1${NNBSP}234 réactions`, 'reactions', 1234],
    ['12 commentaires', 'comments', 12],
    ['4 republications', 'reposts', 4],
    [`2${NNBSP}345 impressions`, 'impressions', 2345],
    ['1.234 Reaktionen', 'reactions', 1234],
    ['5 Kommentare', 'comments', 5],
    ['1,2 Tsd. Impressionen', 'impressions', 1200],
    ['12 mil reacciones', 'reactions', 12000],
    ['7 comentarios', 'comments', 7],
    ['2 veces compartido', 'reposts', 2],
    ['1.234 impresiones', 'impressions', 1234],
    ['45 reacties', 'reactions', 45],
    ['6 opmerkingen', 'comments', 6],
    ['1.234 weergaven', 'impressions', 1234],
    ['1,2 mil reações', 'reactions', 1200],
    ['9 comentários', 'comments', 9],
    ['3 compartilhamentos', 'reposts', 3],
    ['1,2 M impressões', 'impressions', 1200000]
  ];
  for (const [text, metric, value] of cases) {
    assert.deepEqual(readText(text), { metric, value, raw: text }, text);
  }
});

test('"X and 41 others" means 42, in each language', () => {
  const cases = [
    'Ann Lee and 41 others',
    'Ann Lee et 41 autres personnes',
    'Ann Lee und 41 weitere Personen',
    'Ann Lee y 41 personas más',
    'Ann Lee en 41 anderen',
    'Ann Lee e outras 41 pessoas'
  ];
  for (const text of cases) assert.deepEqual(readText(text), { metric: 'reactions', value: 42, raw: text }, text);
  assert.equal(readText('Ann Lee and 1,204 others').value, 1205);
});

test('buttons without numbers and unrelated texts are not counts', () => {
  for (const text of ['Comment', 'Repost', 'Like', 'Send', 'Follow', '2h', 'Posted 3 days ago', 'Reactions']) {
    assert.equal(readText(text), null, text);
  }
  for (const text of ['View analytics', 'View 3 more comments', 'Load 12 previous comments']) {
    assert.equal(readText(text), null, text);
  }
  assert.equal(metricOf('Send'), null);
  assert.deepEqual(readText('Impressions: 1,234'), { metric: 'impressions', value: 1234, raw: 'Impressions: 1,234' });
});

test('readCounts keeps the first reading of each metric and leaves the unknown out', () => {
  const counts = readCounts(['Like', '252 reactions', '18 comments', '19 comments', 'Send']);
  assert.deepEqual(counts, {
    reactions: { value: 252, raw: '252 reactions' },
    comments: { value: 18, raw: '18 comments' }
  });
  assert.equal('reposts' in counts, false);
});
