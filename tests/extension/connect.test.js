'use strict';
/* content/connect.js speaks through lib/i18n.js, as the other content scripts do: when
   chrome.i18n.getMessage answers '' for the words the extension ships (a renderer that lost its
   messages), it waits for the catalogue the service worker reads from _locales instead of
   showing raw keys such as "connectDone" on the connect page. */
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { loadBackgroundServingFiles, tick } = require('./support/background.js');

const EXTENSION = path.join(__dirname, '..', '..', 'extension');
const MANIFEST = JSON.parse(fs.readFileSync(path.join(EXTENSION, 'manifest.json'), 'utf8'));
const SCRIPTS = MANIFEST.content_scripts.find((c) => c.js.includes('content/connect.js')).js;
const messages = (lang) => JSON.parse(fs.readFileSync(path.join(EXTENSION, '_locales', lang, 'messages.json'), 'utf8'));
const fill = (text, subs) => text.replace(/\$([1-9])/g, (_, n) => subs[n - 1]);
const PAGE = 'http://127.0.0.1:5000/connect/done';

/** A connect page in `state` with its status box (and form), running the manifest's scripts for
    it in order, with a chrome whose i18n answers `getMessage`. */
function connectPage({ getMessage, ui, state, say = {}, reply = { ok: true, data: { user: { name: 'Ann Example' } } }, stored = {}, pageUrl = PAGE }) {
  const bg = loadBackgroundServingFiles();
  Object.assign(bg.storage.data, stored);
  const asked = [];
  const submitted = [];
  const box = { textContent: 'server text', hidden: state === 'used', dataset: state === 'confirm' || state === 'used'
    ? { state, ...say }
    : { server: 'http://127.0.0.1:5000', token: 'tok', userName: 'Ann Example', ...say } };
  const form = { hidden: true, requestSubmit: () => submitted.push(box.textContent) };
  const notice = { hidden: false }; // "install the extension first": what a browser without it sees
  const byHand = { hidden: false }; // "Connect by hand instead"
  const after = []; // what the script puts after the status box (the switch question's buttons)
  box.after = (element) => after.push(element);
  const element = (tagName) => {
    const listeners = {};
    const made = {
      tagName, children: [], className: '', removed: false,
      append: (...children) => made.children.push(...children),
      remove: () => { made.removed = true; },
      addEventListener: (type, fn) => { listeners[type] = fn; },
      click: () => listeners.click && listeners.click()
    };
    return made;
  };
  const document = {
    documentElement: { dataset: {} },
    createElement: element,
    getElementById: (id) => ({
      'firsthand-connect': box,
      'firsthand-connect-form': state === 'confirm' ? form : null,
      'firsthand-no-extension': state === 'confirm' ? notice : null,
      'firsthand-by-hand': state === 'confirm' ? byHand : null
    })[id]
  };
  const chrome = {
    i18n: { getMessage, getUILanguage: () => ui },
    runtime: {
      id: 'id',
      getURL: (file) => `chrome-extension://id/${file}`,
      sendMessage: async (message) => {
        asked.push(message.type);
        if (message.type === 'connect') return reply;
        return bg.send(JSON.parse(JSON.stringify(message)), { url: pageUrl });
      }
    }
  };
  const sandbox = { chrome, document, Intl, Number, location: { href: PAGE } };
  vm.createContext(sandbox);
  for (const file of SCRIPTS) vm.runInContext(fs.readFileSync(path.join(EXTENSION, file), 'utf8'), sandbox);
  return { box, asked, submitted, form, notice, byHand, after, document, bg };
}

async function settled(box, predicate) {
  for (let i = 0; i < 50 && !predicate(box); i++) await tick();
}

test('the manifest loads lib/i18n.js before the connect page script', () => {
  assert.deepEqual(SCRIPTS, ['lib/i18n.js', 'content/connect.js']);
});

test('with chrome.i18n blank, the token page says "connected" in the browser language, not a key', async () => {
  const { box, asked } = connectPage({ getMessage: () => '', ui: 'fr-FR', state: 'connected' });
  await settled(box, (b) => b.dataset.state === 'connected');
  assert.deepEqual(asked, ['messages', 'connect']); // the words first, then the hand-over
  assert.equal(box.textContent, fill(messages('fr').connectDone.message, ['Ann Example']));
  assert.equal(box.dataset.token, undefined, 'connected: the token leaves the page');
});

test('with chrome.i18n blank, the confirm page is submitted under the shipped German words', async () => {
  const { box, submitted } = connectPage({ getMessage: () => '', ui: 'de', state: 'confirm' });
  await settled(box, () => submitted.length > 0);
  assert.deepEqual(submitted, [messages('de').connectConnecting.message]);
});

test('on the confirm page the extension shows "Connect this browser" and hides the install notice at once', () => {
  // Synchronously, before any words are ready: the page offers the button only where we are.
  const { form, notice, document } = connectPage({ getMessage: () => '', ui: 'en', state: 'confirm' });
  assert.equal(form.hidden, false);
  assert.equal(notice.hidden, true);
  assert.equal(document.documentElement.dataset.firsthandExtension, 'present');
});

test('a working chrome.i18n is used as it is, and nothing is asked of the worker', async () => {
  const answer = (key, subs) => (key === '@@extension_id' ? 'id' : `[${key}:${(subs || []).join(',')}]`);
  const { box, asked } = connectPage({ getMessage: answer, ui: 'en', state: 'connected' });
  await settled(box, (b) => b.dataset.state === 'connected');
  assert.deepEqual(asked, ['connect']);
  assert.equal(box.textContent, '[connectDone:Ann Example]');
});

/* The server writes what the script says on its page in the page's language (data-say-*, from
   server/firsthand/locales): a German page in an English browser says "Verbunden als …", not the
   extension's English. */
const GERMAN = JSON.parse(fs.readFileSync(path.join(EXTENSION, '..', 'server', 'firsthand', 'locales', 'de.json'), 'utf8'));
const SAY = {
  sayConnecting: GERMAN['connect.script.connecting'],
  sayDone: GERMAN['connect.script.done'].replace('{name}', 'Ann Example'),
  sayFailedOffline: GERMAN['connect.script.failed.offline'],
  sayReload: GERMAN['connect.script.reload']
};
const english = (key, subs) => (key === '@@extension_id' ? 'id' : fill(messages('en')[key].message, subs || []));

test('a page that gives its own words is spoken in them, not in the extension\'s language', async () => {
  const { box } = connectPage({ getMessage: english, ui: 'en-US', state: 'connected', say: SAY });
  await settled(box, (b) => b.dataset.state === 'connected');
  assert.equal(box.textContent, 'Verbunden als Ann Example. Sie können diesen Tab schließen und mit dem Schreiben beginnen.');
});

test('the confirm page is submitted under the page\'s "connecting" words', async () => {
  const { box, submitted } = connectPage({ getMessage: english, ui: 'en', state: 'confirm', say: SAY });
  await settled(box, () => submitted.length > 0);
  assert.deepEqual(submitted, [GERMAN['connect.script.connecting']]);
});

test('a failure is told in the page\'s words for its kind, or its "reload" for a kind it does not name', async () => {
  const offline = { ok: false, kind: 'offline', error: 'The Firsthand server cannot be reached.' };
  const first = connectPage({ getMessage: english, ui: 'en', state: 'connected', say: SAY, reply: offline });
  await settled(first.box, (b) => b.dataset.state === 'failed');
  assert.equal(first.box.textContent, GERMAN['connect.script.failed.offline']);
  const limited = { ok: false, kind: 'rate_limited', error: 'Too many requests for now.' };
  const second = connectPage({ getMessage: english, ui: 'en', state: 'connected', say: SAY, reply: limited });
  await settled(second.box, (b) => b.dataset.state === 'failed');
  assert.equal(second.box.textContent, GERMAN['connect.script.reload']);
});

test('a page without its own words (an older server) keeps the extension\'s', async () => {
  const refused = { ok: false, kind: 'bad_request', error: 'This page is not on the server it names.' };
  const { box } = connectPage({ getMessage: english, ui: 'en', state: 'connected', reply: refused });
  await settled(box, (b) => b.dataset.state === 'failed');
  assert.equal(box.textContent, 'The extension could not connect: This page is not on the server it names.'); // one full stop
});

/* A used link opened again in a browser already connected to this server says so, by name:
   the person learns there is nothing left to do. Only the connected server's own page hears a
   name; a browser connected elsewhere, or not at all, leaves the page as the server wrote it. */
const USED_SAY = { sayConnectedAs: GERMAN['connect.script.connected_as'] };
const ANN = { user: { id: 7, name: 'Ann $& Example' } };

test('a used link\'s page names who this browser is connected as, in the page\'s words', async () => {
  const { box, asked } = connectPage({ getMessage: english, ui: 'en', state: 'used', say: USED_SAY, stored: ANN });
  await settled(box, (b) => !b.hidden);
  assert.deepEqual(asked, ['connectedHere']);
  assert.equal(box.textContent, GERMAN['connect.script.connected_as'].replace('{name}', () => 'Ann $& Example'));
  assert.match(box.textContent, /Ann \$& Example/); // a name is text, never a replacement pattern
});

test('without the page\'s words, a used link\'s page says it in the extension\'s', async () => {
  const { box } = connectPage({ getMessage: english, ui: 'en', state: 'used', stored: ANN });
  await settled(box, (b) => !b.hidden);
  assert.equal(box.textContent, fill(messages('en').connectAlreadyAs.message, ['Ann $& Example']));
});

test('a browser connected to another server, or to none, shows nothing on a used link\'s page', async () => {
  const elsewhere = { ...ANN, server: 'https://firsthand.other.example' };
  for (const stored of [elsewhere, { token: null, user: null }]) {
    const { box, asked } = connectPage({ getMessage: english, ui: 'en', state: 'used', say: USED_SAY, stored });
    await settled(box, () => asked.length > 0);
    for (let i = 0; i < 10; i++) await tick();
    assert.equal(box.hidden, true);
    assert.equal(box.textContent, 'server text');
  }
});

test('only the connected server\'s own pages learn who is connected', async () => {
  const bg = loadBackgroundServingFiles();
  Object.assign(bg.storage.data, ANN);
  const ask = async (url) => JSON.parse(JSON.stringify(await bg.send({ type: 'connectedHere' }, { url })));
  const here = { here: true, name: 'Ann $& Example', id: 7, elsewhere: null };
  assert.deepEqual(await ask('http://127.0.0.1:5000/connect?invite=x'), { ok: true, data: here });
  for (const url of ['https://evil.example/connect', 'http://127.0.0.1:5001/connect', 'http://localhost:5000/connect']) {
    // Another server's connect page learns where this browser is connected (to ask before
    // switching it away), never as whom.
    const elsewhere = { here: false, name: null, id: null, elsewhere: 'http://127.0.0.1:5000' };
    assert.deepEqual(await ask(url), { ok: true, data: elsewhere }, String(url));
  }
  const nobody = { here: false, name: null, id: null, elsewhere: null };
  assert.deepEqual(await ask(undefined), { ok: true, data: nobody });
  delete bg.storage.data.token;
  assert.deepEqual(await ask('http://127.0.0.1:5000/connect?invite=x'), { ok: true, data: nobody });
});

/* A browser connected as someone else is asked before a colleague's link switches it (a hunt:
   the page pressed "Connect this browser" by itself, and Eve's later shares went to the
   colleague's account). Keeping the connection spends nothing; the same person, or a browser not
   connected, is connected at once as before. */
const serverWords = (lang) => JSON.parse(fs.readFileSync(path.join(EXTENSION, '..', 'server', 'firsthand', 'locales', `${lang}.json`), 'utf8'));
/** The confirm page's status box as the server writes it for the link's person (templates/connect.html). */
function confirmBox(lang, person) {
  const words = { ...serverWords('en'), ...serverWords(lang) };
  const w = (key) => words[`connect.script.switch.${key}`].replace(/\{name\}/g, () => person.name);
  return {
    userId: String(person.id), userName: person.name, sayConnecting: words['connect.script.connecting'],
    saySwitchCurrent: w('current'), saySwitchElsewhere: w('elsewhere'), saySwitchQuestion: w('question'),
    saySwitchButton: w('button'), saySwitchKeep: w('keep'), saySwitchKeepElsewhere: w('keep_elsewhere'),
    saySwitchKept: w('kept')
  };
}
const BOB = { id: 8, name: 'Bob $1 Builder' };
const ANN_HERE = { user: { id: 7, name: 'Ann $& Example' } };

async function asked(page) {
  await settled(page.box, (b) => b.dataset.state !== 'confirm' || page.submitted.length > 0);
  return page;
}

test('connected here as someone else, the confirm page asks before switching, in the page\'s words', async () => {
  const page = await asked(connectPage({ getMessage: english, ui: 'en', state: 'confirm', say: confirmBox('en', BOB), stored: ANN_HERE }));
  assert.deepEqual(page.submitted, [], 'nothing pressed: the link stays unspent');
  assert.equal(page.box.dataset.state, 'switch');
  assert.equal(page.box.textContent, 'This browser is connected to Firsthand as Ann $& Example. '
    + 'This link is for Bob $1 Builder. Switch this browser to Bob $1 Builder?');
  assert.equal(page.form.hidden, true, '"Connect this browser" would switch without the question');
  assert.equal(page.byHand.hidden, true, 'so would the by-hand path (this extension takes its token)');
  const [choices] = page.after;
  assert.deepEqual(choices.children.map((b) => [b.tagName, b.type, b.textContent, b.className]), [
    ['button', 'button', 'Switch to Bob $1 Builder', ''],
    ['button', 'button', 'Stay connected as Ann $& Example', 'secondary']
  ]);
  choices.children[1].click();
  assert.equal(choices.removed, true);
  assert.equal(page.box.dataset.state, 'kept');
  assert.equal(page.box.textContent, 'This browser is connected to Firsthand as Ann $& Example. '
    + 'Nothing has changed, and this link has not been used: it still works for Bob $1 Builder.');
  for (let i = 0; i < 10; i++) await tick();
  assert.deepEqual(page.submitted, []);
  assert.deepEqual(page.bg.storage.data.user, ANN_HERE.user);
});

test('"Switch to …" presses "Connect this browser" for the link\'s person', async () => {
  const page = await asked(connectPage({ getMessage: english, ui: 'en', state: 'confirm', say: confirmBox('en', BOB), stored: ANN_HERE }));
  page.after[0].children[0].click();
  assert.deepEqual(page.submitted, [serverWords('en')['connect.script.connecting']]);
  assert.equal(page.after[0].removed, true);
});

test('connected here as the link\'s own person, or not connected, the page is pressed at once', async () => {
  const ann = { id: 7, name: 'Ann $& Example' };
  for (const stored of [ANN_HERE, { user: null }, { token: null, user: ANN_HERE.user }]) {
    const page = await asked(connectPage({ getMessage: english, ui: 'en', state: 'confirm', say: confirmBox('en', ann), stored }));
    assert.deepEqual(page.submitted, [serverWords('en')['connect.script.connecting']], JSON.stringify(stored));
    assert.deepEqual(page.after, []);
  }
});

test('connected to another server, the page names that server (it cannot know the person) and asks', async () => {
  const elsewhere = { ...ANN_HERE, server: 'https://firsthand.acme.example' };
  const page = await asked(connectPage({ getMessage: english, ui: 'en', state: 'confirm', say: confirmBox('fr', BOB), stored: elsewhere }));
  assert.deepEqual(page.submitted, []);
  assert.equal(page.box.textContent, 'Ce navigateur est connecté à un autre serveur Firsthand (https://firsthand.acme.example). '
    + 'Ce lien est destiné à Bob $1 Builder. Passer ce navigateur à Bob $1 Builder\u202f?');
  assert.doesNotMatch(page.box.textContent, /Ann/);
  assert.deepEqual(page.after[0].children.map((b) => b.textContent), ['Passer à Bob $1 Builder', 'Garder la connexion actuelle']);
  page.after[0].children[1].click();
  assert.equal(page.box.textContent, 'Ce navigateur est connecté à un autre serveur Firsthand (https://firsthand.acme.example). '
    + 'Rien n’a changé et ce lien n’a pas été utilisé\u00a0: il fonctionne toujours pour Bob $1 Builder.');
  assert.equal(page.bg.storage.data.server, 'https://firsthand.acme.example');
});

test('a page that does not say whose link it is (an older server) asks a connected browser, in the extension\'s words', async () => {
  const page = await asked(connectPage({ getMessage: english, ui: 'en', state: 'confirm', stored: ANN_HERE }));
  assert.deepEqual(page.submitted, []);
  const en = messages('en');
  assert.equal(page.box.textContent, `${fill(en.connectSwitchCurrent.message, ['Ann $& Example'])} ${en.connectSwitchQuestionUnknown.message}`);
  assert.deepEqual(page.after[0].children.map((b) => b.textContent),
    [en.connectSwitchButtonUnknown.message, fill(en.connectSwitchKeep.message, ['Ann $& Example'])]);
  page.after[0].children[1].click();
  assert.equal(page.box.textContent, `${fill(en.connectSwitchCurrent.message, ['Ann $& Example'])} ${en.connectSwitchKeptUnknown.message}`);
});

test('a page that names the person but has no words of its own asks in the extension\'s', async () => {
  const say = { userId: '8', userName: 'Bob $1 Builder' };
  const page = await asked(connectPage({ getMessage: () => '', ui: 'de', state: 'confirm', say, stored: { ...ANN_HERE, server: 'https://a.example' } }));
  const de = messages('de');
  assert.equal(page.box.textContent, `${fill(de.connectSwitchElsewhere.message, ['https://a.example'])} ${fill(de.connectSwitchQuestion.message, ['Bob $1 Builder'])}`);
  assert.deepEqual(page.after[0].children.map((b) => b.textContent),
    [fill(de.connectSwitchButton.message, ['Bob $1 Builder']), de.connectSwitchKeepElsewhere.message]);
});
