'use strict';
/* The composer watcher's offer of a share card after a confirmed publish
   (content/composer-watcher.js): a failure while offering is caught, never an unhandled
   rejection in the page, and what it logs holds nothing of the draft or the post. The watcher's
   parts (panel, card, pending wait) are stand-ins here. */
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const SOURCE = fs.readFileSync(path.resolve(__dirname, '../../extension/content/composer-watcher.js'), 'utf8');

function watcherWith(offer) {
  const logged = [];
  const log = (...args) => logged.push(args.map(String).join(' '));
  const context = {
    console: { log, info: log, warn: log, error: log, debug: log },
    chrome: { runtime: { sendMessage: async () => ({ ok: true }) } },
    ResizeObserver: class { observe() {} disconnect() {} },
    requestAnimationFrame: () => 0,
    Promise, Error, Date, JSON
  };
  context.globalThis = context;
  vm.createContext(context);
  const ns = (context.Firsthand = {
    storage: {},
    afterPause: (fn) => fn,
    atMostEvery: (fn) => fn,
    SuggestionPanel: class { constructor() { this.host = { isConnected: false }; } },
    ShareCard: class { constructor() { this.shown = false; } offer(share, story) { return offer(share, story); } },
    PendingPublish: class { constructor(adapter, onConfirmed) { ns.onConfirmed = onConfirmed; } }
  });
  vm.runInContext(SOURCE, context);
  const watcher = new ns.ComposerWatcher({ network: 'linkedin' });
  return { watcher, onConfirmed: ns.onConfirmed, logged };
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
