'use strict';
/* The servers' clock against the computer's (extension/lib/server-clock.js), learned from the
   Date header of the Firsthand API's answers. */
const test = require('node:test');
const assert = require('node:assert/strict');
const { offsetFrom, worthKeeping, onServerClock } = require('../../extension/lib/server-clock.js');

const SERVER = Date.UTC(2026, 11, 5, 9, 0, 0);

test('the offset is the Date header (the middle of its second) less the middle of the round trip', () => {
  const header = new Date(SERVER).toUTCString();
  // a computer 3 hours slow, a 200 ms round trip
  const sent = SERVER - 3 * 3600000 - 100;
  assert.equal(offsetFrom(header, sent, sent + 200), 3 * 3600000 + 500);
  assert.equal(offsetFrom(header, SERVER - 100, SERVER + 100), 500); // in step: within a second
});

test('no offset from a missing or broken header, or a round trip that ends before it starts', () => {
  assert.equal(offsetFrom(null, SERVER, SERVER), null);
  assert.equal(offsetFrom('not a date', SERVER, SERVER), null);
  assert.equal(offsetFrom(new Date(SERVER).toUTCString(), SERVER, SERVER - 1), null);
});

test('an offset is written when none is kept, when it moved over 2 s, or hourly', () => {
  assert.ok(worthKeeping(null, 400, SERVER));
  assert.ok(!worthKeeping({ ms: 400, at: SERVER }, 1400, SERVER + 1000));
  assert.ok(worthKeeping({ ms: 400, at: SERVER }, 4000, SERVER + 1000));
  assert.ok(worthKeeping({ ms: 400, at: SERVER }, 400, SERVER + 3600001));
  assert.ok(!worthKeeping({ ms: 400, at: SERVER }, null, SERVER));
});

test('a moment on the servers\' clock, or undefined while no offset is known', () => {
  assert.equal(onServerClock(1000, { ms: 250, at: 0 }), 1250);
  assert.equal(onServerClock(1000, null), undefined);
  assert.equal(onServerClock(undefined, { ms: 250, at: 0 }), undefined);
});
