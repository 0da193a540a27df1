'use strict';
/* A reach reading is dated on the servers' clock (lib/server-clock.js), as post ids are: a
   computer clock set a day ahead dated its readings a day ahead, and the server took the first
   such reading for the share's latest until that day came. */
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadBackground } = require('./support/background.js');

const HOUR_MS = 60 * 60 * 1000;
const reading = { type: 'reachReading', shareId: 5, source: 'feed', counts: { reactions: { value: 3 } } };

function sentAt(bg) {
  const [request] = bg.server.requests.filter((r) => r.url.endsWith('/shares/5/reach'));
  return Date.parse(request.body.seen_at);
}

test('a reading is dated on the servers\' clock when the computer\'s is wrong', async () => {
  const bg = loadBackground();
  bg.server.respond = () => ({ status: 201, body: {} });
  bg.storage.data.serverClock = { ms: -20 * HOUR_MS, at: Date.now() }; // this computer 20 h ahead
  const before = Date.now();
  assert.equal((await bg.send(reading)).ok, true);
  const seen = sentAt(bg);
  assert.ok(seen >= before - 20 * HOUR_MS && seen <= Date.now() - 20 * HOUR_MS + 1000, new Date(seen));
});

test('without a known offset a reading is dated on the computer\'s clock', async () => {
  const bg = loadBackground();
  bg.server.respond = () => ({ status: 201, body: {} });
  bg.clock.ahead = 3 * HOUR_MS; // the background's own clock, as the extension reads it
  const before = Date.now() + 3 * HOUR_MS;
  await bg.send(reading);
  const seen = sentAt(bg);
  assert.ok(seen >= before && seen <= Date.now() + 3 * HOUR_MS, new Date(seen));
});
