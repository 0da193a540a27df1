/* Shares waiting to be logged: kept in chrome.storage, retried with backoff, each with one
   Idempotency-Key for life so the server records it exactly once. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});
  const rules = ns.outboxRules;
  let flushing = null; // one flush at a time per worker
  let wakeTimer = null;

  async function load() {
    return (await chrome.storage.local.get('outbox')).outbox || [];
  }

  async function save(items) {
    await chrome.storage.local.set({ outbox: items });
  }

  /** Queue a share and try to send it now; answers the server's reply or {queued: true}. */
  async function logShare(body) {
    const item = rules.newItem(body, crypto.randomUUID(), Date.now());
    await save([...(await load()), item]);
    const results = await flush();
    return results[item.key] || { queued: true };
  }

  /** Send every due item once; answers {key: reply} for the items that left the outbox. */
  function flush() {
    if (!flushing) {
      flushing = flushOnce().finally(() => {
        flushing = null;
      });
    }
    return flushing;
  }

  async function flushOnce() {
    const results = {};
    for (const item of rules.due(await load(), Date.now())) {
      const reply = await ns.api.request('POST', '/shares', {
        body: item.body,
        headers: { 'Idempotency-Key': item.key }
      });
      const verdict = rules.outcome(reply.status);
      // Re-read: the popup or a content script may have queued more meanwhile.
      const items = await load();
      const rest = items.filter((i) => i.key !== item.key);
      if (verdict === 'retry') {
        await save([...rest, rules.afterFailure(item, Date.now(), reply.error)]);
        continue;
      }
      await save(rest);
      if (verdict === 'drop') await remember('outboxFailed', { ...item, error: reply.error });
      results[item.key] = reply;
    }
    scheduleWake(await load());
    return results;
  }

  async function remember(key, entry) {
    const list = (await chrome.storage.local.get(key))[key] || [];
    await chrome.storage.local.set({ [key]: [entry, ...list].slice(0, 20) });
  }

  function scheduleWake(items) {
    if (wakeTimer) clearTimeout(wakeTimer);
    const wait = rules.nextWakeMs(items, Date.now());
    // While the worker lives, retry on time; when it sleeps, the next event (a popup, a
    // suggestion, browser start) wakes it and flushes.
    wakeTimer = wait === null ? null : setTimeout(flush, wait + 50);
  }

  ns.outbox = { logShare, flush, load };
})(typeof globalThis !== 'undefined' ? globalThis : this);
