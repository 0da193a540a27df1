'use strict';
/* lib/text-limits.js: the extension sends no more of a post's or a draft's words than the
   server's schemas take, cut on a word boundary with the opening kept; and in the real background
   scripts a post longer than that logs in one click, a share already waiting with a longer text
   goes through on its retry, and a long draft still gets suggestions. */
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { SHARE_TEXT_MAX, SUGGESTION_TEXT_MAX, STORY_CHECK_TEXT_MAX, openingOf, sendableShare } =
  require('../../extension/lib/text-limits.js');
const { loadBackground } = require('./support/background.js');

const schema = (name) => JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../shared/schemas', name), 'utf8'));
const maxLength = (name) => schema(name).properties.text.maxLength;

test('the limits are the schemas\' own', () => {
  assert.equal(SHARE_TEXT_MAX, maxLength('share-create.request.schema.json'));
  assert.equal(SUGGESTION_TEXT_MAX, maxLength('suggestion.request.schema.json'));
  assert.equal(STORY_CHECK_TEXT_MAX, maxLength('story-draft-check.request.schema.json'));
});

test('a text that fits is sent as it is', () => {
  const fits = 'word '.repeat(2000).trim(); // 9,999 characters
  assert.equal(openingOf(fits, 10000), fits);
  assert.equal(openingOf('', 10), '');
  assert.equal(openingOf(undefined, 10), undefined);
});

test('a longer text keeps its opening, cut at the end of a word', () => {
  assert.equal(openingOf('one two three four', 10), 'one two');
  assert.equal(openingOf('one two three four', 13), 'one two three'); // the limit falls after a word
  assert.equal(openingOf('one two\n\nthree', 9), 'one two');
  const long = 'I learned to ask for help early. '.repeat(800); // 26,400 characters, as X Premium allows
  const cut = openingOf(long, 10000);
  assert.ok(cut.length <= 10000 && cut.length > 9900, String(cut.length));
  assert.ok(long.startsWith(cut));
  assert.match(cut, /\S$/);
  assert.match(long.slice(cut.length), /^\s/, 'a whole word ends the cut');
});

test('with no space near the limit it cuts there, never half an emoji', () => {
  const link = `see https://example.com/${'a'.repeat(500)}`;
  assert.equal(openingOf(link, 300), link.slice(0, 300));
  const emoji = `${'x'.repeat(9)}😀😀`; // the 10th unit is the first half of an emoji
  assert.equal(openingOf(emoji, 10), 'x'.repeat(9));
  assert.equal(openingOf(emoji, 11), `${'x'.repeat(9)}😀`);
});

test('a share body is cut only in its text, and only when too long', () => {
  const body = { url: 'https://x.com/ann/status/1', network: 'x', source: 'extension' };
  assert.equal(sendableShare(body), body);
  const short = { ...body, text: 'Short.' };
  assert.equal(sendableShare(short), short);
  const long = { ...body, text: 'word '.repeat(5000) };
  const sent = sendableShare(long);
  assert.deepEqual({ ...sent, text: null }, { ...body, text: null });
  assert.ok(sent.text.length <= SHARE_TEXT_MAX);
  assert.equal(long.text.length, 25000, 'the stored body is left whole');
});

// The server's own check of the text's length (its schema), in front of the fake server.
function refusingTooLong(bg, max) {
  bg.server.respond = (request) => (request.body && typeof request.body.text === 'string' && [...request.body.text].length > max
    ? { status: 422, body: { error: { code: 'validation_failed', message: `text: must be at most ${max} characters` } } }
    : { status: request.url.endsWith('/suggestions') ? 200 : 201,
      body: request.url.endsWith('/suggestions') ? { angles: [], voice: { label: 'personal' } } : undefined });
}

const LONG_POST = 'A long post about what I learned leading our migration this year. '.repeat(160); // 10,560
const xShare = { url: 'https://x.com/ann/status/1990000000000000001', network: 'x', source: 'extension', text: LONG_POST };

test('a post over 10,000 characters logs in one click, with its opening', async () => {
  const bg = loadBackground();
  refusingTooLong(bg, 10000);
  assert.ok(LONG_POST.length > 10000);
  const reply = await bg.send({ type: 'logShare', share: xShare });
  assert.deepEqual([reply.ok, reply.status], [true, 201], JSON.stringify(reply));
  const [sent] = bg.server.requests;
  assert.ok(LONG_POST.startsWith(sent.body.text) && sent.body.text.length > 9900);
  assert.deepEqual([bg.storage.data.outbox, bg.storage.data.outboxFailed || []], [[], []]);
});

test('a share waiting or refused with a text too long goes through on its retry', async () => {
  const bg = loadBackground();
  refusingTooLong(bg, 10000);
  // As an earlier version left them: one waiting (the server was away), one refused for its length.
  bg.storage.data.outbox = [{ key: 'waiting-key', body: xShare, attempts: 1, nextAttemptAt: 0, queuedAt: 1, lastError: null }];
  bg.storage.data.outboxFailed = [{ key: 'refused-key', body: { ...xShare, url: 'https://x.com/ann/status/1990000000000000002' },
    attempts: 1, nextAttemptAt: 0, queuedAt: 1, error: 'text: must be at most 10000 characters', kind: 'bad_request', status: 422 }];
  await bg.Firsthand.outbox.flush();
  const retried = await bg.send({ type: 'retryShare', key: 'refused-key' });
  assert.equal(retried.status, 201, JSON.stringify(retried));
  assert.deepEqual([...bg.server.recorded.keys()].sort(), ['refused-key', 'waiting-key']);
  assert.deepEqual([bg.storage.data.outbox, bg.storage.data.outboxFailed], [[], []]);
});

test('a draft over 20,000 characters gets suggestions from its opening', async () => {
  const bg = loadBackground();
  refusingTooLong(bg, 20000);
  const draft = 'I spent the year leading our migration and learned to ask for help early. '.repeat(300); // 22,200
  const reply = await bg.send({ type: 'suggest', text: draft, network: 'x' });
  assert.equal(reply.ok, true, JSON.stringify(reply));
  const [asked] = bg.server.requests;
  assert.ok(draft.startsWith(asked.body.text) && asked.body.text.length > 19900);
});

test('a draft over 10,000 characters is still checked against its story\'s announcement', async () => {
  const bg = loadBackground();
  refusingTooLong(bg, 10000);
  const reply = await bg.send({ type: 'storyDraftCheck', storyId: 3, text: LONG_POST });
  assert.equal(reply.ok, true, JSON.stringify(reply));
  assert.ok(LONG_POST.startsWith(bg.server.requests[0].body.text));
});
