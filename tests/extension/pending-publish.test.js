'use strict';
/* The wait for a publish after a Post click (content/pending-publish.js), kept in the tab's
   sessionStorage so the next page load resumes it, and the draft's words held by the service
   worker (background/router.js holdDraft / heldDraft). */
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { loadBackground } = require('./support/background.js');
const { canonicalLinkedinUrl } = require('../../extension/lib/share-url.js');

const SOURCE = fs.readFileSync(path.resolve(__dirname, '../../extension/content/pending-publish.js'), 'utf8');
const NEW_POST = fs.readFileSync(path.resolve(__dirname, '../../extension/lib/new-post.js'), 'utf8');
const KEY = 'firsthand:pendingPublish';

function fakeSessionStorage() {
  const data = new Map();
  return { getItem: (k) => (data.has(k) ? data.get(k) : null), setItem: (k, v) => data.set(k, String(v)),
    removeItem: (k) => data.delete(k), data };
}

/** A page: the module loaded afresh over the tab's sessionStorage, with a fake adapter whose
    toasts link to `links` and whose feed shows `shown`. */
function page(sessionStorage, links = [], shown = [], feedConfirms = false) {
  const context = { sessionStorage, setInterval, clearInterval, Date, JSON, Math, Set, Array, BigInt, Number };
  context.globalThis = context;
  vm.createContext(context);
  vm.runInContext(NEW_POST, context);
  vm.runInContext(SOURCE, context);
  const adapter = { network: 'linkedin', links: new Set(links), publishedLinks() { return new Set(this.links); },
    postsOnPage: () => shown, canonicalUrl: canonicalLinkedinUrl, feedConfirms };
  const confirmed = [];
  const pending = new context.Firsthand.PendingPublish(adapter, (found) => confirmed.push(found));
  return { pending, adapter, confirmed };
}

const post = (n) => `https://www.linkedin.com/feed/update/urn:li:share:${(BigInt(Date.now()) << 22n) + BigInt(n)}/`;
const at = (ms, kind = 'share', n = 0) =>
  `https://www.linkedin.com/feed/update/urn:li:${kind}:${(BigInt(ms) << 22n) + BigInt(n)}/`;
const until = async (fn) => { for (let i = 0; i < 40 && !fn(); i++) await new Promise((r) => setTimeout(r, 50)); };

test('a Post click is kept at once: hash and length, never the words, and the posts seen', () => {
  const store = fakeSessionStorage();
  const old = post(1);
  const { pending } = page(store, [old]);
  pending.start('My first week at Acme.', null);
  const kept = JSON.parse(store.getItem(KEY));
  assert.deepEqual(Object.keys(kept).sort(), ['hash', 'length', 'network', 'seen', 'startedAt']);
  assert.equal(kept.length, 22);
  assert.ok(!JSON.stringify(kept).includes('Acme'));
  assert.deepEqual(kept.seen, [old]);
  pending.stop();
});

test('the next page resumes the wait and takes only a post not seen before', async () => {
  const store = fakeSessionStorage();
  const old = post(1);
  const first = page(store, [old]);
  const { hash } = first.pending.start('My first week at Acme.', null);
  clearInterval(first.pending.timer); // the page unloads: its timer dies, its sessionStorage stays

  const next = page(store, [old]);
  assert.equal(next.pending.resume(), true);
  const fresh = post(2);
  next.adapter.links.add(fresh);
  await until(() => next.confirmed.length);
  assert.equal(JSON.stringify(next.confirmed), JSON.stringify([{ url: fresh, text: null, hash, length: 22, story: null }]));
  // Found and not yet logged: kept, so a page that unloads now offers it again.
  assert.equal(JSON.parse(store.getItem(KEY)).found, fresh);
  const again = page(store, []);
  again.pending.resume();
  assert.equal(again.confirmed[0].url, fresh);
  again.pending.settled(fresh); // logged: forgotten
  assert.equal(store.getItem(KEY), null);
});

test('a wait older than 30 s is not resumed, and another network\'s is left alone', () => {
  const store = fakeSessionStorage();
  store.setItem(KEY, JSON.stringify({ network: 'linkedin', hash: 'a', length: 1, startedAt: Date.now() - 31000, seen: [] }));
  assert.equal(page(store).pending.resume(), false);
  assert.equal(store.getItem(KEY), null);
  store.setItem(KEY, JSON.stringify({ network: 'x', hash: 'a', length: 1, startedAt: Date.now(), seen: [] }));
  assert.equal(page(store).pending.resume(), false);
  store.setItem(KEY, 'not json');
  assert.equal(page(store).pending.resume(), false);
});

test('a planted record is ignored and removed: a future start, a found URL not LinkedIn\'s own, wrong types', () => {
  const store = fakeSessionStorage();
  const good = { network: 'linkedin', hash: 'a1b2c3', length: 22, startedAt: Date.now() - 1000, seen: [] };
  const planted = [
    { ...good, startedAt: Date.now() + 60000 }, // would never expire
    { ...good, startedAt: Date.now() + 3.6e6, found: post(3) },
    { ...good, found: 'https://evil.example/feed/update/urn:li:share:7390000000000000001/' },
    { ...good, found: `${post(3)}?utm_source=x` }, // LinkedIn's, but not its canonical form
    { ...good, found: 42 },
    { ...good, hash: 123 },
    { ...good, hash: '__proto__' },
    { ...good, length: '22' },
    { ...good, startedAt: String(Date.now()) },
    { ...good, seen: 'https://www.linkedin.com/feed/' },
    { ...good, seen: [post(1), { href: post(2) }] },
    { ...good, network: ['linkedin'] },
    [good],
    'linkedin'
  ];
  for (const record of planted) {
    store.setItem(KEY, JSON.stringify(record));
    const { pending, confirmed } = page(store, [post(4)]);
    assert.equal(pending.resume(), false, JSON.stringify(record));
    assert.equal(store.getItem(KEY), null, JSON.stringify(record));
    assert.deepEqual(confirmed, []);
    pending.stop();
  }
  // The same record, well formed, is resumed; a found post in its canonical form is offered.
  store.setItem(KEY, JSON.stringify({ ...good, found: post(3) }));
  const { pending, confirmed } = page(store);
  assert.equal(pending.resume(), true);
  assert.equal(confirmed.length, 1);
  assert.equal(confirmed[0].url, JSON.parse(store.getItem(KEY)).found);
});

test('the service worker holds a draft\'s words a minute, asked back by hash', async () => {
  const bg = loadBackground();
  assert.equal((await bg.send({ type: 'holdDraft', hash: 'abc', text: 'My first week.' })).ok, true);
  assert.equal((await bg.send({ type: 'heldDraft', hash: 'abc' })).text, 'My first week.');
  assert.equal((await bg.send({ type: 'heldDraft', hash: 'other' })).text, null);
  assert.equal((await bg.send({ type: 'holdDraft', hash: 'abc' })).ok, false);
  for (let i = 0; i < 8; i++) await bg.send({ type: 'holdDraft', hash: `h${i}`, text: 'x' });
  assert.ok(Object.keys(bg.storage.sessionData.heldDrafts).length <= 5); // the newest few
});

test('a held draft is gone once read, and one older than a minute is gone from storage on any read or write', async () => {
  const bg = loadBackground();
  const held = () => bg.storage.sessionData.heldDrafts || {};
  await bg.send({ type: 'holdDraft', hash: 'abc', text: 'My first week.' });
  assert.equal((await bg.send({ type: 'heldDraft', hash: 'abc' })).text, 'My first week.');
  assert.ok(!('abc' in held())); // read once: forgotten
  assert.equal((await bg.send({ type: 'heldDraft', hash: 'abc' })).text, null);

  await bg.send({ type: 'holdDraft', hash: 'old', text: 'Old words.' });
  bg.clock.ahead += 61000;
  await bg.send({ type: 'heldDraft', hash: 'other' }); // a read of another draft prunes it
  assert.deepEqual(Object.keys(held()), []);

  await bg.send({ type: 'holdDraft', hash: 'old2', text: 'Old words.' });
  bg.clock.ahead += 61000;
  await bg.send({ type: 'holdDraft', hash: 'new', text: 'New words.' }); // so does a write
  assert.deepEqual(Object.keys(held()), ['new']);

  // An entry dated in the future is no fresher than an expired one.
  bg.storage.sessionData.heldDrafts = { ...held(), later: { text: 'x', at: Date.now() + bg.clock.ahead + 3.6e6 } };
  assert.equal((await bg.send({ type: 'heldDraft', hash: 'later' })).text, null);
  assert.deepEqual(Object.keys(held()), ['new']);
  assert.equal((await bg.send({ type: 'heldDraft', hash: '__proto__' })).text, null);
});

test('drafts held and read at the same moment are all kept until read', async () => {
  const bg = loadBackground();
  await Promise.all(['a', 'b', 'c'].map((hash) => bg.send({ type: 'holdDraft', hash, text: `words ${hash}` })));
  const texts = await Promise.all(['a', 'b', 'c'].map((hash) => bg.send({ type: 'heldDraft', hash })));
  assert.deepEqual(texts.map((r) => r.text), ['words a', 'words b', 'words c']);
  assert.deepEqual(Object.keys(bg.storage.sessionData.heldDrafts), []);
});

test('a post link seen only between two polls confirms the post when the page changes', () => {
  const store = fakeSessionStorage();
  const { pending, adapter, confirmed } = page(store, []);
  pending.start('Shipped it today.', null);
  const fresh = post(3);
  adapter.links.add(fresh); // the toast comes…
  pending.poke(); // …the page's change is heard at once…
  adapter.links.delete(fresh); // …and the toast is gone before the next poll
  assert.deepEqual(confirmed.map((c) => c.url), [fresh]);
  pending.poke(); // nothing is waiting any more: nothing happens
  assert.equal(confirmed.length, 1);
  pending.stop();
});

test('an edit saved is not a new post: its toast links to a post the page showed, or an old one', async () => {
  const store = fakeSessionStorage();
  const published = Date.now() - 120000; // two minutes ago, shown in the feed by its activity
  const { pending, adapter, confirmed } = page(store, [], [at(published + 87, 'activity')]);
  pending.start('Our importer, now with a typo fixed.', null);
  assert.ok(JSON.parse(store.getItem(KEY)).seen.includes(at(published + 87, 'activity')));
  adapter.links.add(at(published, 'share')); // "Post updated · View post": the same post's share
  adapter.links.add(at(Date.now() - 10 * 86400000, 'ugcPost')); // an edit of a post of ten days ago
  await new Promise((r) => setTimeout(r, 600));
  assert.deepEqual(confirmed, []);
  const fresh = at(Date.now(), 'share', 5); // a new post is still taken
  adapter.links.add(fresh);
  await until(() => confirmed.length);
  assert.equal(confirmed[0].url, fresh);
});

test('a post the toast does not link is taken from the feed, after a toast has had its chance', async () => {
  const store = fakeSessionStorage();
  const shown = [at(Date.now() - 60000, 'activity')];
  const { pending, adapter, confirmed } = page(store, [], shown, true);
  adapter.postText = () => 'Ann Example · now\nOur importer ships today.';
  pending.start('Our importer ships today.', null);
  const ours = at(Date.now() + 5, 'activity', 9);
  shown.unshift(ours, at(Date.now() - 3600000, 'activity')); // ours, and an older one loaded below
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(confirmed, []); // not yet: a toast naming it would come first
  for (let i = 0; i < 100 && !confirmed.length; i++) await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(confirmed.map((c) => c.url), [ours]); // the older one is not ours
  pending.stop();
  // Without the adapter's leave, the feed confirms nothing.
  const other = page(fakeSessionStorage(), [], [], false);
  other.pending.start('Our importer ships today.', null);
  other.adapter.postsOnPage = () => [at(Date.now(), 'activity', 3)];
  await new Promise((r) => setTimeout(r, 3000));
  assert.deepEqual(other.confirmed, []);
  other.pending.stop();
});

test('a toast arriving within the grace wins over the feed', async () => {
  const store = fakeSessionStorage();
  const shown = [];
  const { pending, adapter, confirmed } = page(store, [], shown, true);
  adapter.postText = () => 'Ann Example · now\nOur importer ships today.';
  pending.start('Our importer ships today.', null);
  const share = at(Date.now() + 3, 'share', 1);
  shown.push(at(Date.now() + 400, 'activity', 2)); // the same post by its activity
  await new Promise((r) => setTimeout(r, 700));
  adapter.links.add(share);
  await until(() => confirmed.length);
  assert.deepEqual(confirmed.map((c) => c.url), [share]);
});

test('a new post in the feed is taken only when it shows the draft\'s words', async () => {
  const store = fakeSessionStorage();
  const shown = [];
  const { pending, adapter, confirmed } = page(store, [], shown, true);
  const words = new Map();
  adapter.postText = (url) => (words.has(url) ? words.get(url) : null);
  pending.start('Our importer ships today: three months of work by @Ana and the data team https://lnkd.in/x', null);
  const colleague = at(Date.now() + 5, 'activity', 4);
  words.set(colleague, 'Lea Martin · now\nThrilled to be speaking at the Berlin summit next week!');
  shown.unshift(colleague); // a colleague's, arriving as the feed refreshes
  await new Promise((r) => setTimeout(r, 3200));
  assert.deepEqual(confirmed, [], 'a new post with other words is not ours');
  const ours = at(Date.now() + 9, 'activity', 7);
  words.set(ours, 'Ann Example · now\nOur importer ships today: three months of work by Ana Silva and the data team lnkd.in/x');
  shown.unshift(ours);
  for (let i = 0; i < 100 && !confirmed.length; i++) await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(confirmed.map((c) => c.url), [ours]);
  pending.stop();
});

test('after a page load the feed confirms nothing: the draft\'s words are unknown there', async () => {
  // Post on LinkedIn's own compose page brings the feed by a page load: the wait resumes
  // without the words, so a colleague's post minted a minute before the click, at the top of
  // the fresh feed, was offered (with our held words) as the one published.
  const store = fakeSessionStorage();
  const first = page(store, [], [], true);
  first.pending.start('Our importer ships today: three months of work by the data team.', null);
  clearInterval(first.pending.timer); // the compose page unloads
  const colleague = at(Date.now() - 60000, 'activity', 4);
  const next = page(store, [], [colleague], true);
  next.adapter.postText = () => 'Lea Martin · 1m\nThrilled to be speaking at the Berlin summit next week!';
  assert.equal(next.pending.resume(), true);
  await new Promise((r) => setTimeout(r, 3200)); // past the feed's grace
  assert.deepEqual(next.confirmed, [], 'a post the words could not be checked against is not offered');
  // A toast naming the post still confirms it.
  const ours = at(Date.now(), 'share', 1);
  next.adapter.links.add(ours);
  await until(() => next.confirmed.length);
  assert.deepEqual(next.confirmed.map((c) => c.url), [ours]);
});

test('Facebook: a friend\'s new post is never offered for the draft; the employee\'s, showing its words, is', async () => {
  // Facebook names a new post by no toast. After a failed Post (nothing published), a friend's
  // post arriving in the feed within the window was offered, and logged, as the employee's.
  const store = fakeSessionStorage();
  const shown = ['https://www.facebook.com/bea/posts/pfbid0aaa'];
  const words = new Map([[shown[0], 'Bea · 2h\nLovely walk in the park today.']]);
  const context = { sessionStorage: store, setInterval, clearInterval, Date, JSON, Math, Set, Array, BigInt, Number };
  context.globalThis = context;
  vm.createContext(context);
  vm.runInContext(NEW_POST, context);
  vm.runInContext(SOURCE, context);
  const adapter = { network: 'facebook', feedConfirms: true, publishedLinks: () => new Set(),
    postsOnPage: () => shown, postText: (url) => words.get(url) || null, canonicalUrl: (href) => href };
  const confirmed = [];
  const pending = new context.Firsthand.PendingPublish(adapter, (found) => confirmed.push(found));
  const draft = 'I spent the weekend fixing our flaky deploys and I am proud of it.';
  pending.start(draft, null);
  const friend = 'https://www.facebook.com/dora/posts/pfbid0ddd';
  words.set(friend, 'Dora · Just now\nCongrats to my sister on her graduation!');
  shown.unshift(friend);
  await new Promise((r) => setTimeout(r, 3200)); // past the feed's grace
  assert.deepEqual(confirmed, [], "a friend's post is not the employee's share");
  const ours = 'https://www.facebook.com/ann/posts/pfbid0eee';
  words.set(ours, `Ann · Just now\n${draft}`);
  shown.unshift(ours);
  for (let i = 0; i < 100 && !confirmed.length; i++) await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(confirmed.map((c) => c.url), [ours]);
  pending.stop();
});

test('an edit saved from a composer opened after the post was made is not offered, though the page shows no post', async () => {
  const store = fakeSessionStorage();
  const { pending, adapter, confirmed } = page(store, [], []);
  const opened = Date.now() - 90000; // the composer opened a minute and a half ago
  pending.start('Our importer, now with a typo fixed.', null, opened);
  assert.equal(JSON.parse(store.getItem(KEY)).openedAt, opened);
  adapter.links.add(at(Date.now() - 3600000, 'share')); // "Post updated · View post": an hour old
  await new Promise((r) => setTimeout(r, 600));
  assert.deepEqual(confirmed, []);
  const fresh = at(Date.now(), 'share', 5);
  adapter.links.add(fresh);
  await until(() => confirmed.length);
  assert.equal(confirmed[0].url, fresh);
  // A planted openedAt that is not a number drops the record.
  store.setItem(KEY, JSON.stringify({ ...JSON.parse(store.getItem(KEY)), openedAt: 'soon' }));
  assert.equal(page(store).pending.resume(), false);
});
