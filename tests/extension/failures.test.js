'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { KINDS, kindOf, failure, retryAfterMs } = require('../../extension/lib/failures.js');

test('every HTTP failure has a kind', () => {
  assert.equal(kindOf(0), 'offline');
  assert.equal(kindOf(401), 'unauthorized');
  assert.equal(kindOf(429), 'rate_limited');
  for (const status of [408, 500, 502, 503, 504]) assert.equal(kindOf(status), 'server_error', String(status));
  for (const status of [400, 403, 404, 409, 413, 415, 422]) assert.equal(kindOf(status), 'bad_request', String(status));
});

test('a failure carries its kind and a message a person can act on', () => {
  for (const kind of Object.keys(KINDS)) {
    const f = failure(kind);
    assert.deepEqual([f.ok, f.kind], [false, kind]);
    assert.ok(f.error.length > 10, kind);
  }
  assert.equal(failure('bad_request', 'url is not a post.', { status: 422 }).error, 'url is not a post.');
  assert.equal(failure('bad_request', null, { status: 422 }).status, 422);
  assert.throws(() => failure('nope'), /Unknown failure kind/);
});

test('Retry-After is read in seconds or as an HTTP date', () => {
  assert.equal(retryAfterMs('30'), 30000);
  assert.equal(retryAfterMs('0'), 0);
  const now = Date.parse('2026-11-01T10:00:00Z');
  assert.equal(retryAfterMs('Sun, 01 Nov 2026 10:01:00 GMT', now), 60000);
  assert.equal(retryAfterMs('Sun, 01 Nov 2026 09:00:00 GMT', now), 0);
  for (const bad of [null, undefined, '', 'soon']) assert.equal(retryAfterMs(bad), null, String(bad));
});

test('a 4xx that is not the API\'s own JSON error is no refusal: it is unreadable, and waits', () => {
  for (const status of [400, 403, 404, 409, 413, 422]) assert.equal(kindOf(status, false), 'unreadable', String(status));
  // By status alone still: a gateway's 502 page is a server error, a 429 a rate limit.
  assert.deepEqual([kindOf(502, false), kindOf(429, false), kindOf(401, false)], ['server_error', 'rate_limited', 'unauthorized']);
});
