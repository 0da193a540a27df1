'use strict';
/* What the "Log this share" card (content/share-card.js) says after a log: a refused share's
   reason from the server, then where the share is kept, as two sentences; and why a share
   waits, by the kind of the failure and the server's code. The card runs with the real
   lib/i18n.js and the English messages; its DOM is a stand-in tree of {tag, attrs, children}. */
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const EXTENSION = path.resolve(__dirname, '../../extension');
const read = (file) => fs.readFileSync(path.join(EXTENSION, file), 'utf8');
const ENGLISH = JSON.parse(read('_locales/en/messages.json'));
const english = (key, subs = []) => (ENGLISH[key] ? ENGLISH[key].message.replace(/\$([1-9])/g, (_, n) => subs[n - 1]) : '');

function node(tag, attrs = {}, ...children) {
  return { tag, attrs, children: children.flat().filter((c) => c !== null && c !== undefined && c !== false),
    style: {}, dataset: {}, hidden: false,
    replaceChildren(...kids) { this.children = kids; },
    append(...kids) { this.children.push(...kids); },
    querySelector: () => null,
    getBoundingClientRect: () => ({ height: 0 }),
    remove() {} };
}
const textOf = (n) => (typeof n === 'string' ? n : n.children.map(textOf).join(''));
const find = (n, test) => (typeof n === 'string' ? null : test(n) ? n : n.children.map((c) => find(c, test)).find(Boolean) || null);

/** A card, with `getMessage` standing for chrome.i18n. */
function card() {
  const context = { chrome: { i18n: { getMessage: english, getUILanguage: () => 'en' } }, setTimeout, clearTimeout };
  context.globalThis = context;
  vm.createContext(context);
  vm.runInContext(read('lib/i18n.js'), context);
  vm.runInContext(read('lib/share-url.js'), context); // zeroReasonKey
  const ns = context.Firsthand;
  ns.el = node;
  ns.dom = { el: node, shadowHost: () => ({ host: node('firsthand-share-card'), shadow: node('#shadow') }), raise() {} };
  vm.runInContext(read('content/share-card.js'), context);
  return new ns.ShareCard({ onLog: async () => ({}) });
}

test('a refused share\'s reason and where it is kept are two sentences', () => {
  const shown = card();
  shown.showResult({ ok: false, kind: 'bad_request', status: 422, error: 'text: must be at most 10000 characters' });
  assert.equal(textOf(find(shown.body, (n) => n.attrs.role === 'alert')),
    'text: must be at most 10000 characters. It is kept in the Firsthand popup, where you can retry or discard it.');
  shown.showResult({ ok: false, kind: 'bad_request', status: 409, error: 'Already logged by another employee.' });
  assert.equal(textOf(find(shown.body, (n) => n.attrs.role === 'alert')),
    'Already logged by another employee. It is kept in the Firsthand popup, where you can retry or discard it.');
});

test('a share waiting for a new connection says why by the server\'s 401 code', () => {
  const shown = card();
  const said = (code) => {
    shown.showResult({ ok: false, queued: true, kind: 'unauthorized', code, error: 'from the server' });
    return textOf(find(shown.body, (n) => n.attrs.role === 'status'));
  };
  assert.equal(said('token_revoked'), english('queuedRevoked'));
  assert.match(said('token_revoked'), /An admin ended your Firsthand connection/);
  assert.doesNotMatch(said('token_revoked'), /expired/);
  assert.match(said('account_deactivated'), /account is deactivated/);
  for (const code of ['token_expired', 'token_invalid', undefined]) assert.equal(said(code), english('queuedUnauthorized'), String(code));
  assert.match(said('token_expired'), /has expired/);
});

test('a log that timed out says the server is slow, and that the share is never counted twice', () => {
  const shown = card();
  shown.showResult({ ok: false, queued: true, kind: 'timeout', error: 'The Firsthand server is taking too long to answer.' });
  const said = textOf(find(shown.body, (n) => n.attrs.role === 'status'));
  assert.match(said, /taking too long to answer/);
  assert.match(said, /never counted twice/);
  assert.doesNotMatch(said, /cannot be reached/);
  shown.showResult({ ok: false, queued: true, kind: 'offline', error: 'The Firsthand server cannot be reached.' });
  assert.match(textOf(find(shown.body, (n) => n.attrs.role === 'status')), /cannot be reached/);
});

const logged = (breakdown, extra = {}) => ({ ok: true, data: { duplicate: false, points_awarded: breakdown.reduce((sum, e) => sum + e.points, 0),
  points_breakdown: breakdown, total_points: 45, level: { name: 'Newcomer' }, new_badges: [], share: { zero_reason: null }, ...extra } });

test('the card says what earned the points, rule by rule, in the server\'s labels', () => {
  const shown = card();
  shown.showResult(logged([{ rule: 'share_logged', points: 10, label: 'Logged a share' }, { rule: 'own_voice', points: 15, label: 'In your own voice' },
    { rule: 'unlabelled', points: 5 }, { rule: 'weekly_streak', points: 0, label: 'Weekly streak' }]));
  const list = find(shown.body, (n) => 'data-breakdown' in n.attrs);
  assert.deepEqual(list.children.map(textOf), ['Logged a share+10', 'In your own voice+15']);
  const points = find(shown.body, (n) => n.attrs.class === 'points');
  assert.equal(textOf(points), '+30 points');
  assert.equal(points.attrs.role, 'status'); // heard, also when a share saved for later lands
});

test('no breakdown for a retry, for a share that earned nothing, or with no labels', () => {
  const shown = card();
  const listed = () => find(shown.body, (n) => 'data-breakdown' in n.attrs);
  shown.showResult(logged([{ rule: 'share_logged', points: 10, label: 'Logged a share' }], { duplicate: true }));
  assert.equal(listed(), null);
  shown.showResult(logged([{ rule: 'stale_post', points: 0 }]));
  assert.equal(listed(), null);
  assert.ok(find(shown.body, (n) => 'data-zero-why' in n.attrs));
  shown.showResult(logged([{ rule: 'share_logged', points: 10 }]));
  assert.equal(listed(), null);
});

test('a share saved for later is shown logged when the outbox delivers it, and only that share', async () => {
  const shown = card();
  shown.onLog = async () => ({ ok: false, queued: true, kind: 'offline' });
  shown.mount = () => {};
  shown.offer({ url: 'https://www.linkedin.com/feed/update/urn:li:activity:1/', network: 'linkedin' });
  await shown.log();
  assert.equal(textOf(find(shown.body, (n) => n.tag === 'h2')), english('cardSaved'));
  shown.settled('https://www.linkedin.com/feed/update/urn:li:activity:2/', logged([{ rule: 'share_logged', points: 10, label: 'Logged a share' }]));
  assert.equal(textOf(find(shown.body, (n) => n.tag === 'h2')), english('cardSaved'));
  shown.settled('https://www.linkedin.com/feed/update/urn:li:activity:1/', logged([{ rule: 'share_logged', points: 10, label: 'Logged a share' }]));
  assert.equal(textOf(find(shown.body, (n) => n.tag === 'h2')), english('cardLogged'));
  // Already showing the outcome: a second word (another tab's delivery of the same link) changes nothing.
  shown.settled('https://www.linkedin.com/feed/update/urn:li:activity:1/', { ok: false, kind: 'bad_request', error: 'late' });
  assert.equal(textOf(find(shown.body, (n) => n.tag === 'h2')), english('cardLogged'));
});

test('a log answered by a page that is not the server\'s says so, and that the share waits', () => {
  const shown = card();
  shown.showResult({ ok: false, queued: true, kind: 'unreadable', error: 'The Firsthand server’s answer could not be read.' });
  const said = textOf(find(shown.body, (n) => n.attrs.role === 'status'));
  assert.equal(said, english('queuedUnreadable'));
  assert.doesNotMatch(said, /cannot be reached/);
  // An answer with nothing in it is never shown as logged (nor does the card fail on it).
  shown.showResult({ ok: true, status: 200, data: null });
  assert.match(textOf(shown.body), new RegExp(english('cardNotLogged')));
});

test('an offer is said once it is in the page, naming the shortcut that reaches it', async () => {
  const shown = card();
  shown.mount = () => {};
  assert.equal(shown.focus(), false, 'no card: nothing to go to');
  shown.offer({ url: 'https://www.linkedin.com/feed/update/urn:li:activity:3/', network: 'linkedin' });
  assert.equal(shown.said.textContent || '', '', 'set after the region is in the page, or it is not read');
  await new Promise((resolve) => setTimeout(resolve, 350));
  assert.equal(shown.said.textContent, english('cardAnnounce', ['Alt+Shift+F']));
  assert.equal(shown.said.attrs.role, 'status');
  assert.equal(find(shown.body, (n) => n.attrs['data-action'] === 'log').attrs['aria-keyshortcuts'], 'Alt+Shift+F');
});
