'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const {
  canonicalUrl, linkedinPostId, canonicalLinkedinUrl, canonicalXUrl, networkOf, isHttpUrl,
  typedLink, linkedinPostedAt, xPostedAt, postedAt, zeroReasonKey
} = require('../../extension/lib/share-url.js');

const ID = '7234567890123456789';
const CANONICAL = `https://www.linkedin.com/feed/update/urn:li:activity:${ID}/`;
// The specification both implementations pass (the server's in tests/test_canonical.py).
const VECTORS = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', '..', 'shared', 'canonical-url-vectors.json'), 'utf8')
).vectors;

test('every shared canonical-URL vector', () => {
  assert.ok(VECTORS.length > 100);
  const failures = VECTORS.filter((v) => (canonicalUrl(v.url, v.network) ?? 'rejected') !== v.expect)
    .map((v) => `${v.note}: ${JSON.stringify(v.url).slice(0, 120)} (${v.network}) gave ` +
      `${canonicalUrl(v.url, v.network) ?? 'rejected'}, expected ${v.expect}`);
  assert.deepEqual(failures, []);
});

test('every LinkedIn link form of a post has one canonical URL', () => {
  for (const href of [
    `/feed/update/urn:li:activity:${ID}/`,
    `//www.linkedin.com/feed/update/urn:li:activity:${ID}/`,
    `urn:li:activity:${ID}`,
    `https://www.linkedin.com/feed/update/urn:li:activity:${ID}/?trk=x`,
    `https://www.linkedin.com/posts/jane_launch-activity-${ID}-AbCd?utm_source=share`,
    `https://www.linkedin.com/embed/feed/update/urn%3Ali%3Aactivity%3A${ID}`
  ]) {
    assert.equal(canonicalLinkedinUrl(href), CANONICAL, href);
  }
});

test('share and ugcPost URNs keep their kind', () => {
  assert.deepEqual(linkedinPostId('urn:li:ugcPost:7111111111111111111'), { kind: 'ugcPost', id: '7111111111111111111' });
  assert.deepEqual(linkedinPostId('/feed/update/urn:li:share:7000000000000000001/'), { kind: 'share', id: '7000000000000000001' });
  assert.deepEqual(linkedinPostId(CANONICAL), { kind: 'activity', id: ID });
});

test('links that are not posts give null', () => {
  assert.equal(canonicalLinkedinUrl('https://www.linkedin.com/in/jane-doe/'), null);
  assert.equal(canonicalLinkedinUrl('https://www.linkedin.com/feed/'), null);
  assert.equal(canonicalLinkedinUrl('https://lnkd.in/abc'), null);
  assert.equal(linkedinPostId(undefined), null);
  assert.equal(canonicalUrl(undefined, 'other'), null);
});

test('X links, absolute or relative', () => {
  assert.equal(canonicalXUrl('/jane/status/1850000000000000000'), 'https://x.com/i/web/status/1850000000000000000');
  assert.equal(canonicalXUrl('https://twitter.com/jane/status/1850000000000000000?s=20'), 'https://x.com/i/web/status/1850000000000000000');
  assert.equal(canonicalXUrl('https://x.com/jane'), null);
  assert.equal(canonicalXUrl(undefined), null);
});

test('the network of a pasted link is guessed from its host', () => {
  assert.equal(networkOf('https://www.linkedin.com/posts/x-activity-1234567-a'), 'linkedin');
  assert.equal(networkOf('https://lnkd.in/abc'), 'linkedin');
  assert.equal(networkOf('https://www.linkedin.com./posts/x-activity-1234567-a'), 'linkedin', 'a final dot');
  assert.equal(networkOf('https://twitter.com/jane/status/1'), 'x');
  assert.equal(networkOf('https://m.facebook.com/story.php?id=1'), 'facebook');
  assert.equal(networkOf('https://blog.example.com/post'), 'other');
  assert.equal(networkOf('not a url'), null);
});

test('only http(s) links are accepted', () => {
  assert.ok(isHttpUrl('https://example.com/a'));
  assert.ok(!isHttpUrl('javascript:alert(1)'));
  assert.ok(!isHttpUrl('example.com'));
});

test('a typed link gets https:// when it looks like a host; other text is not a link', () => {
  assert.equal(typedLink('  linkedin.com/posts/ana-lima_news-activity-7400-AbCd '),
    'https://linkedin.com/posts/ana-lima_news-activity-7400-AbCd');
  assert.equal(typedLink('www.example.com'), 'https://www.example.com');
  assert.equal(typedLink('http://example.com/a'), 'http://example.com/a');
  for (const text of ['hello', 'localhost', 'a b.com', 'ftp://example.com', 'javascript:alert(1)', '', null]) {
    assert.equal(typedLink(text), null, String(text));
  }
});

test('a LinkedIn post id gives the time the post went out (unix_ms << 22)', () => {
  const ms = Date.UTC(2026, 9, 24, 12);
  const id = (BigInt(ms) << 22n) + 5n;
  assert.equal(linkedinPostedAt(`https://www.linkedin.com/feed/update/urn:li:activity:${id}/`).getTime(), ms);
  assert.equal(linkedinPostedAt('https://www.linkedin.com/feed/update/urn:li:activity:1234/'), null);
  assert.equal(linkedinPostedAt('https://x.com/a/status/1'), null);
});

test('why a share earned 0, from the server\'s breakdown', () => {
  assert.equal(zeroReasonKey([{ rule: 'stale_post', points: 0 }]), 'zeroStale');
  assert.equal(zeroReasonKey([{ rule: 'daily_cap', points: 0 }]), 'zeroDailyCap');
  assert.equal(zeroReasonKey([{ rule: 'base', points: 10 }]), null);
  assert.equal(zeroReasonKey([]), null);
  assert.equal(zeroReasonKey(undefined), null);
  // The server's own word on the share wins: it tells a post from before joining from an old one.
  assert.equal(zeroReasonKey([{ rule: 'stale_post', points: 0 }], { zero_reason: 'before_joining' }), 'zeroBeforeJoining');
  assert.equal(zeroReasonKey([], { zero_reason: 'too_old' }), 'zeroTooOld');
  assert.equal(zeroReasonKey([], { zero_reason: null }), null);
});

test('an X post is dated by its status id, as the server dates it', () => {
  // Logged a week after posting, an X share was listed under the day it was logged.
  const ms = Date.UTC(2026, 10, 27, 9, 30);
  const id = ((BigInt(ms) - 1288834974657n) << 22n) + 123n;
  for (const href of [`https://x.com/ana/status/${id}`, `https://twitter.com/ana/status/${id}?s=20`, `https://x.com/i/web/status/${id}`]) {
    assert.equal(xPostedAt(href).getTime(), ms, href);
    assert.equal(postedAt(href).getTime(), ms, href);
  }
  assert.equal(xPostedAt('https://x.com/ana/status/20'), null); // before snowflakes: not a date
  assert.equal(xPostedAt('https://www.linkedin.com/feed/update/urn:li:activity:1/'), null);
  const linkedin = BigInt(ms) << 22n;
  assert.equal(postedAt(`https://www.linkedin.com/feed/update/urn:li:activity:${linkedin}/`).getTime(), ms);
  assert.equal(postedAt('https://example.com/a'), null);
});
