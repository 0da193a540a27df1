'use strict';
/* lib/i18n.js never shows a raw key for a message the extension ships, even when
   chrome.i18n.getMessage answers '' for everything (Chromium keeps an empty message load for
   the renderer's life; once seen in the popup as "outboxWaitReconnect_other"). */
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { loadBackground, loadBackgroundServingFiles, tick } = require('./support/background.js');

const EXTENSION = path.join(__dirname, '..', '..', 'extension');
const SOURCE = fs.readFileSync(path.join(EXTENSION, 'lib', 'i18n.js'), 'utf8');
const messages = (lang) => JSON.parse(fs.readFileSync(path.join(EXTENSION, '_locales', lang, 'messages.json'), 'utf8'));

/** i18n.js in a fresh page whose chrome.i18n answers with `getMessage`; the extension's files
    are read from disk by a synchronous XMLHttpRequest, as in an extension page. */
function page({ getMessage, ui = 'en-US', readable = true }) {
  const reads = [];
  class XMLHttpRequest {
    open(method, url, async) {
      assert.equal(async, false);
      this.url = url;
    }
    send() {
      reads.push(this.url);
      const file = path.join(EXTENSION, this.url.replace('chrome-extension://id/', ''));
      if (!readable || !fs.existsSync(file)) throw new Error('net::ERR_FILE_NOT_FOUND');
      this.status = 200;
      this.responseText = fs.readFileSync(file, 'utf8');
    }
  }
  const chrome = {
    i18n: { getMessage, getUILanguage: () => ui },
    runtime: { getURL: (file) => `chrome-extension://id/${file}` }
  };
  const sandbox = { chrome, XMLHttpRequest, Intl, Number };
  vm.runInNewContext(SOURCE, sandbox);
  return { ...sandbox.Firsthand, reads };
}

const empty = () => '';
const fill = (text, subs) => text.replace(/\$([1-9])/g, (_, n) => subs[n - 1]);

test('an empty answer for every key still shows the shipped English words', () => {
  const { t, tp, language } = page({ getMessage: empty });
  const en = messages('en');
  assert.equal(tp('outboxWaitReconnect', 1), fill(en.outboxWaitReconnect_one.message, ['1']));
  assert.equal(tp('outboxWaitReconnect', 3), fill(en.outboxWaitReconnect_other.message, ['3']));
  assert.equal(t('retryNow'), en.retryNow.message);
  assert.equal(language(), 'en-US'); // English, as the browser's region writes it
});

test('the shipped words are in the UI language Chrome would pick, with its plural rules', () => {
  const fr = messages('fr');
  const french = page({ getMessage: empty, ui: 'fr-FR' });
  assert.equal(french.language(), 'fr-FR');
  assert.equal(french.t('retryNow'), fr.retryNow.message);
  assert.equal(french.tp('outboxWaitReconnect', 0), fill(fr.outboxWaitReconnect_one.message, ['0']));
  assert.equal(french.tp('outboxWaitReconnect', 2000), fill(fr.outboxWaitReconnect_other.message, ['2\u202f000']));
  assert.deepEqual(french.reads, [
    'chrome-extension://id/_locales/fr_FR/messages.json',
    'chrome-extension://id/_locales/fr/messages.json',
    'chrome-extension://id/_locales/en/messages.json'
  ]);
  const italian = page({ getMessage: empty, ui: 'it' }); // not shipped: English, as Chrome does
  assert.equal(italian.t('retryNow'), messages('en').retryNow.message);
});

test('no raw key for any counted message, in any shipped language', () => {
  for (const lang of ['en', 'fr', 'de', 'es', 'nl', 'pt']) {
    const { tp } = page({ getMessage: empty, ui: lang });
    for (const key of Object.keys(messages('en')).filter((k) => k.endsWith('_other'))) {
      const base = key.slice(0, -'_other'.length);
      for (const n of [0, 1, 2, 5, 1000000]) {
        const text = tp(base, n);
        assert.ok(text && !text.includes(base) && !/\$[1-9]/.test(text), `${lang} ${base} ${n}: ${text}`);
      }
    }
  }
});

test('a working chrome.i18n is used as it is, and the files are never read', () => {
  const answer = (key, subs) => (key === 'langCode' ? 'en' : `[${key}:${subs.join(',')}]`);
  const { t, tp, reads } = page({ getMessage: answer });
  assert.equal(t('retryNow'), '[retryNow:]');
  assert.equal(tp('outboxWaitReconnect', 1), '[outboxWaitReconnect_one:1]');
  assert.deepEqual(reads, []);
});

test('only a key no locale has shows as itself, and a throwing chrome.i18n is survived', () => {
  const { t } = page({ getMessage: empty });
  assert.equal(t('noSuchKeyAnywhere'), 'noSuchKeyAnywhere');
  const gone = page({ getMessage: () => { throw new Error('Extension context invalidated.'); } });
  assert.equal(gone.t('retryNow'), messages('en').retryNow.message);
  const unreadable = page({ getMessage: empty, readable: false }); // a content script
  assert.equal(unreadable.t('retryNow'), 'retryNow');
});

test('a content script that lost the messages gets them from the service worker', async () => {
  const bg = loadBackgroundServingFiles();
  const asked = [];
  const chrome = {
    i18n: { getMessage: empty, getUILanguage: () => 'de-AT' },
    runtime: {
      id: 'id',
      getURL: (file) => `chrome-extension://id/${file}`,
      sendMessage: (message) => {
        asked.push(JSON.parse(JSON.stringify(message))); // from the page's realm
        return bg.send(message, { url: 'https://www.linkedin.com/feed/' });
      }
    }
  };
  const sandbox = { chrome, Intl, Number, location: { href: 'https://www.linkedin.com/feed/' } };
  vm.runInNewContext(SOURCE, sandbox);
  assert.deepEqual(asked, [{ type: 'messages', locales: ['de_AT', 'de', 'en'] }]);
  for (let i = 0; i < 20 && sandbox.Firsthand.t('retryNow') === 'retryNow'; i++) await tick();
  const { t, tp } = sandbox.Firsthand;
  assert.equal(t('retryNow'), messages('de').retryNow.message);
  assert.equal(tp('outboxWaitReconnect', 1), fill(messages('de').outboxWaitReconnect_one.message, ['1']));
  const fetched = bg.server.requests.map((r) => r.url);
  assert.deepEqual(fetched, ['de_AT', 'de', 'en'].map((l) => `chrome-extension://id/_locales/${l}/messages.json`));
});

test('a content script with working messages asks nothing, and the worker reads only locale names', async () => {
  const asked = [];
  const chrome = {
    i18n: { getMessage: (key) => (key === '@@extension_id' ? 'id' : 'x'), getUILanguage: () => 'fr' },
    runtime: { id: 'id', getURL: (f) => f, sendMessage: async (m) => asked.push(m) }
  };
  vm.runInNewContext(SOURCE, { chrome, Intl, Number, location: { href: 'https://www.linkedin.com/feed/' } });
  assert.deepEqual(asked, []);
  const bg = loadBackground();
  bg.chrome.runtime.getURL = (file) => `chrome-extension://id/${file}`;
  bg.server.respond = () => ({ status: 404 });
  const reply = await bg.send({ type: 'messages', locales: ['../../manifest', 'fr', 'x'.repeat(9)] });
  assert.equal(reply.ok, true);
  assert.deepEqual(bg.server.requests.map((r) => r.url), ['fr', 'en'].map((l) => `chrome-extension://id/_locales/${l}/messages.json`));
});

test('the worker answers in the locale Chrome picked for the extension, whatever the script guessed', async () => {
  // Under --lang=de this Chromium's getUILanguage() says "en-US" while chrome.i18n speaks German:
  // a content script that lost its messages would otherwise show English on a German screen.
  const i18n = { getMessage: (key) => (key === 'langCode' ? 'de' : ''), getUILanguage: () => 'en-US' };
  const bg = loadBackgroundServingFiles({ i18n });
  const reply = await bg.send({ type: 'messages', locales: ['en_US', 'en'] });
  assert.equal(reply.data.retrynow, messages('de').retryNow.message);
  const portuguese = loadBackgroundServingFiles({ i18n: { ...i18n, getMessage: (k) => (k === 'langCode' ? 'pt-PT' : '') } });
  assert.equal((await portuguese.send({ type: 'messages', locales: ['en'] })).data.retrynow, messages('pt').retryNow.message);
});

test('sentence() ends a server\'s message with a full stop only where it has none', () => {
  const { sentence } = require('../../extension/lib/i18n.js');
  assert.equal(sentence('text: must be at most 10000 characters'), 'text: must be at most 10000 characters.');
  assert.equal(sentence('text: must be at most 10000 characters  '), 'text: must be at most 10000 characters.');
  for (const done of ['Already logged.', 'Wirklich?', '¡Ya está!', 'Bientôt…', 'Er sagte „fertig.“', 'See the popup (retry.)']) {
    assert.equal(sentence(done), done, done);
  }
  assert.equal(sentence(''), '');
});

test("one Portuguese for Brazil and Portugal, numbers as each country writes them", () => {
  const shown = (key) => (key === 'langCode' ? messages('pt').langCode.message : '');
  assert.equal(messages('pt').langCode.message, 'pt');
  const brazil = page({ getMessage: shown, ui: 'pt-BR' });
  const portugal = page({ getMessage: shown, ui: 'pt-PT' });
  assert.equal(brazil.language(), 'pt-BR');
  assert.equal(portugal.language(), 'pt-PT');
  assert.equal(brazil.number(12345), '12.345');
  assert.equal(portugal.number(12345), '12\u00a0345');
  // A browser in a language the extension does not speak keeps the language it is shown in.
  const italian = page({ getMessage: (key) => (key === 'langCode' ? 'en' : ''), ui: 'it-IT' });
  assert.equal(italian.language(), 'en');
});
