/* Shares waiting to be logged, and shares the server refused. One writer: every change to the
   `outbox` and `outboxFailed` keys goes through mutate(), one promise chain, so two logs that
   arrive together cannot both load, modify and save the queue. Each share keeps one
   Idempotency-Key for life, so however often it is retried the server records it once.
   Retries wake the worker with chrome.alarms (a sleeping worker keeps no setTimeout). */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});
  const { storage, outboxRules: rules } = ns;
  const ALARM = 'firsthand-outbox-retry';

  let tail = Promise.resolve(); // the lock: the end of the chain of changes
  let draining = null; // the running drain, if any
  let again = false; // flush() was called while draining: look for due items once more
  let everyone = false; // a flush({all}) is asked for: send what waits, due or not
  const waiters = new Map(); // key → [resolve(answer)] for logShare/Retry calls awaiting a try

  /**
   * The one way to change the outbox: change({waiting, failed}) answers the new lists (or null
   * for no change); it runs after every earlier change, and both keys are saved in one write.
   * Answers the lists as they are afterwards.
   */
  function mutate(change) {
    const run = tail.then(async () => {
      const stored = await storage.get(['outbox', 'outboxFailed']);
      const before = { waiting: stored.outbox, failed: stored.outboxFailed };
      const after = change(before);
      if (!after) return before;
      await storage.set({ outbox: after.waiting, outboxFailed: after.failed });
      return after;
    });
    tail = run.catch(() => {}); // one failed change must not block the next
    return run;
  }

  /** The lists as they stand once every change queued so far is saved. */
  function state() {
    return mutate(() => null);
  }

  /** The answer to the next try of `key`: the server's reply, or {queued: true, kind, error}. */
  function answerFor(key) {
    return new Promise((resolve) => waiters.set(key, [...(waiters.get(key) || []), resolve]));
  }

  function settle(key, answer) {
    const resolvers = waiters.get(key) || [];
    waiters.delete(key);
    for (const resolve of resolvers) resolve(answer);
  }

  /** The account connected now ({server, userId, name}), or null while none is. */
  async function connectedAccount() {
    const { server, token, user } = await storage.settings();
    if (!token || !user || user.id === undefined || user.id === null) return null;
    return { server, userId: user.id, name: user.name || '' };
  }

  /** A post's identity in the outbox: its canonical link (lib/share-url.js), the raw one when
      the server would refuse it. */
  const postOf = (body) => ns.canonicalUrl(body.url, body.network) || body.url;

  /** The waiting item for the same post as `item`, logged for the same account, if any. */
  function alreadyWaiting(waiting, item) {
    const post = postOf(item.body);
    const owner = (i) => (i.owner ? `${i.owner.server} ${i.owner.userId}` : '');
    return waiting.find((i) => postOf(i.body) === post && owner(i) === owner(item)) || null;
  }

  /** Queue a share and try to send it now. A post already waiting is not queued twice (a link
      logged again while the server is down, the card and the popup both): the caller hears
      what its earlier try came to, or, not tried yet, waits for that try's answer. */
  async function logShare(body, { typed = false } = {}) {
    const item = rules.newItem(body, crypto.randomUUID(), Date.now(), await connectedAccount());
    const answer = answerFor(item.key);
    let same = null;
    let sameAnswer = null;
    try {
      await mutate(({ waiting, failed }) => {
        same = alreadyWaiting(waiting, item);
        // Not tried yet: heard before any drain can answer it (as logShare's own answer is).
        if (same && !same.lastKind) sameAnswer = answerFor(same.key);
        return same ? null : { waiting: [...waiting, item], failed };
      });
    } catch (e) {
      waiters.delete(item.key); // not stored: the caller hears the error instead
      throw e;
    }
    if (same) {
      waiters.delete(item.key);
      flush();
      return sameAnswer || { ok: false, queued: true, kind: same.lastKind, error: same.lastError };
    }
    flush();
    if (!typed) return answer;
    // A link typed in the popup and refused is answered under its field, where it can be
    // corrected: it is not kept in the refused list too, whose Retry could never help it.
    const reply = await answer;
    if (!reply.ok && !reply.queued) await discardFailed(item.key);
    return reply;
  }

  /** The employee's Retry on a refused share: back in the outbox with its key, tried now. */
  async function retryFailed(key, { withoutStory = false } = {}) {
    let answer = null;
    const account = await connectedAccount(); // whoever retries it makes it theirs
    await mutate(({ waiting, failed }) => {
      const item = failed.find((i) => i.key === key);
      if (!item) return null;
      answer = answerFor(key); // before it is saved, so no drain can answer it unheard
      const again = rules.forRetry(item, Date.now(), account, { withoutStory });
      return { waiting: [...waiting, again], failed: failed.filter((i) => i !== item) };
    });
    if (!answer) return ns.failures.failure('bad_request', 'That share is no longer in the refused list.');
    flush();
    return answer;
  }

  /** The employee's Discard on a refused share. */
  function discardFailed(key) {
    return mutate(({ waiting, failed }) => ({ waiting, failed: failed.filter((i) => i.key !== key) }));
  }

  /** Send every due item; answers once none is due (a call while draining extends the drain).
      `all`: the employee asked (Retry now, the popup opened, a reconnect): every waiting item
      is sent now, not only those whose backoff has run out; background events keep it. */
  function flush({ all = false } = {}) {
    everyone = everyone || all;
    if (draining) {
      again = true;
      return draining;
    }
    draining = drain();
    return draining;
  }

  async function drain() {
    try {
      do {
        again = false;
        const now = everyone;
        everyone = false;
        await sendDue(now);
        await scheduleWake();
      } while (again);
    } catch (e) {
      // Storage or alarms failed: the items stay stored for the next event; callers hear why.
      const failure = ns.failures.failure('extension_error', String((e && e.message) || e));
      for (const key of [...waiters.keys()]) settle(key, failure);
    } finally {
      draining = null; // in the same step as the last look at `again`: no call slips between
    }
  }

  async function sendDue(all) {
    const tried = new Set();
    for (;;) {
      const { waiting } = await state();
      // Asked for all: each waiting item once, until one must wait (the server is not taking
      // shares: the rest keep their backoff rather than each wait out the time limit).
      const item = rules.due(waiting, Date.now())[0] || (all ? waiting.find((i) => !tried.has(i.key)) : null);
      if (!item) return;
      tried.add(item.key);
      const account = await connectedAccount();
      // Logged while someone else was connected (a shared browser, another server): listed,
      // not sent with this connection's token; its Retry makes it this account's.
      const reply = rules.sendableAs(item, account)
        ? await ns.api.request('POST', '/shares', { body: ns.textLimits.sendableShare(item.body), headers: { 'Idempotency-Key': item.key } })
        : ns.failures.failure('bad_request', ns.t('outboxOtherAccount', item.owner.name || '?', account.name || '?'));
      const verdict = rules.outcome(reply);
      const now = Date.now();
      await mutate(({ waiting, failed }) => {
        const rest = waiting.filter((i) => i.key !== item.key);
        if (verdict === 'done') return { waiting: rest, failed };
        if (verdict === 'failed') return { waiting: rest, failed: [...failed, rules.asFailed(item, now, reply)] };
        return { waiting: waiting.map((i) => (i.key === item.key ? rules.afterFailure(i, now, reply) : i)), failed };
      });
      // A refusal names its item (the card's "Log without the story" retries it: content/share-card.js).
      const answer = verdict === 'retry' ? { ok: false, queued: true, kind: reply.kind, code: reply.code, error: reply.error }
        : verdict === 'failed' ? { ...reply, key: item.key, storyRefused: rules.storyRefused(reply) } : reply;
      settle(item.key, answer);
      if (verdict === 'retry') all = false;
      // Its card said "Saved for later" (an earlier try was answered queued): tell it the end.
      if (verdict !== 'retry' && item.lastKind) tellTabs({ type: 'shareSettled', url: item.body.url, reply: answer });
    }
  }

  /** A message to every tab's content script (tabs without one refuse it: nothing to tell). */
  async function tellTabs(message) {
    try {
      for (const tab of await chrome.tabs.query({})) chrome.tabs.sendMessage(tab.id, message).catch(() => {});
    } catch { /* no tabs API here (a test's worker): the popup still shows the outcome */ }
  }

  /** One alarm at the next item's time (none for an empty outbox). */
  async function scheduleWake() {
    const when = rules.nextWakeAt((await state()).waiting);
    if (when === null) await chrome.alarms.clear(ALARM);
    else await chrome.alarms.create(ALARM, { when }); // a time already past fires at once
  }

  chrome.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) flush();
  });

  ns.outbox = { logShare, retryFailed, discardFailed, flush, state, ALARM };
})(typeof globalThis !== 'undefined' ? globalThis : this);
