'use strict';
/* An answer that is not the API's own is never taken for one: a 2xx whose body is not the JSON
   its route gives (a proxy's sign-in or maintenance page served with CORS headers, an empty
   body) is `unreadable`, a failure that keeps a share waiting; so is a 4xx page that is not the
   API's JSON error. Before, a 200 HTML page was {ok: true, data: null}: the outbox counted the
   share logged and dropped it (and every waiting one flushed into it), and every reader of the
   answer crashed on the null. */
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { loadBackground } = require('./support/background.js');

const SCHEMAS = path.join(__dirname, '..', '..', 'shared', 'schemas');
const share = (n) => ({ url: `https://www.linkedin.com/feed/update/urn:li:activity:${7410000000000000000n + BigInt(n)}/`,
  network: 'linkedin', source: 'extension' });
const SIGN_IN = '<!doctype html><html><body><h1>Sign in to Acme SSO</h1></body></html>';
const posts = (bg) => bg.server.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/shares'));

test('a share answered by a 200 HTML page waits, and lands once the server answers', async () => {
  const bg = loadBackground();
  bg.server.respond = () => ({ status: 200, text: SIGN_IN });
  const reply = await bg.send({ type: 'logShare', share: share(1) });
  assert.deepEqual([reply.ok, reply.queued, reply.kind], [false, true, 'unreadable']);
  assert.match(reply.error, /could not be read/);
  const [item] = bg.storage.data.outbox;
  assert.equal(item.lastKind, 'unreadable');
  assert.deepEqual(bg.storage.data.outboxFailed || [], []);

  bg.server.respond = () => ({ status: 201 });
  await bg.Firsthand.outbox.flush();
  bg.alarms.fire(bg.Firsthand.outbox.ALARM);
  await bg.Firsthand.outbox.flush();
  assert.deepEqual(bg.storage.data.outbox, []);
  assert.deepEqual(posts(bg).map((r) => r.key), [item.key, item.key]);
  assert.equal(bg.server.recorded.size, 1);
});

test('shares waiting from an outage are not flushed away into a 200 HTML page', async () => {
  const bg = loadBackground();
  bg.server.respond = () => 'down';
  await Promise.all([2, 3].map((n) => bg.send({ type: 'logShare', share: share(n) })));
  bg.server.respond = () => ({ status: 200, text: SIGN_IN });
  await bg.send({ type: 'flush' });
  for (let i = 0; i < 3; i += 1) {
    bg.alarms.fire(bg.Firsthand.outbox.ALARM);
    await bg.Firsthand.outbox.flush();
  }
  assert.equal(bg.storage.data.outbox.length, 2);
  assert.ok(bg.storage.data.outbox.every((i) => i.lastKind === 'unreadable'));
  assert.deepEqual(bg.storage.data.outboxFailed || [], []);
});

test('a 2xx that is JSON but not the answer asked for is unreadable too', async () => {
  const bg = loadBackground();
  for (const body of [{}, { ok: true }, []]) {
    bg.server.respond = () => ({ status: 200, body });
    const reply = await bg.Firsthand.api.request('POST', '/shares', { body: share(4) });
    assert.deepEqual([reply.ok, reply.kind, reply.status], [false, 'unreadable', 200], JSON.stringify(body));
  }
  bg.server.respond = () => ({ status: 200, body: { user: { id: 1, name: 'Ann' }, badges: [] } });
  assert.equal((await bg.Firsthand.api.request('GET', '/me')).ok, true);
  bg.server.respond = () => ({ status: 200, body: { data: [] } });
  assert.equal((await bg.Firsthand.api.request('GET', '/me')).kind, 'unreadable', '/me without its user');
  assert.equal((await bg.Firsthand.api.request('GET', '/shares?limit=5')).ok, true, 'the query is not the route');
});

test('a proxy\'s 4xx page keeps shares waiting; the API\'s own refusal lists them as not logged', async () => {
  const bg = loadBackground();
  bg.server.respond = () => ({ status: 404, text: '<html><body>Not Found</body></html>' });
  const paged = await bg.send({ type: 'logShare', share: share(5) });
  assert.deepEqual([paged.queued, paged.kind], [true, 'unreadable']);
  bg.server.respond = () => ({ status: 403, body: { message: 'Forbidden by the gateway' } }); // JSON, not the API's
  assert.equal((await bg.send({ type: 'logShare', share: share(6) })).kind, 'unreadable');
  assert.equal(bg.storage.data.outbox.length, 2);
  bg.server.respond = () => ({ status: 422, body: { error: { code: 'validation_failed', message: 'url is not a link to a post.' } } });
  const refused = await bg.send({ type: 'logShare', share: share(7) });
  assert.deepEqual([refused.ok, refused.queued, refused.kind], [false, undefined, 'bad_request']);
  assert.equal(bg.storage.data.outboxFailed.length, 1);
});

test('every reader of an answer copes with an unreadable one', async () => {
  const bg = loadBackground();
  bg.storage.data.lastAngles = [{ id: 'kept' }];
  bg.server.respond = () => ({ status: 200, text: SIGN_IN });
  const suggestion = await bg.send({ type: 'suggest', text: 'We shipped the new release today.', network: 'linkedin' });
  assert.equal(suggestion.kind, 'unreadable');
  assert.deepEqual(bg.storage.data.lastAngles, [{ id: 'kept' }], 'the last angles are kept for the panel');
  const state = await bg.send({ type: 'popupState' });
  assert.deepEqual([state.me.kind, state.badges.kind, state.shares.kind], ['unreadable', 'unreadable', 'unreadable']);
  // Connecting by hand against such an answer connects nothing.
  const connected = await bg.send({ type: 'setConnection', server: 'http://127.0.0.1:7502', token: 'new-token' });
  assert.equal(connected.kind, 'unreadable');
  assert.deepEqual([bg.storage.data.server, bg.storage.data.token], ['http://127.0.0.1:5000', 'test-token']);
});

test('the keys an answer is told by are required ones of its route\'s schema', () => {
  const bg = loadBackground();
  for (const [method, , schema, keys] of bg.Firsthand.api.SHAPES) {
    const name = schema.endsWith('.json') ? schema : `${schema}.response.schema.json`;
    const file = JSON.parse(fs.readFileSync(path.join(SCHEMAS, name), 'utf8'));
    for (const key of keys) assert.ok(file.required.includes(key), `${method} ${schema}: ${key}`);
  }
});
