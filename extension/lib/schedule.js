/* Typing must stay fast: each keystroke only resets a timer; the work runs after a pause. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});

  /** Return a function that runs `fn` once input has paused for `waitMs`. */
  function afterPause(fn, waitMs, timers = root) {
    let handle = null;
    const schedule = (...args) => {
      if (handle !== null) timers.clearTimeout(handle);
      handle = timers.setTimeout(() => {
        handle = null;
        fn(...args);
      }, waitMs);
    };
    schedule.cancel = () => {
      if (handle !== null) timers.clearTimeout(handle);
      handle = null;
    };
    return schedule;
  }

  /**
   * Return a function that runs `fn` at most once per `waitMs`, but always within `waitMs` of
   * a call: unlike afterPause, a stream of calls (DOM changes while typing) cannot starve it.
   */
  function atMostEvery(fn, waitMs, timers = root) {
    let handle = null;
    return () => {
      if (handle !== null) return;
      handle = timers.setTimeout(() => {
        handle = null;
        fn();
      }, waitMs);
    };
  }

  const api = { afterPause, atMostEvery };
  Object.assign(ns, api);
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})(typeof globalThis !== 'undefined' ? globalThis : this);
