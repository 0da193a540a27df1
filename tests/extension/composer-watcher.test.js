'use strict';
/* The composer watcher's offer of a share card after a confirmed publish
   (content/composer-watcher.js): a failure while offering is caught, never an unhandled
   rejection in the page, and what it logs holds nothing of the draft or the post; the story the
   post told is dropped for the next post; "Not this story" un-picks it; a draft with no words to
   read is the empty panel, not an error. The story is followed by
   the real content/story.js; the watcher's other parts (panel, card, pending wait) are stand-ins. */
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const read = (name) => fs.readFileSync(path.resolve(__dirname, '../../extension/content', name), 'utf8');
const SOURCES = [read('story.js'), read('composer-watcher.js')];

function watcherWith(offer, answer = () => ({ ok: true })) {
  const logged = [];
  const sent = [];
  const log = (...args) => logged.push(args.map(String).join(' '));
  const context = {
    console: { log, info: log, warn: log, error: log, debug: log },
    chrome: { runtime: { sendMessage: async (message) => { sent.push(message); return answer(message); } } },
    ResizeObserver: class { observe() {} disconnect() {} },
    requestAnimationFrame: () => 0,
    Promise, Error, Date, JSON, clearTimeout
  };
  context.globalThis = context;
  vm.createContext(context);
  const ns = (context.Firsthand = {
    storage: {},
    dom: { el: (tag, attrs, ...children) => ({ tag, attrs, children, addEventListener() {} }) },
    t: (key) => key,
    afterPause: (fn) => fn,
    atMostEvery: (fn) => fn,
    SuggestionPanel: class {
      constructor({ lead }) { this.host = { isConnected: false }; this.lead = lead; this.state = { status: 'empty' }; }
      setAway() {}
      render() { ns.panelStory = ns.watcher.stories.shown.story; ns.panelParts = this.lead(); }
      refresh() { this.render(); }
      show(state) { this.state = state; (ns.panelStates = ns.panelStates || []).push(state); }
    },
    ShareCard: class { constructor() { this.shown = false; } offer(share, story) { return offer(share, story); } },
    PendingPublish: class { constructor(adapter, onConfirmed) { ns.onConfirmed = onConfirmed; } }
  });
  for (const source of SOURCES) vm.runInContext(source, context);
  const watcher = (ns.watcher = new ns.ComposerWatcher({ network: 'linkedin' }));
  return { watcher, onConfirmed: ns.onConfirmed, logged, sent, ns };
}

const found = { url: 'https://www.linkedin.com/feed/update/urn:li:share:7390000000000000001/',
  text: 'My secret draft about Acme.', hash: 'abc', length: 27, story: null };

test('a share card that fails to show is caught, and what is logged names neither draft nor post', async () => {
  const unhandled = [];
  const onUnhandled = (reason) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    const { onConfirmed, logged } = watcherWith((share) => {
      throw new Error(`cannot show ${share.url}: ${share.text}`);
    });
    await assert.doesNotReject(Promise.resolve(onConfirmed(found)));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(unhandled, []);
    assert.equal(logged.length, 1);
    assert.ok(!/secret|Acme|urn:li|linkedin\.com/.test(logged[0]), logged[0]);
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
});

test('a share card that shows logs nothing', async () => {
  const offered = [];
  const { onConfirmed, logged } = watcherWith((share, story) => offered.push([share, story]));
  await onConfirmed(found);
  assert.deepEqual(JSON.parse(JSON.stringify(offered)), [[{ url: found.url, network: 'linkedin', source: 'extension',
    text: found.text }, null]]);
  assert.deepEqual(logged, []);
});

const atlas = { id: 7, title: 'Atlas is live', questions: ['What did you build?'] };

test('a confirmed post that told a story is offered with it, and the story is not picked for the next post', async () => {
  const offered = [];
  const { onConfirmed, sent } = watcherWith((share, story) => offered.push(story));
  await onConfirmed({ ...found, story: atlas });
  assert.deepEqual(offered.map((story) => story.id), [7]);
  assert.deepEqual(JSON.parse(JSON.stringify(sent)), [{ type: 'storyTold', storyId: 7 }]);
  sent.length = 0;
  await onConfirmed(found); // a post about no story drops nothing
  assert.deepEqual(sent, []);
});

test('"Not this story" un-picks the story, even one the draft names by its link, until another is picked', async () => {
  const linked = 'Proud of https://acme.example/atlas';
  const { watcher, sent, ns } = watcherWith(() => {}, (message) => (message.type === 'storyFor'
    ? { ok: true, story: atlas, choices: [{ id: 7, title: atlas.title }] }
    : { ok: true, data: { reads_like_story: false } }));
  watcher.composer = { editor: {} };
  watcher.adapter.readText = () => linked;
  await watcher.stories.follow(linked);
  assert.equal(ns.panelStory.id, 7);
  assert.equal(ns.panelParts[0].attrs['data-story'], 7, 'the panel draws the story');
  await watcher.stories.pick(null);
  await watcher.stories.follow(linked);
  assert.equal(ns.panelStory, null);
  assert.equal(ns.panelParts[0].children[2].attrs['data-story-pick'], '', 'a choice of stories instead');
  assert.equal(watcher.stories.story, null, 'the share card will not offer it either');
  assert.ok(sent.some((m) => m.type === 'pickStory' && m.storyId === null), 'the background forgets the pick');
  await watcher.stories.pick(7);
  await watcher.stories.follow(linked);
  assert.equal(ns.panelStory.id, 7);
});

test('a draft the server finds no words in (punctuation, emoji) shows the empty panel, not a refusal', async () => {
  const refusal = { ok: false, kind: 'bad_request', status: 422,
    data: { error: { code: 'no_words', message: 'The draft has no words to read yet.' } } };
  const other = { ok: false, kind: 'bad_request', status: 422, data: { error: { code: 'invalid' } } };
  let answer = refusal;
  const { watcher, ns } = watcherWith(() => {}, (message) => (message.type === 'suggest' ? answer
    : { ok: true, data: { reads_like_story: false } }));
  Object.assign(watcher, { composer: { editor: {} }, live: true });
  watcher.adapter.readText = () => '🎉 ...';
  await watcher.refresh();
  assert.deepEqual(JSON.parse(JSON.stringify(ns.panelStates)), [{ status: 'loading' }, { status: 'empty' }]);
  answer = other; // any other refusal is still the general ideas with their note
  ns.storage.read = async () => []; // no angles kept: the general ideas
  ns.genericAngles = () => [];
  await watcher.refresh();
  assert.equal(ns.panelStates.at(-1).status, 'fallback');
  assert.equal(ns.panelStates.at(-1).reason, 'bad_request');
});

test('the panel asks about the employee\'s own words, not the picked story\'s question they started with', async () => {
  const { watcher, sent, ns } = watcherWith(() => {}, (message) => (message.type === 'storyFor'
    ? { ok: true, story: atlas, choices: [] }
    : message.type === 'suggest' ? { ok: true, data: { voice: {}, angles: [] } }
      : { ok: true, data: { reads_like_story: false } }));
  Object.assign(watcher, { composer: { editor: {} }, live: true });
  let draft = 'What did you build?';
  watcher.adapter.readText = () => draft;
  await watcher.stories.follow(draft);
  await watcher.refresh(); // the question alone: nothing of theirs to read yet
  assert.deepEqual(JSON.parse(JSON.stringify(ns.panelStates.at(-1))), { status: 'empty' });
  assert.ok(!sent.some((m) => m.type === 'suggest'));
  draft = 'What did you build?\nThe export engine, nine months of it.';
  await watcher.refresh();
  const asked = sent.filter((m) => m.type === 'suggest').map((m) => m.text.trim());
  assert.deepEqual(asked, ['The export engine, nine months of it.']);
});

test('a composer the site removed puts the panel out of sight, never at the window\'s corner', () => {
  // Post closes LinkedIn's composer; until the next rescan it is still the watcher's, and the
  // ResizeObserver reports its dialog at zero size: laid out for that, the panel jumped to
  // (12, 8) over the page's header with the last angles, and the share card was laid out
  // around a composer of no size.
  const { watcher, ns } = watcherWith(() => {});
  const laidOut = [];
  let moves = 0;
  ns.layout = { mountPointFor: (composer) => (composer ? 'dialog' : 'page'), wordsSignature: () => '',
    signature: () => `moved-${++moves}`, // the dialog's box changed each time
    geometryOf: (composer) => ({ for: composer.editor.name }),
    pageGeometry: () => ({ for: 'page' }) };
  const panel = Object.assign(watcher.panel, { host: { isConnected: true }, version: 0, away: false, floats: () => false,
    mount() {}, place: (geometry) => laidOut.push(['panel', geometry.for]), setAway(away) { panel.away = away; } });
  Object.assign(watcher.card, { shown: true, mount: (at) => laidOut.push(['card in', at]),
    place: (geometry) => laidOut.push(['card', geometry.for]) });
  watcher.adapter.postButton = () => null;
  const editor = { name: 'editor', isConnected: true };
  watcher.composer = { editor, dialog: {} };

  watcher.place();
  assert.deepEqual(laidOut.splice(0), [['panel', 'editor'], ['card in', 'dialog'], ['card', 'editor']]);
  assert.equal(panel.away, false);

  editor.isConnected = false; // the site removed the composer; the rescan has not run yet
  watcher.place();
  assert.equal(panel.away, true, 'out of sight');
  assert.deepEqual(laidOut.splice(0), [['card in', 'page'], ['card', 'page']], 'not laid out for a composer of no size');

  editor.isConnected = true; // the site put the same editor back: the panel comes back with it
  watcher.place();
  assert.equal(panel.away, false);
  assert.deepEqual(laidOut.splice(0, 1), [['panel', 'editor']]);
});

test('a refused connection reaches the panel with the server\'s code, which words it', async () => {
  let answer = { ok: false, kind: 'unauthorized', status: 401, code: 'token_revoked', error: 'This token was revoked.' };
  const { watcher, ns } = watcherWith(() => {}, (message) => (message.type === 'suggest' ? answer : { ok: true }));
  Object.assign(watcher, { composer: { editor: {} }, live: true });
  watcher.adapter.readText = () => 'I spent the week on our import screen.';
  await watcher.refresh();
  assert.deepEqual(JSON.parse(JSON.stringify(ns.panelStates.at(-1))), { status: 'reconnect', code: 'token_revoked' });
  answer = { ok: false, kind: 'unauthorized', status: 401, code: 'token_expired', error: 'Your token has expired.' };
  await watcher.refresh();
  assert.deepEqual(JSON.parse(JSON.stringify(ns.panelStates.at(-1))), { status: 'reconnect', code: 'token_expired' });
});

test('while the server reads a first draft the panel says so; suggestions shown stay until new ones come', async () => {
  let answer = null;
  const { watcher, ns } = watcherWith(() => {}, (message) => (message.type === 'suggest'
    ? new Promise((resolve) => { answer = resolve; }) : { ok: true }));
  Object.assign(watcher, { composer: { editor: {} }, live: true });
  watcher.adapter.readText = () => 'I spent the week on our import screen.';
  const first = watcher.refresh();
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(ns.panelStates.map((s) => s.status), ['loading'], 'not "Write a line or two…" over a written sentence');
  answer({ ok: true, data: { voice: { label: 'personal' }, angles: [] } });
  await first;
  assert.deepEqual(ns.panelStates.map((s) => s.status), ['loading', 'ready']);
  const second = watcher.refresh(); // more words: the suggestions shown are kept meanwhile
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(ns.panelStates.map((s) => s.status), ['loading', 'ready']);
  answer({ ok: true, data: { voice: { label: 'personal' }, angles: [] } });
  await second;
  assert.deepEqual(ns.panelStates.map((s) => s.status), ['loading', 'ready', 'ready']);
});
