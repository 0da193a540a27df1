'use strict';
/* The API client asks the server for the extension's own UI language (Accept-Language), not the
   browser's preferred page languages a service worker's fetch would carry: the server names
   badges and levels in the language it is asked for, and an English popup once showed
   "Level 2 · Mitwirkender" in a Chromium whose pages were German. Run through the real
   background scripts and router, as the popup's calls are. */
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadBackground } = require('./support/background.js');

async function languageSent(i18n) {
  const bg = loadBackground({ i18n });
  bg.server.respond = () => ({ status: 200, body: { user: { name: 'Ann' }, badges: [] } });
  await bg.Firsthand.api.request('GET', '/me');
  assert.equal(bg.server.requests.length, 1);
  return bg.server.requests[0].headers['Accept-Language'];
}

test('every API call carries the UI language chrome.i18n reports', async () => {
  assert.equal(await languageSent({ getUILanguage: () => 'en-US' }), 'en-US');
  assert.equal(await languageSent({ getUILanguage: () => 'de' }), 'de');
  assert.equal(await languageSent({ getUILanguage: () => 'pt_BR' }), 'pt-BR'); // a header's hyphen
});

test('without a usable UI language the client asks for English, as the extension falls back to', async () => {
  assert.equal(await languageSent(undefined), 'en'); // no chrome.i18n at all
  assert.equal(await languageSent({ getUILanguage: () => '' }), 'en');
  assert.equal(await languageSent({ getUILanguage: () => { throw new Error('gone'); } }), 'en');
  // Not a language tag: a header value fetch would refuse, which would read as "offline".
  assert.equal(await languageSent({ getUILanguage: () => 'de\r\nX-Evil: 1' }), 'en');
});

test('a caller may still name the language itself', async () => {
  const bg = loadBackground({ i18n: { getUILanguage: () => 'fr' } });
  bg.server.respond = () => ({ status: 200, body: {} });
  await bg.Firsthand.api.request('GET', '/me', { headers: { 'Accept-Language': 'nl' } });
  assert.equal(bg.server.requests[0].headers['Accept-Language'], 'nl');
});

test('the popup\'s calls through the router carry it too', async () => {
  const bg = loadBackground({ i18n: { getUILanguage: () => 'en-GB' } });
  bg.server.respond = () => ({ status: 200, body: { angles: [] } });
  await bg.send({ type: 'suggest', text: 'Ein Entwurf', network: 'linkedin' });
  assert.deepEqual(bg.server.requests.map((r) => [r.url.split('/api/v1')[1], r.headers['Accept-Language']]),
    [['/suggestions', 'en-GB']]);
});

test('a draft\'s suggestions are asked in the language the panel shows, when it says one', async () => {
  const bg = loadBackground({ i18n: { getUILanguage: () => 'en-US' } });
  bg.server.respond = () => ({ status: 200, body: { angles: [] } });
  await bg.send({ type: 'suggest', text: 'Montag.', network: 'linkedin', panelLanguage: 'de' });
  await bg.send({ type: 'suggest', text: 'Montag.', network: 'linkedin', panelLanguage: 'de\r\nX: 1' });
  await bg.send({ type: 'suggest', text: 'Montag.', network: 'linkedin' });
  assert.deepEqual(bg.server.requests.map((r) => r.headers['Accept-Language']), ['de', 'en-US', 'en-US']);
});
