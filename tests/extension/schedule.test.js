'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { afterPause, atMostEvery } = require('../../extension/lib/schedule.js');

function fakeTimers() {
  let now = 0;
  let next = 1;
  const pending = new Map();
  return {
    setTimeout(fn, ms) {
      pending.set(next, { fn, at: now + ms });
      return next++;
    },
    clearTimeout(id) {
      pending.delete(id);
    },
    advance(ms) {
      now += ms;
      for (const [id, t] of [...pending]) {
        if (t.at <= now) {
          pending.delete(id);
          t.fn();
        }
      }
    },
    get pending() {
      return pending.size;
    }
  };
}

test('keystrokes only reset the timer; the work runs once after the pause', () => {
  const timers = fakeTimers();
  const calls = [];
  const schedule = afterPause((text) => calls.push(text), 400, timers);
  for (const text of ['h', 'he', 'hel', 'hell', 'hello']) {
    schedule(text);
    timers.advance(100);
  }
  assert.deepEqual(calls, []);
  assert.equal(timers.pending, 1);
  timers.advance(400);
  assert.deepEqual(calls, ['hello']);
});

test('cancel drops the pending run', () => {
  const timers = fakeTimers();
  let ran = false;
  const schedule = afterPause(() => { ran = true; }, 300, timers);
  schedule();
  schedule.cancel();
  timers.advance(1000);
  assert.equal(ran, false);
});

test('a stream of calls cannot starve atMostEvery: it runs within the wait', () => {
  const timers = fakeTimers();
  let runs = 0;
  const rescan = atMostEvery(() => { runs += 1; }, 150, timers);
  for (let i = 0; i < 20; i++) {
    rescan();
    timers.advance(50); // a DOM change every 50 ms, for a second
  }
  assert.ok(runs >= 6 && runs <= 7, String(runs));
});
