'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadBackground } = require('./support/background.js');

const plain = (value) => JSON.parse(JSON.stringify(value)); // objects from the scripts' own realm

test('unset keys read as their defaults, and a default is never shared', async () => {
  const { Firsthand, storage } = loadBackground({ connected: false });
  const values = await Firsthand.storage.get(['server', 'token', 'liveSuggestions', 'outbox']);
  assert.deepEqual(plain(values), { server: null, token: null, liveSuggestions: true, outbox: [] });
  values.outbox.push('x');
  assert.deepEqual(plain(await Firsthand.storage.read('outbox')), []);
  assert.deepEqual(storage.data, {}, 'reading writes nothing');
});

test('a fresh install knows no server: none is made up, and nothing is sent anywhere', async () => {
  const { Firsthand, server } = loadBackground({ connected: false });
  assert.equal((await Firsthand.storage.settings()).server, null);
  assert.equal(Firsthand.storage.serverOrigin('  '), null);
  const reply = await Firsthand.api.request('GET', '/me', { token: 'stray-token' });
  assert.equal(reply.kind, 'not_connected', 'a token without a server goes nowhere');
  assert.equal(server.requests.length, 0);
});

test('every key is declared: an unknown one throws rather than silently storing', async () => {
  const { Firsthand } = loadBackground();
  await assert.rejects(Firsthand.storage.get('tokn'), /Unknown storage key "tokn"/);
  await assert.rejects(Firsthand.storage.set({ outboxfailed: [] }), /Unknown storage key/);
});

test('settings: the server without trailing slashes, switches as booleans', async () => {
  const { Firsthand, storage } = loadBackground();
  storage.data.server = 'https://firsthand.acme.example//';
  storage.data.liveSuggestions = false;
  const settings = await Firsthand.storage.settings();
  assert.equal(settings.server, 'https://firsthand.acme.example');
  assert.equal(settings.liveSuggestions, false);
  assert.equal(settings.token, 'test-token');
  await Firsthand.storage.remove(['token']);
  assert.equal((await Firsthand.storage.settings()).token, null);
});

test('onChange hears only the keys it watches, with defaults for removed ones', async () => {
  const { Firsthand } = loadBackground();
  const heard = [];
  Firsthand.storage.onChange(['liveSuggestions'], (changes) => heard.push(plain(changes)));
  await Firsthand.storage.set({ panelCollapsed: true });
  await Firsthand.storage.set({ liveSuggestions: false });
  assert.deepEqual(heard, [{ liveSuggestions: false }]);
});

test('update: concurrent read-modify-writes of one key all land (none drops another)', async () => {
  const { Firsthand, storage } = loadBackground();
  const stamps = Array.from({ length: 8 }, (_, i) => i + 1);
  await Promise.all(stamps.map((n) => Firsthand.storage.update('reachSent', (v) => ({ ...(v || {}), [n]: n }))));
  assert.deepEqual(Object.keys(plain(storage.data.reachSent)).sort(), stamps.map(String).sort());
});

test('update: a failing change rejects its caller and leaves the next one to run', async () => {
  const { Firsthand, storage } = loadBackground();
  const failing = Firsthand.storage.update('reachSent', () => {
    throw new Error('boom');
  });
  const next = Firsthand.storage.update('reachSent', (v) => ({ ...(v || {}), 7: 1 }));
  await assert.rejects(failing, /boom/);
  await next;
  assert.deepEqual(plain(storage.data.reachSent), { 7: 1 });
});

test('a server address is stored as its origin, however it was pasted', async () => {
  const { Firsthand } = loadBackground({ connected: false });
  const origin = (typed) => Firsthand.storage.serverOrigin(typed);
  for (const typed of ['https://firsthand.acme.example', ' HTTPS://Firsthand.ACME.example/ ',
    'https://firsthand.acme.example/console/', 'https://firsthand.acme.example/connect?invite=abc.def',
    'firsthand.acme.example', 'firsthand.acme.example/console']) {
    assert.equal(origin(typed), 'https://firsthand.acme.example', typed);
  }
  assert.equal(origin('HTTP://127.0.0.1:5000/console'), 'http://127.0.0.1:5000');
  assert.equal(origin('127.0.0.1:7501'), 'https://127.0.0.1:7501');
  // Connecting by hand with the console's address reaches the API at the server's root.
  const bg = loadBackground({ connected: false });
  bg.server.respond = () => ({ status: 200, body: { user: { id: 1, name: 'Ann' }, badges: [] } });
  const reply = await bg.send({ type: 'setConnection', server: 'HTTP://127.0.0.1:7501/console/', token: 't' });
  assert.equal(reply.ok, true);
  assert.equal(bg.server.requests[0].url, 'http://127.0.0.1:7501/api/v1/me');
  assert.equal(bg.storage.data.server, 'http://127.0.0.1:7501');
});
