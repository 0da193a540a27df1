'use strict';
/* Stories in the extension: which story a draft tells by its links, the Ideas list marking
   stories seen, the toolbar count of new ones (and its switch), and where "Write a post" goes. */
const test = require('node:test');
const assert = require('node:assert/strict');
const { find, likely } = require('../../extension/lib/story-match.js');
const { loadBackground } = require('./support/background.js');

const atlas = { id: 7, title: 'Atlas is live', link: 'https://www.acme.example/atlas/',
  tracked_link: 'http://127.0.0.1:5000/r/BwFabcdefghijk', questions: ['What did you build?', 'Who helped?'] };
const prompt = { id: 8, title: 'What did you learn this quarter?', link: null, tracked_link: null, questions: ['A?', 'B?'] };

test('a draft tells the story whose tracked link or link it holds', () => {
  assert.equal(find('My week on Atlas http://127.0.0.1:5000/r/BwFabcdefghijk', [prompt, atlas]), atlas);
  assert.equal(find('Read it: https://acme.example/atlas.', [atlas]), atlas);
  assert.equal(find('https://acme.example/atlas?utm_source=x', [atlas]), atlas);
  assert.equal(find('https://acme.example/other', [atlas]), null);
  assert.equal(find('no link at all', [atlas]), null);
  assert.equal(find('http://127.0.0.1:5000/r/BwFabcdefghijX', [atlas]), null);
});

test('the story a draft\'s words seem to name: two telling words of its title, or one written as a name', () => {
  const lisbon = { id: 9, title: 'Our new Lisbon office opens' };
  const atlas2 = { id: 10, title: 'Atlas 2 launch' };
  const stories = [atlas, prompt, lisbon];
  assert.equal(likely('so proud of the Atlas team', stories), atlas, 'a name mid-sentence');
  assert.equal(likely('Stolz auf das Atlas-Team!', stories), atlas);
  assert.equal(likely('We opened the Lisbon office today', stories), lisbon);
  assert.equal(likely('the offices in lisbon', stories), lisbon, 'longer forms, any case');
  assert.equal(likely('Nos bureaux de Lisbonne ouvrent', stories), lisbon);
  assert.equal(likely('Atlas is finally out', stories), null, 'one word at the start of a sentence is not enough');
  assert.equal(likely('My quarter. This quarter I learned to say no', stories), null, 'common words name nothing');
  assert.equal(likely('Proud of the Atlas team', [atlas, atlas2]), null, 'a tie names none');
  assert.equal(likely('Atlas launches today, proud of the Atlas crew', [atlas, atlas2]), atlas2, 'the most words wins');
  assert.equal(likely('', stories), null);
  assert.equal(likely('Atlas', [{ id: 1, title: null }]), null);
});

function withAction(bg) {
  const badge = { text: '' };
  bg.chrome.action = {
    setBadgeText: async ({ text }) => { badge.text = text; },
    setBadgeBackgroundColor: async () => {}
  };
  const opened = [];
  bg.chrome.tabs = { create: async ({ url }) => { opened.push(url); } };
  return { badge, opened };
}

test('new stories are counted on the toolbar until Ideas shows them, unless switched off', async () => {
  const bg = loadBackground();
  const { badge } = withAction(bg);
  bg.server.respond = (request) => (request.url.endsWith('/stories')
    ? { status: 200, body: { data: [atlas, prompt] } } : { status: 404 });
  await bg.Firsthand.stories.fetchStories();
  assert.equal(badge.text, '2');
  const reply = await bg.send({ type: 'stories' });
  assert.deepEqual(reply.data.data.map((s) => s.id), [7, 8]);
  assert.equal(badge.text, '');
  assert.deepEqual(bg.storage.data.seenStories, [7, 8]);
  bg.server.respond = () => ({ status: 200, body: { data: [{ ...prompt, id: 9 }, atlas, prompt] } });
  await bg.Firsthand.stories.fetchStories();
  assert.equal(badge.text, '1');
  bg.storage.data.storyBadge = false;
  await bg.send({ type: 'storyBadgeChanged' });
  assert.equal(badge.text, '');
});

test('writing about a story opens LinkedIn with the tracked link and the composer knows the story', async () => {
  const bg = loadBackground();
  const { opened } = withAction(bg);
  await bg.send({ type: 'openStory', story: atlas });
  assert.deepEqual(opened, [`https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(atlas.tracked_link)}`]);
  assert.equal((await bg.send({ type: 'storyFor', text: '' })).story.id, 7);
  await bg.send({ type: 'openStory', story: prompt });
  assert.equal(opened[1], 'https://www.linkedin.com/feed/?shareActive=true');
  bg.storage.data.stories = [atlas];
  const byLink = await bg.send({ type: 'storyFor', text: 'see https://acme.example/atlas' });
  assert.equal(byLink.story.id, 7, 'a link in the draft wins over the story picked earlier');
  bg.clock.ahead += 3 * 60 * 60 * 1000;
  assert.equal((await bg.send({ type: 'storyFor', text: 'hello' })).story, null, 'an old pick expires');
});

test('a story picked in the panel becomes the story of the draft; the choices are the live stories', async () => {
  const bg = loadBackground();
  bg.storage.data.stories = [atlas, prompt];
  const before = await bg.send({ type: 'storyFor', text: 'My quarter' });
  assert.equal(before.story, null);
  assert.deepEqual(JSON.parse(JSON.stringify(before.choices)), [{ id: 7, title: 'Atlas is live' }, { id: 8, title: 'What did you learn this quarter?' }]);
  assert.equal(before.likely, null);
  const named = await bg.send({ type: 'storyFor', text: 'Proud of the Atlas team' });
  assert.equal(named.story, null, 'words only offer a story, they never pick it');
  assert.deepEqual(JSON.parse(JSON.stringify(named.likely)), { id: 7, title: 'Atlas is live' });
  assert.equal((await bg.send({ type: 'pickStory', storyId: 8 })).story.id, 8);
  assert.equal((await bg.send({ type: 'storyFor', text: 'My quarter' })).story.id, 8);
  assert.equal((await bg.send({ type: 'pickStory', storyId: 999 })).story, null, 'an unknown id clears the pick');
  assert.equal((await bg.send({ type: 'storyFor', text: 'My quarter' })).story, null);
});

test('a published post that told the picked story drops the pick; another story\'s post keeps it', async () => {
  const bg = loadBackground();
  bg.storage.data.stories = [atlas, prompt];
  await bg.send({ type: 'pickStory', storyId: 8 });
  assert.equal((await bg.send({ type: 'storyTold', storyId: 7 })).dropped, false);
  assert.equal((await bg.send({ type: 'storyFor', text: 'Next post' })).story.id, 8);
  assert.equal((await bg.send({ type: 'storyTold', storyId: 8 })).dropped, true);
  assert.equal((await bg.send({ type: 'storyFor', text: 'Next post' })).story, null);
  assert.equal((await bg.send({ type: 'storyTold', storyId: 8 })).dropped, false, 'nothing left to drop');
});

/** Settle the background's un-awaited work (the stories fetch a connect starts). */
async function settle() {
  for (let n = 0; n < 20; n += 1) await new Promise((resolve) => setImmediate(resolve));
}

test('connecting fetches the live stories at once, not at the next 15-minute check', async () => {
  const bg = loadBackground({ connected: false });
  withAction(bg);
  bg.server.respond = (request) => (request.url.endsWith('/stories')
    ? { status: 200, body: { data: [prompt] } }
    : { status: 200, body: { user: { id: 1, name: 'Ann Example' }, badges: [] } });
  const reply = await bg.send({ type: 'setConnection', server: 'http://127.0.0.1:5000', token: 'tok' });
  assert.equal(reply.ok, true);
  await settle();
  assert.deepEqual(bg.storage.data.stories.map((s) => s.id), [8]);
  const choices = (await bg.send({ type: 'storyFor', text: 'My quarter' })).choices;
  assert.deepEqual(choices.map((c) => c.id), [8], 'the composer\'s picker offers it');
});

test('with no story cached, a composer asks the server (at most once a minute)', async () => {
  const bg = loadBackground();
  withAction(bg);
  const asked = () => bg.server.requests.filter((r) => r.url.endsWith('/stories')).length;
  bg.server.respond = () => ({ status: 200, body: { data: [] } });
  assert.deepEqual((await bg.send({ type: 'storyFor', text: 'Hi' })).choices, []);
  assert.equal(asked(), 1);
  bg.server.respond = () => ({ status: 200, body: { data: [atlas] } });
  await bg.send({ type: 'storyFor', text: 'Hi' });
  assert.equal(asked(), 1, 'not again within the minute');
  bg.clock.ahead += 61 * 1000;
  const later = await bg.send({ type: 'storyFor', text: 'Hi' });
  assert.equal(asked(), 2);
  assert.deepEqual(later.choices.map((c) => c.id), [7]);
  await bg.send({ type: 'storyFor', text: 'Hi' });
  assert.equal(asked(), 2, 'a cached story needs no asking: the 15-minute check keeps it fresh');
});

/* A story's question put in the post by "Start with this question" is the admin's words: the
   panel reads the employee's own words around it (the server does alike for a logged share). */
test('the panel reads a draft without its story\'s questions, however they were spaced', () => {
  const fs = require('node:fs');
  const path = require('node:path');
  const vm = require('node:vm');
  const sandbox = { Firsthand: { dom: { el: () => ({}) }, t: (k) => k } };
  vm.createContext(sandbox);
  vm.runInContext(fs.readFileSync(path.join(__dirname, '..', '..', 'extension', 'content', 'story.js'), 'utf8'), sandbox);
  const without = sandbox.Firsthand.withoutStoryQuestions;
  const studio = { questions: ['¿Qué cambia Studio 3.0 para nuestros clientes?', 'Who (really) helped?'] };
  const own = 'Ik ben zo trots op ons team!';
  assert.equal(without(`${own} ¿Qué cambia Studio 3.0 para nuestros clientes?`, studio).trim(), own);
  assert.equal(without(`¿Qué\u00a0cambia Studio 3.0 para\nnuestros clientes?\n\n${own}`, studio).trim(), own);
  assert.equal(without(`Who (really) helped? ${own}`, studio).trim(), own, 'regex characters are text');
  assert.equal(without('Who (really) helped?', studio), '', 'nothing of their own yet');
  assert.equal(without(`Who really helped? ${own}`, studio), `Who really helped? ${own}`);
  assert.equal(without(own, null), own);
});

test('a draft that reads like the story\'s announcement is not shown as the author\'s own voice', async () => {
  // A cold trial: "Sounds like you" stood under "This reads like the announcement".
  const vm = require('node:vm');
  const fs = require('node:fs');
  const path = require('node:path');
  const sandbox = { Firsthand: { dom: { el: () => ({}) }, t: (key) => key } };
  sandbox.globalThis = sandbox;
  vm.runInNewContext(fs.readFileSync(path.join(__dirname, '../../extension/content/story.js'), 'utf8'), sandbox);
  const replies = { storyFor: { ok: true, story: atlas }, storyDraftCheck: { ok: true, data: { reads_like_story: true } } };
  const follower = new sandbox.Firsthand.StoryFollower({
    send: async (message) => replies[message.type], draft: () => 'the text', changed: () => {}
  });
  const personal = { label: 'personal', personal_score: 0.9, signals: [{ id: 'first_person', leans: 'personal' }] };
  assert.equal(follower.judged(personal), personal, 'no story known yet: as read');
  await follower.follow('Atlas is live: the fastest forecasts yet.');
  assert.equal(follower.judged(personal).label, 'corporate');
  assert.equal(follower.judged(personal).signals.length, 0); // no reason quoted for its own voice
  const early = { ...personal, too_early: true };
  assert.equal(follower.judged(early), early, 'too early for any verdict stays so');
  assert.equal(follower.judged(undefined), undefined);
  replies.storyDraftCheck = { ok: true, data: { reads_like_story: false } };
  await follower.follow('I built the forecasts page of Atlas with Priya.');
  assert.equal(follower.judged(personal), personal, 'told in their own words: as read');
  replies.storyDraftCheck = { ok: true, data: { reads_like_story: true } };
  await follower.follow('Atlas is live: the fastest forecasts yet.');
  follower.reset(); // a new composer: the last draft's copy is not its verdict
  assert.equal(follower.judged(personal), personal);
});

test('a story picked for one account is forgotten when another account or server connects, or the connection ends', async () => {
  // A cold trial: "Write a post" on one server, then the try server's connect link: the share
  // on the try server offered "It tells the story 'Atlas is live'", which it refused for ever
  // (or, once it had a story 7 of its own, tied the post to that).
  const bg = loadBackground({ connected: false });
  const { badge } = withAction(bg);
  const who = { id: 1, name: 'Ann Example' };
  bg.server.respond = (request) => (request.url.endsWith('/stories')
    ? { status: 200, body: { data: request.url.includes(':5000') ? [atlas, prompt] : [] } }
    : { status: 200, body: { user: who, badges: [] } });
  const connectTo = async (server) => {
    assert.equal((await bg.send({ type: 'setConnection', server, token: 'tok' })).ok, true);
    await settle();
  };
  await connectTo('http://127.0.0.1:5000');
  await bg.send({ type: 'openStory', story: atlas });
  Object.assign(bg.storage.data, { reachShares: { at: Date.now(), shares: [{ id: 3 }] }, reachSent: { 3: 1 } });
  await connectTo('http://127.0.0.1:5000/'); // the same account again (a new link): kept
  assert.equal((await bg.send({ type: 'storyFor', text: '' })).story.id, 7);
  assert.deepEqual(bg.storage.data.seenStories, undefined);

  await connectTo('http://127.0.0.1:7501'); // another server
  const there = await bg.send({ type: 'storyFor', text: 'Proud of the Atlas team' });
  assert.deepEqual([there.story, there.choices, there.likely], [null, [], null]);
  for (const key of ['activeStory', 'reachShares', 'reachSent']) assert.equal(bg.storage.data[key], undefined, key);

  await connectTo('http://127.0.0.1:5000');
  await bg.send({ type: 'openStory', story: atlas });
  who.id = 2; // another person on the same server (a shared browser)
  await connectTo('http://127.0.0.1:5000');
  assert.equal((await bg.send({ type: 'storyFor', text: '' })).story, null);
  assert.equal(badge.text, '2', 'their stories are new to them');

  await bg.send({ type: 'openStory', story: atlas });
  assert.equal((await bg.send({ type: 'disconnect' })).ok, true);
  for (const key of ['activeStory', 'stories', 'token', 'user']) assert.equal(bg.storage.data[key], undefined, key);
  assert.equal(badge.text, '', 'no count of stories for nobody');
});
