'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { isCreatePost, activityUrn, postUrn } = require('../../extension/content/network-tap.js');

const FEED = 'https://www.linkedin.com/feed/';

test('only the create-post request is watched', () => {
  assert.ok(isCreatePost('/voyager/api/contentcreation/normShares', FEED));
  assert.ok(isCreatePost('https://www.linkedin.com/voyager/api/contentcreation/normShares?x=1', FEED));
  assert.ok(!isCreatePost('/voyager/api/feed/updatesV2', FEED));
  assert.ok(!isCreatePost('/voyager/api/contentcreation/normSharesDrafts', FEED));
  assert.ok(!isCreatePost('/search?q=/voyager/api/contentcreation/normShares', FEED));
  assert.equal(isCreatePost(undefined, FEED), false);
  assert.equal(isCreatePost('http://[bad', FEED), false);
});

test('the activity URN is the one *updateV2 names, not the share URN', () => {
  const update = 'urn:li:fsd_update:(urn:li:activity:7390000000000000002,MAIN_FEED,EMPTY,DEFAULT,false)';
  const body = JSON.stringify({
    data: { status: { urn: 'urn:li:share:7390000000000000001' }, '*updateV2': update }
  });
  assert.equal(activityUrn(body), 'urn:li:activity:7390000000000000002');
  assert.equal(activityUrn(JSON.stringify({ '*updateV2': update })), 'urn:li:activity:7390000000000000002');
  // An activity the "View post" link names is the link's: postUrn takes it, not activityUrn.
  const linked = JSON.stringify({
    data: { status: { urn: 'urn:li:share:7390000000000000001',
      toastCtaUrl: '/feed/update/urn:li:activity:7390000000000000002/' } }
  });
  assert.equal(activityUrn(linked), null);
  assert.equal(postUrn(linked), 'urn:li:activity:7390000000000000002');
  assert.equal(activityUrn('{"data":{}}'), null);
  assert.equal(activityUrn('{"data":{"*updateV2":7390000000000000002}}'), null);
  assert.equal(activityUrn(''), null);
  assert.equal(activityUrn(null), null);
});

// Ids of today: LinkedIn ids are (unix ms << 22) plus a sequence.
const now = (BigInt(Date.now()) << 22n).toString();
const later = (BigInt(Date.now()) << 22n) + 123n;

test('the activity URN *updateV2 names is preferred to the View post link', () => {
  const body = JSON.stringify({
    data: { status: { urn: `urn:li:share:${now}`, toastCtaUrl: `https://www.linkedin.com/feed/update/urn:li:share:${now}/` },
      '*updateV2': `urn:li:fsd_update:(urn:li:activity:${later},MAIN_FEED,EMPTY,DEFAULT,false)` }
  });
  assert.equal(postUrn(body), `urn:li:activity:${later}`);
});

test('without an activity, the post the View post link names: share or ugcPost, encoded or not', () => {
  const answer = (link) => JSON.stringify({ data: { status: { urn: `urn:li:share:${now}`, toastCtaUrl: link } } });
  assert.equal(postUrn(answer(`https://www.linkedin.com/feed/update/urn:li:share:${now}/`)), `urn:li:share:${now}`);
  assert.equal(postUrn(answer(`/feed/update/urn%3Ali%3AugcPost%3A${now}/`)), `urn:li:ugcPost:${now}`);
  assert.equal(postUrn(answer(`https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A${now}`)), `urn:li:share:${now}`);
});

test('an answer that links to no post (a scheduled one) confirms nothing', () => {
  const scheduled = JSON.stringify({
    data: { status: { urn: `urn:li:share:${now}`, toastCtaUrl: 'https://www.linkedin.com/feed/?shareActive=true&view=management' } }
  });
  assert.equal(postUrn(scheduled), null);
  assert.equal(postUrn(JSON.stringify({ data: { status: { urn: `urn:li:share:${now}` } } })), null);
  assert.equal(postUrn('not json'), null);
  assert.equal(postUrn(null), null);
});

test('a repost: the colleague\'s activity named earlier in the answer is not taken for the new post', () => {
  const original = (BigInt(Date.now() - 86400000) << 22n).toString();
  // Named before the new post's own update: in the repost's own fields and in what the answer includes.
  const body = `{"data":{"resharedUpdate":"urn:li:activity:${original}",` +
    `"status":{"urn":"urn:li:share:${now}","toastCtaUrl":"https://www.linkedin.com/feed/update/urn:li:share:${now}/"},` +
    `"*updateV2":"urn:li:fsd_update:(urn:li:activity:${later},MAIN_FEED,EMPTY,DEFAULT,false)"},` +
    `"included":[{"entityUrn":"urn:li:fsd_update:(urn:li:activity:${original},MAIN_FEED,EMPTY,DEFAULT,false)"}]}`;
  assert.ok(body.indexOf(original) < body.indexOf(String(later)));
  assert.equal(postUrn(body), `urn:li:activity:${later}`);
  // Without an update of its own, the View post link, never the original.
  const noUpdate = JSON.stringify({ data: { resharedUpdate: `urn:li:activity:${original}`,
    status: { urn: `urn:li:share:${now}`, toastCtaUrl: `https://www.linkedin.com/feed/update/urn:li:share:${now}/` } } });
  assert.equal(postUrn(noUpdate), `urn:li:share:${now}`);
  // A body that is not JSON names nothing, whatever URN it holds.
  assert.equal(postUrn(`oops urn:li:activity:${later}`), null);
});
