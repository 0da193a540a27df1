'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { isCreatePost, activityUrn } = require('../../extension/content/network-tap.js');

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

test('the activity URN is read from the response, not the share URN', () => {
  const body = JSON.stringify({
    data: { status: { urn: 'urn:li:share:7390000000000000001',
      toastCtaUrl: '/feed/update/urn:li:activity:7390000000000000002/' } }
  });
  assert.equal(activityUrn(body), 'urn:li:activity:7390000000000000002');
  assert.equal(activityUrn('{"data":{}}'), null);
  assert.equal(activityUrn(''), null);
  assert.equal(activityUrn(null), null);
});
