'use strict';
/* Whether a post the page confirms is the one just published (extension/lib/new-post.js). */
const test = require('node:test');
const assert = require('node:assert/strict');
const newPost = require('../../extension/lib/new-post.js');
const { identity, samePost, isNewPost, isFreshInFeed } = newPost;

const li = (kind, ms, n = 0) => `https://www.linkedin.com/feed/update/urn:li:${kind}:${(BigInt(ms) << 22n) + BigInt(n)}/`;
const x = (ms) => `https://x.com/i/web/status/${(BigInt(ms) - 1288834974657n) << 22n}`;
const NOW = Date.UTC(2026, 11, 2, 14, 30);

test('ids give the time they were minted, for LinkedIn and X; other links none', () => {
  assert.deepEqual(identity(li('activity', NOW, 4194303)), { kind: 'activity', ms: NOW });
  assert.deepEqual(identity(x(NOW)), { kind: 'x', ms: NOW });
  assert.equal(identity('https://www.facebook.com/ann/posts/pfbid0abc'), null);
  assert.equal(identity(undefined), null);
});

test("a post's activity and its share are one post; two shares or two far ids are not", () => {
  assert.ok(samePost(li('activity', NOW + 87), li('share', NOW)));
  assert.ok(samePost(li('ugcPost', NOW), li('activity', NOW + 2000)));
  assert.ok(!samePost(li('activity', NOW + 2001), li('share', NOW)));
  // An activity minted before the share is another post's: a colleague's, shown as the page
  // loaded, a moment before a quick Post.
  assert.ok(!samePost(li('share', NOW), li('activity', NOW - 300)));
  assert.ok(!samePost(li('share', NOW, 1), li('share', NOW, 2)));
  assert.ok(!samePost(li('share', NOW), x(NOW)));
});

test('new: not shown before the click, and not dated more than a week before it', () => {
  const shown = [li('activity', NOW - 60000)];
  assert.ok(isNewPost(li('share', NOW + 800), { clickedAt: NOW, before: shown }));
  assert.ok(isNewPost(li('share', NOW + 5), { clickedAt: NOW, before: [li('activity', NOW - 900)] }));
  assert.ok(!isNewPost(li('share', NOW - 60050), { clickedAt: NOW, before: shown }));
  assert.ok(!isNewPost(li('share', NOW - 7 * 86400000 - 1), { clickedAt: NOW }));
  assert.ok(isNewPost(li('share', NOW - 2 * 86400000), { clickedAt: NOW })); // a clock days fast
  assert.ok(!isNewPost(x(NOW - 8 * 86400000), { clickedAt: NOW }));
  assert.ok(isNewPost('https://www.facebook.com/ann/posts/pfbid0abc', { clickedAt: NOW, before: shown }));
});

test('a post minted before its composer was opened is not new: the edited post, an hour to days old', () => {
  const opened = NOW - 5 * 60000; // the composer opened five minutes before Save (servers' clock)
  for (const age of [3600000, 2 * 86400000, 3 * 86400000]) {
    assert.ok(!isNewPost(li('share', opened - age), { clickedAt: NOW, openedAt: opened }), `${age} ms old`);
    assert.ok(!isFreshInFeed(li('activity', opened - age), { clickedAt: NOW, openedAt: opened }));
  }
  // Without the servers' clock known, only a week before the click is told (the old rule).
  assert.ok(isNewPost(li('share', opened - 3600000), { clickedAt: NOW }));
  // A new post's id is minted after the click; a minute's slack for the clock offset's error.
  assert.ok(isNewPost(li('share', NOW + 300), { clickedAt: NOW, openedAt: opened }));
  assert.ok(isNewPost(li('share', opened - 59000), { clickedAt: NOW, openedAt: opened }));
  // The computer's clock a day fast: the click is a day ahead, the servers' clock is not.
  assert.ok(isNewPost(li('share', NOW + 300), { clickedAt: NOW + 86400000, openedAt: opened }));
  assert.ok(isNewPost(x(NOW + 300), { clickedAt: NOW, openedAt: opened }));
  assert.ok(!isNewPost(x(opened - 3600000), { clickedAt: NOW, openedAt: opened }));
});

test('fresh in the feed: new, minted after every post shown at the click, and not long before it', () => {
  const shown = [li('activity', NOW - 60000), li('activity', NOW - 3600000)];
  assert.ok(isFreshInFeed(li('activity', NOW + 900), { clickedAt: NOW, before: shown }));
  assert.ok(isFreshInFeed(li('activity', NOW - 90000), { clickedAt: NOW, before: [li('activity', NOW - 3600000)] }));
  // a colleague's post older than one shown (the feed loaded more as it scrolled)
  assert.ok(!isFreshInFeed(li('activity', NOW - 120000), { clickedAt: NOW, before: shown }));
  // minted long before the click, or the post shown itself, or no post at all
  assert.ok(!isFreshInFeed(li('activity', NOW - 10 * 60000), { clickedAt: NOW, before: [] }));
  assert.ok(!isFreshInFeed(shown[0], { clickedAt: NOW, before: shown }));
  assert.ok(!isFreshInFeed('https://www.linkedin.com/feed/', { clickedAt: NOW, before: shown }));
});

test('a post whose id tells no time (Facebook) is fresh in the feed when new; its words then decide', () => {
  const shown = ['https://www.facebook.com/bea/posts/pfbid0aaa'];
  assert.ok(isFreshInFeed('https://www.facebook.com/ann/posts/pfbid0bbb', { clickedAt: NOW, before: shown }));
  assert.ok(!isFreshInFeed(shown[0], { clickedAt: NOW, before: shown }));
  assert.ok(!isFreshInFeed('https://x.com/home', { clickedAt: NOW, before: shown }));
  assert.ok(!isFreshInFeed(undefined, { clickedAt: NOW, before: shown }));
});

test('a feed item shows the draft when it has most of its first words; links, tags and mentions aside', () => {
  const { showsDraft } = newPost;
  assert.equal(showsDraft('Ann · now\nProud of the Atlas team: it ships today!', 'Proud of the Atlas team: it ships today!'), true);
  assert.equal(showsDraft('Ann · now\nProud of the Atlas team, Ana Silva…more', 'Proud of the @Ana Atlas team https://x.example/y'), true);
  assert.equal(showsDraft('Lea · now\nSpeaking in Berlin next week!', 'Proud of the Atlas team: it ships today!'), false);
  assert.equal(showsDraft(null, 'Proud of the Atlas team: it ships today!'), false);
  assert.equal(showsDraft('anything', '🎉🎉 #launch https://x.example'), false, 'no words: not told apart');
  assert.equal(showsDraft('Lea · now\nBig day for the team', 'Big news!'), false, 'a few words need them all');
  assert.equal(showsDraft('Ann · now\nBig news! 🎉', 'Big news! 🎉'), true);
  assert.equal(showsDraft('Stolz auf das Atlas-Team', 'Stolz auf das Atlas-Team'), true);
});
