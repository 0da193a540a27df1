'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const rules = require('../../extension/lib/outbox-rules.js');

test('backoff doubles from 2 s and stops at 5 minutes', () => {
  assert.deepEqual([1, 2, 3, 4].map(rules.backoffMs), [2000, 4000, 8000, 16000]);
  assert.equal(rules.backoffMs(30), 300000);
});

test('answers decide whether a share leaves the outbox', () => {
  assert.equal(rules.outcome(201), 'done');
  assert.equal(rules.outcome(200), 'done'); // a retry the server had already recorded
  for (const status of [0, 408, 429, 500, 502, 503, 401]) assert.equal(rules.outcome(status), 'retry', String(status));
  for (const status of [400, 409, 413, 422]) assert.equal(rules.outcome(status), 'drop', String(status));
});

test('a failed try keeps the key and moves the next try out', () => {
  const item = rules.newItem({ url: 'u' }, 'key-1', 1000);
  const failed = rules.afterFailure(item, 5000, 'offline');
  assert.equal(failed.key, 'key-1');
  assert.equal(failed.attempts, 1);
  assert.equal(failed.nextAttemptAt, 7000);
  assert.equal(failed.lastError, 'offline');
  const twice = rules.afterFailure(failed, 7000, 'offline');
  assert.equal(twice.nextAttemptAt, 11000);
});

test('only due items are tried, and the wake-up waits for the next one', () => {
  const a = { ...rules.newItem({}, 'a', 0), nextAttemptAt: 100 };
  const b = { ...rules.newItem({}, 'b', 0), nextAttemptAt: 500 };
  assert.deepEqual(rules.due([a, b], 200).map((i) => i.key), ['a']);
  assert.equal(rules.nextWakeMs([a, b], 200), 0);
  assert.equal(rules.nextWakeMs([b], 200), 300);
  assert.equal(rules.nextWakeMs([], 200), null);
});
