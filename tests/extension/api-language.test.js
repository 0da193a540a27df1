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

// The language the extension's messages are actually in (their `langCode`), not the UI language
// chrome.i18n reports: Chromium with --lang=de-DE (no German UI shipped) reports "de-DE" but
// shows the English messages, and with --lang=de reported "en-US" while showing the German ones.
function chromium(ui, shownIn) {
  const messages = { langCode: shownIn, cardTotal: shownIn === 'de' ? 'insgesamt' : 'in total' };
  return { getUILanguage: () => ui, getMessage: (key) => messages[key] || '' };
}

test('the server is asked in the language the extension\'s messages are shown in', async () => {
  assert.equal(await languageSent(chromium('de-DE', 'en')), 'en');
  assert.equal(await languageSent(chromium('en-US', 'de')), 'de');
  assert.equal(await languageSent(chromium('pt-BR', 'pt-PT')), 'pt-PT');
  // No message (a lost catalogue) or a bad one: the UI language, as before.
  assert.equal(await languageSent(chromium('fr', '')), 'fr');
  assert.equal(await languageSent(chromium('fr', 'de\r\nX-Evil: 1')), 'fr');
});

test('a logged share is asked for in that language too, and the panel\'s own words agree', async () => {
  const i18n = chromium('en-US', 'de');
  const bg = loadBackground({ i18n });
  bg.server.respond = () => ({ status: 201, body: { points_awarded: 10, total_points: 10, level: { name: 'Neuling' }, new_badges: [] } });
  const reply = await bg.send({ type: 'logShare', share: { url: 'https://www.linkedin.com/feed/update/urn:li:activity:7100000000000000001/', network: 'linkedin' } });
  assert.equal(reply.ok, true);
  await bg.send({ type: 'suggest', text: 'Montag.', network: 'linkedin', panelLanguage: bg.Firsthand.language() });
  assert.deepEqual(bg.server.requests.map((r) => [r.url.split('/api/v1')[1], r.headers['Accept-Language']]),
    [['/shares', 'de'], ['/suggestions', 'de']]);
  // Dates and numbers in that language too (lib/i18n.js language(), which the popup formats with).
  assert.equal(bg.Firsthand.language(), 'de');
  assert.equal(bg.Firsthand.number(1234), '1.234');
});

test('a Portuguese panel\'s regional code is taken as it is', async () => {
  const bg = loadBackground({ i18n: chromium('en-US', 'pt-PT') });
  bg.server.respond = () => ({ status: 200, body: { angles: [] } });
  await bg.send({ type: 'suggest', text: 'Segunda.', network: 'linkedin', panelLanguage: 'pt-PT' });
  assert.deepEqual(bg.server.requests.map((r) => r.headers['Accept-Language']), ['pt-PT']);
});
