'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const rules = require('../../extension/lib/outbox-rules.js');
const { failure } = require('../../extension/lib/failures.js');

const ok = (status) => ({ ok: true, status, data: {} });

test('backoff doubles from 2 s and stops at 5 minutes', () => {
  assert.deepEqual([1, 2, 3, 4].map(rules.backoffMs), [2000, 4000, 8000, 16000]);
  assert.equal(rules.backoffMs(30), 300000);
});

test('the kind of an answer decides whether a share waits, leaves or is refused', () => {
  assert.equal(rules.outcome(ok(201)), 'done');
  assert.equal(rules.outcome(ok(200)), 'done'); // a retry the server had already recorded
  for (const kind of ['offline', 'timeout', 'not_connected', 'unauthorized', 'rate_limited', 'server_error']) {
    assert.equal(rules.outcome(failure(kind)), 'retry', kind);
  }
  for (const kind of ['bad_request', 'extension_error']) assert.equal(rules.outcome(failure(kind)), 'failed', kind);
});

test('a failed try keeps the key and moves the next try out, Retry-After included', () => {
  const item = rules.newItem({ url: 'u' }, 'key-1', 1000);
  const failed = rules.afterFailure(item, 5000, failure('offline'));
  assert.equal(failed.key, 'key-1');
  assert.equal(failed.attempts, 1);
  assert.equal(failed.nextAttemptAt, 7000);
  assert.equal(failed.lastKind, 'offline');
  assert.equal(failed.lastError, 'The Firsthand server cannot be reached.');
  const twice = rules.afterFailure(failed, 7000, failure('server_error'));
  assert.equal(twice.nextAttemptAt, 11000);
  const limited = rules.afterFailure(twice, 11000, failure('rate_limited', null, { retryAfterMs: 60000 }));
  assert.equal(limited.nextAttemptAt, 71000);
});

test('a refused share keeps its key and says why; Retry makes it due now with the same key', () => {
  const item = rules.newItem({ url: 'u' }, 'key-2', 1000);
  const refused = rules.asFailed(item, 3000, failure('bad_request', 'url is not a post.', { status: 422 }));
  assert.deepEqual([refused.key, refused.error, refused.status, refused.failedAt], ['key-2', 'url is not a post.', 422, 3000]);
  const again = rules.forRetry(refused, 9000);
  assert.deepEqual([again.key, again.attempts, again.nextAttemptAt, again.queuedAt], ['key-2', 0, 9000, 1000]);
  assert.equal(again.error, undefined);
});

test('only due items are tried, and the wake-up is at the next one', () => {
  const a = { ...rules.newItem({}, 'a', 0), nextAttemptAt: 100 };
  const b = { ...rules.newItem({}, 'b', 0), nextAttemptAt: 500 };
  assert.deepEqual(rules.due([a, b], 200).map((i) => i.key), ['a']);
  assert.equal(rules.nextWakeAt([a, b]), 100);
  assert.equal(rules.nextWakeAt([b]), 500);
  assert.equal(rules.nextWakeAt([]), null);
});
