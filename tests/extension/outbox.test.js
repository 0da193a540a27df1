'use strict';
/* The outbox in the real background scripts: one writer, so shares logged together are all
   kept; each keeps one Idempotency-Key, so retries land once; retries are alarms; shares the
   server refuses are listed, retried or discarded, never dropped. */
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadBackground } = require('./support/background.js');

const share = (n) => ({ url: `https://www.linkedin.com/feed/update/urn:li:activity:${7400000000000000000n + BigInt(n)}/`,
  network: 'linkedin', source: 'extension' });
const urls = (items) => items.map((i) => i.body.url).sort();
const logAll = (bg, n) => Promise.all(Array.from({ length: n }, (_, i) => bg.send({ type: 'logShare', share: share(i) })));

test('two shares logged together while offline both wait, each with its own key', async () => {
  const bg = loadBackground();
  bg.server.respond = () => 'down';
  const replies = await logAll(bg, 2);
  assert.deepEqual(replies.map((r) => [r.queued, r.kind]), [[true, 'offline'], [true, 'offline']]);
  const waiting = bg.storage.data.outbox;
  assert.deepEqual(urls(waiting), [share(0).url, share(1).url]);
  assert.equal(new Set(waiting.map((i) => i.key)).size, 2);
  await bg.Firsthand.outbox.flush(); // the answers come first; the drain then sets the alarm
  assert.ok(bg.alarms.get(bg.Firsthand.outbox.ALARM), 'a retry is scheduled with chrome.alarms');
});

test('many shares logged together while offline all wait', async () => {
  const bg = loadBackground();
  bg.server.respond = () => 'down';
  await logAll(bg, 25);
  assert.equal(bg.storage.data.outbox.length, 25);
  assert.deepEqual(urls(bg.storage.data.outbox), Array.from({ length: 25 }, (_, i) => share(i).url).sort());
});

test('shares logged together while online each reach the server exactly once', async () => {
  const bg = loadBackground();
  const replies = await logAll(bg, 12);
  assert.ok(replies.every((r) => r.ok && r.status === 201), JSON.stringify(replies[0]));
  assert.equal(bg.server.requests.length, 12);
  assert.equal(bg.server.recorded.size, 12);
  assert.deepEqual(bg.storage.data.outbox, []);
  assert.equal(bg.alarms.pending.size, 0, 'nothing left to retry');
});

test('a retry woken by the alarm sends the same Idempotency-Key and lands once', async () => {
  const bg = loadBackground();
  bg.server.respond = () => 'down';
  const queued = await bg.send({ type: 'logShare', share: share(1) });
  assert.equal(queued.queued, true);
  await bg.Firsthand.outbox.flush();
  const [item] = bg.storage.data.outbox;
  assert.equal(bg.alarms.get(bg.Firsthand.outbox.ALARM).when, item.nextAttemptAt);
  assert.ok(item.nextAttemptAt >= item.queuedAt + 2000, 'backs off');

  bg.server.respond = () => ({ status: 201 });
  bg.alarms.fire(bg.Firsthand.outbox.ALARM);
  await bg.Firsthand.outbox.flush();
  assert.deepEqual(bg.storage.data.outbox, []);
  assert.deepEqual(bg.server.requests.map((r) => r.key), [item.key, item.key]);
  assert.equal(bg.server.recorded.size, 1);
});

test('a rate-limited share waits at least as long as Retry-After asks', async () => {
  const bg = loadBackground();
  bg.server.respond = () => ({ status: 429, body: { error: { code: 'rate_limited', message: 'Too many requests.' } },
    headers: { 'Retry-After': '120' } });
  const reply = await bg.send({ type: 'logShare', share: share(2) });
  assert.deepEqual([reply.queued, reply.kind], [true, 'rate_limited']);
  const [item] = bg.storage.data.outbox;
  assert.ok(item.nextAttemptAt - Date.now() > 110000, `${item.nextAttemptAt - Date.now()} ms`);
  assert.equal(item.lastKind, 'rate_limited');
});

test('an expired or missing connection keeps shares waiting for the reconnect', async () => {
  const bg = loadBackground();
  bg.server.respond = () => ({ status: 401, body: { error: { code: 'token_revoked', message: 'This token was revoked.' } } });
  const revoked = await bg.send({ type: 'logShare', share: share(3) });
  // The server's code goes with the kind: the card says an admin ended it, not that it expired.
  assert.deepEqual([revoked.queued, revoked.kind, revoked.code], [true, 'unauthorized', 'token_revoked']);
  const unconnected = loadBackground({ connected: false });
  assert.equal((await unconnected.send({ type: 'logShare', share: share(4) })).kind, 'not_connected');
  assert.equal(unconnected.server.requests.length, 0, 'nothing is sent without a token');
  for (const b of [bg, unconnected]) {
    assert.equal(b.storage.data.outbox.length, 1);
    assert.deepEqual(b.storage.data.outboxFailed || [], []);
  }
});

test('a refused share is listed; Retry resends it with its key, Discard removes it', async () => {
  const bg = loadBackground();
  bg.server.respond = () => ({ status: 409, body: { error: { code: 'already_claimed', message: 'Already logged by another employee.' } } });
  const reply = await bg.send({ type: 'logShare', share: share(5) });
  assert.deepEqual([reply.ok, reply.kind, reply.status], [false, 'bad_request', 409]);
  assert.deepEqual(bg.storage.data.outbox, []);
  const [failed] = bg.storage.data.outboxFailed;
  assert.equal(failed.error, 'Already logged by another employee.');
  assert.equal(bg.alarms.pending.size, 0, 'a refused share is not retried by itself');

  bg.server.respond = () => ({ status: 201 });
  const retried = await bg.send({ type: 'retryShare', key: failed.key });
  assert.equal(retried.status, 201);
  assert.deepEqual(bg.server.requests.map((r) => r.key), [failed.key, failed.key]);
  assert.deepEqual(bg.storage.data.outboxFailed, []);

  bg.server.respond = () => ({ status: 422, body: { error: { code: 'validation_failed', message: 'url is not a link to a post.' } } });
  await bg.send({ type: 'logShare', share: share(6) });
  const [refused] = bg.storage.data.outboxFailed;
  await bg.send({ type: 'discardShare', key: refused.key });
  assert.deepEqual(bg.storage.data.outboxFailed, []);
  assert.deepEqual(bg.storage.data.outbox, []);
  const gone = await bg.send({ type: 'retryShare', key: refused.key });
  assert.equal(gone.kind, 'bad_request');
});

test('two Retries of one refused share (two popups) both get an answer, and it is sent once', async () => {
  const bg = loadBackground();
  bg.server.respond = () => ({ status: 409, body: { error: { code: 'conflict', message: 'Not yet.' } } });
  await bg.send({ type: 'logShare', share: share(8) });
  const [refused] = bg.storage.data.outboxFailed;
  bg.server.respond = () => ({ status: 201 });
  const [first, second] = await Promise.all([
    bg.send({ type: 'retryShare', key: refused.key }),
    bg.send({ type: 'retryShare', key: refused.key })
  ]);
  assert.deepEqual([first.status, second.kind], [201, 'bad_request']); // the second finds it gone
  assert.equal(bg.server.requests.filter((r) => r.key === refused.key).length, 2); // refused, then logged
  assert.deepEqual([bg.storage.data.outbox, bg.storage.data.outboxFailed], [[], []]);
});

test('logs, retries, discards and flushes arriving together lose nothing', async () => {
  const bg = loadBackground();
  bg.server.respond = (request) => (request.body.url === share(0).url || request.body.url === share(1).url
    ? { status: 422, body: { error: { code: 'validation_failed', message: 'refused' } } }
    : 'down');
  await logAll(bg, 2); // both refused
  const [keep, drop] = bg.storage.data.outboxFailed.slice().sort((a, b) => a.body.url.localeCompare(b.body.url));
  await Promise.all([
    ...[10, 11, 12, 13, 14].map((n) => bg.send({ type: 'logShare', share: share(n) })),
    bg.send({ type: 'retryShare', key: keep.key }),
    bg.send({ type: 'discardShare', key: drop.key }),
    bg.send({ type: 'flush' }),
    bg.send({ type: 'flush' })
  ]);
  assert.deepEqual(urls(bg.storage.data.outbox), [10, 11, 12, 13, 14].map((n) => share(n).url).sort());
  assert.deepEqual(urls(bg.storage.data.outboxFailed), [share(0).url]); // retried, refused again
  assert.equal(bg.storage.data.outboxFailed[0].key, keep.key);
});

test('shares refused by an older version are shown and can be retried', async () => {
  const bg = loadBackground();
  // What 0.1.0 kept under outboxFailed (the last 20 refused shares, never shown).
  bg.storage.data.outboxFailed = [{ key: 'old-key', body: share(7), attempts: 3, nextAttemptAt: 0, queuedAt: 1, lastError: null, error: 'refused' }];
  const state = await bg.send({ type: 'outboxState' });
  assert.deepEqual(state.outbox.failed.map((i) => i.key), ['old-key']);
  const retried = await bg.send({ type: 'retryShare', key: 'old-key' });
  assert.equal(retried.ok, true);
  assert.deepEqual(bg.server.requests.map((r) => r.key), ['old-key']);
});

const ENGLISH = JSON.parse(require('node:fs').readFileSync(`${__dirname}/../../extension/_locales/en/messages.json`, 'utf8'));
const english = (key, subs = []) => (ENGLISH[key] ? ENGLISH[key].message.replace(/\$([1-9])/g, (_, n) => subs[n - 1]) : '');

test('shares queued for one account are not sent as another: a new connection in this browser holds them', async () => {
  // Ann's shares wait (her token was revoked); Bob connects this shared browser. They were
  // sent with Bob's token: Bob got Ann's points, and her own posts were then "already logged
  // by another employee" for her.
  const bg = loadBackground();
  bg.chrome.i18n = { getMessage: english, getUILanguage: () => 'en' };
  bg.storage.data.user = { id: 1, name: 'Ann Example' };
  bg.server.respond = () => ({ status: 401, body: { error: { code: 'token_revoked', message: 'This token was revoked.' } } });
  assert.equal((await bg.send({ type: 'logShare', share: share(20) })).kind, 'unauthorized');
  const [waiting] = bg.storage.data.outbox;

  bg.server.respond = (request) => (request.url.endsWith('/me')
    ? { status: 200, body: { user: { id: 2, name: 'Bob Builder' }, badges: [] } } : { status: 201 });
  const connected = await bg.send({ type: 'setConnection', server: 'http://127.0.0.1:5000', token: 'bob-token' });
  assert.equal(connected.ok, true);
  await bg.Firsthand.outbox.flush(); // connecting tries what waits at once, not at its backoff's end
  assert.deepEqual(bg.server.requests.filter((r) => r.method === 'POST').map((r) => r.key), [waiting.key], 'sent once, as Ann');
  assert.deepEqual(bg.storage.data.outbox, []);
  const [held] = bg.storage.data.outboxFailed;
  assert.equal(held.key, waiting.key);
  assert.match(held.error, /Ann Example/);

  // Bob's Retry is his choice: the share is then his, and sent once.
  const retried = await bg.send({ type: 'retryShare', key: held.key });
  assert.equal(retried.status, 201);
  assert.deepEqual(bg.server.requests.filter((r) => r.method === 'POST').map((r) => r.key), [waiting.key, waiting.key]);
  assert.deepEqual([bg.storage.data.outbox, bg.storage.data.outboxFailed], [[], []]);

  // Bob's own shares that wait (offline) are sent as his when their retry comes due.
  bg.server.respond = () => 'down';
  await bg.send({ type: 'logShare', share: share(21) });
  bg.server.respond = () => ({ status: 201 });
  await bg.Firsthand.outbox.flush();
  bg.alarms.fire(bg.Firsthand.outbox.ALARM);
  await bg.Firsthand.outbox.flush();
  assert.deepEqual([bg.storage.data.outbox, bg.storage.data.outboxFailed], [[], []]);
  assert.equal(bg.server.recorded.size, 2);
});

test('a link typed in the popup and refused is answered there, not listed as refused', async () => {
  const bg = loadBackground();
  const message = 'The link does not lead to a LinkedIn post: open the post and copy its link.';
  bg.server.respond = () => ({ status: 422, body: { error: { code: 'validation_failed', message } } });
  const typed = await bg.send({ type: 'logShare', typed: true, share: { ...share(9), source: 'popup' } });
  assert.deepEqual([typed.ok, typed.queued, typed.error], [false, undefined, message]);
  assert.deepEqual([bg.storage.data.outbox, bg.storage.data.outboxFailed], [[], []]);

  // Detected on the page: nobody is there to read the answer, so a refusal is listed (a link
  // typed while the server was away is too: tests/e2e/test_outbox.py).
  await bg.send({ type: 'logShare', share: share(10) });
  assert.deepEqual(bg.storage.data.outboxFailed.map((i) => i.body.url), [share(10).url]);
});

test('a server too slow to answer is a timeout, not unreachable: the share waits and lands once', async () => {
  // The server wrote the share but answered after the extension's 10 s: it used to be
  // "cannot be reached"; the retry with the same Idempotency-Key finds it logged.
  const bg = loadBackground({ waitAtMost: 20 });
  bg.server.respond = () => 'slow';
  const reply = await bg.send({ type: 'logShare', share: share(30) });
  assert.deepEqual([reply.ok, reply.queued, reply.kind], [false, true, 'timeout']);
  assert.equal(bg.storage.data.outbox[0].lastKind, 'timeout');
  assert.deepEqual(bg.storage.data.outboxFailed || [], [], 'waits, never refused');
  bg.server.respond = () => ({ status: 201 });
  await bg.Firsthand.outbox.flush();
  bg.alarms.fire(bg.Firsthand.outbox.ALARM);
  await bg.Firsthand.outbox.flush();
  assert.deepEqual(bg.storage.data.outbox, []);
  assert.equal(new Set(bg.server.requests.map((r) => r.key)).size, 1, 'the same key both times');
  assert.equal(bg.server.recorded.size, 1, 'counted once');

  bg.server.respond = () => 'down'; // unreachable is still that
  assert.equal((await bg.send({ type: 'logShare', share: share(31) })).kind, 'offline');
  bg.server.respond = () => 'slow'; // and a slow answer to a draft says so too
  assert.equal((await bg.send({ type: 'suggest', text: 'A draft.', network: 'linkedin' })).kind, 'timeout');
});

test('a post logged again while it waits is not queued twice, however its link is written', async () => {
  // A cold review: the popup kept a queued link in its field, and Log again queued it again
  // ("2 shares are waiting" for one post).
  const bg = loadBackground();
  bg.server.respond = () => 'down';
  const first = await bg.send({ type: 'logShare', typed: true, share: { ...share(6), source: 'popup' } });
  const again = await bg.send({ type: 'logShare', typed: true, share: { ...share(6), source: 'popup' } });
  const tracked = { ...share(6), url: `${share(6).url.replace('https://www.', 'https://')}?utm_source=x` };
  const card = await bg.send({ type: 'logShare', share: tracked });
  assert.deepEqual([first, again, card].map((r) => [r.queued, r.kind]), [[true, 'offline'], [true, 'offline'], [true, 'offline']]);
  assert.equal(bg.storage.data.outbox.length, 1);
  assert.equal(bg.server.requests.length, 1, 'the copies are not sent either');

  // Logged together before any try, the copies share the one try's answer.
  const fresh = loadBackground();
  fresh.server.respond = () => 'down';
  const replies = await Promise.all([0, 1, 2].map(() => fresh.send({ type: 'logShare', share: share(7) })));
  assert.deepEqual(replies.map((r) => r.kind), ['offline', 'offline', 'offline']);
  assert.equal(fresh.storage.data.outbox.length, 1);

  // Another post still queues.
  await bg.send({ type: 'logShare', share: share(8) });
  assert.equal(bg.storage.data.outbox.length, 2);
});

const storyRefusal = { status: 422, body: { error: { code: 'validation_failed', message: 'story_id is not a story for you (no live story 1).',
  details: [{ field: 'story_id', message: 'is not a story for you (no live story 1)' }] } } };

test('a share refused for its story is marked, and logged without the story on the employee\'s word', async () => {
  const bg = loadBackground();
  bg.server.respond = () => storyRefusal;
  const reply = await bg.send({ type: 'logShare', share: { ...share(40), story_id: 1 } });
  const [refused] = bg.storage.data.outboxFailed;
  assert.deepEqual([reply.ok, reply.storyRefused, reply.key], [false, true, refused.key], 'the card can offer it');
  assert.equal(refused.storyRefused, true);

  const retried = await bg.send({ type: 'retryShare', key: refused.key }); // as it was: refused again
  assert.equal(retried.storyRefused, true);
  bg.server.respond = (request) => (request.body.story_id === undefined ? { status: 201 } : storyRefusal);
  const without = await bg.send({ type: 'retryShare', key: refused.key, withoutStory: true });
  assert.equal(without.status, 201);
  const posts = bg.server.requests.filter((r) => r.method === 'POST');
  assert.deepEqual(posts.map((r) => [r.key, r.body.story_id]), [[refused.key, 1], [refused.key, 1], [refused.key, undefined]]);
  assert.deepEqual([bg.storage.data.outbox, bg.storage.data.outboxFailed], [[], []]);

  bg.server.respond = () => ({ status: 422, body: { error: { code: 'validation_failed', message: 'url is not a link to a post.',
    details: [{ field: 'url', message: 'is not a link to a post' }] } } });
  const other = await bg.send({ type: 'logShare', share: share(41) });
  assert.equal(other.storyRefused, false, 'another refusal is not the story\'s');
  assert.equal(bg.storage.data.outboxFailed[0].storyRefused, false);
});

test('a share retried by another account than the one that logged it goes without its story', async () => {
  // A story id is one of the server the share was logged on, and of that person's stories.
  const bg = loadBackground();
  bg.chrome.i18n = { getMessage: english, getUILanguage: () => 'en' };
  bg.storage.data.user = { id: 1, name: 'Ann Example' };
  bg.server.respond = () => 'down';
  await bg.send({ type: 'logShare', share: { ...share(42), story_id: 7 } });
  bg.server.respond = (request) => (request.url.endsWith('/me')
    ? { status: 200, body: { user: { id: 2, name: 'Bob Builder' }, badges: [] } } : { status: 201 });
  await bg.send({ type: 'setConnection', server: 'http://127.0.0.1:7501', token: 'bob-token' });
  await bg.Firsthand.outbox.flush(); // connecting tries what waits at once
  const [held] = bg.storage.data.outboxFailed;
  assert.equal(held.body.story_id, 7, 'held as Ann logged it');
  assert.equal((await bg.send({ type: 'retryShare', key: held.key })).status, 201);
  const sent = bg.server.requests.filter((r) => r.method === 'POST' && r.url.startsWith('http://127.0.0.1:7501'));
  assert.deepEqual(sent.map((r) => [r.key, r.body.story_id]), [[held.key, undefined]]);
});

test('Retry now, opening the popup and reconnecting send every waiting share now; background events keep the backoff', async () => {
  const bg = loadBackground();
  bg.server.respond = () => 'down';
  await Promise.all([30, 31].map((n) => bg.send({ type: 'logShare', share: share(n) })));
  const nextTry = () => Math.min(...bg.storage.data.outbox.map((i) => i.nextAttemptAt));
  await bg.Firsthand.outbox.flush();
  while (nextTry() - Date.now() < 10000) { // a long outage: each waits 16 s and more
    bg.alarms.fire(bg.Firsthand.outbox.ALARM);
    await bg.Firsthand.outbox.flush();
  }
  const sent = () => bg.server.requests.filter((r) => r.url.endsWith('/shares')).length;

  bg.server.respond = () => ({ status: 201 });
  const before = sent();
  await bg.send({ type: 'suggest', text: 'We shipped it.', network: 'linkedin' }); // a background event
  await bg.Firsthand.outbox.flush();
  assert.equal(sent(), before, 'a suggestion does not cut the backoff short');
  assert.equal(bg.storage.data.outbox.length, 2);

  const reply = await bg.send({ type: 'flush' }); // the popup's Retry now
  assert.deepEqual(reply.outbox.waiting, []);
  assert.equal(bg.server.recorded.size, 2);

  // Opening the popup, and reconnecting, do the same.
  for (const open of [() => bg.send({ type: 'popupState' }),
    () => bg.send({ type: 'setConnection', server: 'http://127.0.0.1:5000', token: 'new-token' })]) {
    bg.server.respond = () => 'down';
    await bg.send({ type: 'logShare', share: share(32) });
    await bg.Firsthand.outbox.flush();
    bg.alarms.fire(bg.Firsthand.outbox.ALARM);
    await bg.Firsthand.outbox.flush();
    assert.ok(bg.storage.data.outbox[0].nextAttemptAt > Date.now(), 'backing off');
    bg.server.respond = (request) => (request.url.endsWith('/me')
      ? { status: 200, body: { user: { id: 1, name: 'Ann' }, badges: [] } } : { status: 201 });
    await open();
    await bg.Firsthand.outbox.flush();
    assert.deepEqual(bg.storage.data.outbox, []);
  }
});

test('sending every waiting share stops at the first that must wait: the rest keep their backoff', async () => {
  const bg = loadBackground();
  bg.server.respond = () => 'down';
  await Promise.all([33, 34, 35].map((n) => bg.send({ type: 'logShare', share: share(n) })));
  const before = bg.server.requests.length;
  await bg.send({ type: 'flush' });
  assert.equal(bg.server.requests.length - before, 1, 'one try tells the server is away');
  assert.equal(bg.storage.data.outbox.length, 3);
});

test('the popup opened counts what it sent: its points are asked for once the waiting shares went', async () => {
  const bg = loadBackground();
  bg.server.respond = () => 'down';
  await bg.send({ type: 'logShare', share: share(36) });
  // The server's points are its shares recorded when /me is answered.
  bg.server.respond = (request) => (request.url.endsWith('/me')
    ? { status: 200, body: { user: { id: 1, name: 'Ann' }, badges: [], points: bg.server.recorded.size } } : { status: 201 });
  const state = await bg.send({ type: 'popupState' });
  assert.equal(state.me.data.points, 1, 'the share sent as the popup opened is counted in what it shows');
  assert.deepEqual(state.outbox.waiting, []);
});
