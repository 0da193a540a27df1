'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { linkedinPostId, canonicalLinkedinUrl, networkOf, isHttpUrl } = require('../../extension/lib/share-url.js');

const ID = '7234567890123456789';
const CANONICAL = `https://www.linkedin.com/feed/update/urn:li:activity:${ID}/`;

test('every LinkedIn link form of a post has one canonical URL', () => {
  for (const href of [
    `/feed/update/urn:li:activity:${ID}/`,
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
});

test('links that are not posts give null', () => {
  assert.equal(canonicalLinkedinUrl('https://www.linkedin.com/in/jane-doe/'), null);
  assert.equal(canonicalLinkedinUrl('https://www.linkedin.com/feed/'), null);
  assert.equal(linkedinPostId(undefined), null);
});

test('the network of a pasted link is guessed from its host', () => {
  assert.equal(networkOf('https://www.linkedin.com/posts/x-activity-1234567-a'), 'linkedin');
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
