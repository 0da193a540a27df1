/* The story the employee is telling: which one the open composer's draft is about (picked in
   Ideas or in the panel, or named by a link in the draft), its part of the suggestion panel (its
   angle questions as starters, a warning when the draft reads like the announcement, "Not this
   story"), and the pick dropped once a post telling it is confirmed. The share carries it.
   Drawn inside the panel's shadow root with its classes; every server string is text. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});
  const { el } = ns.dom;
  const t = (...args) => ns.t(...args);

  /** Elements for the panel: a note naming the story (with "Not this story" to un-pick it),
      its questions, the copy warning. */
  function storyParts(story, readsLikeStory, onQuestion, onNotThis) {
    if (!story) return [];
    const notThis = el('button', { type: 'button', class: 'link unpick', 'data-story-unpick': story.id,
      onmousedown: (e) => e.preventDefault(), onclick: () => onNotThis() }, t('storyNotThis'));
    const parts = [el('p', { class: 'note', 'data-story': story.id }, t('storyWritingAbout'), ' ',
      el('b', {}, story.title), ' ', notThis)];
    if (readsLikeStory) {
      parts.push(el('p', { class: 'warn', role: 'alert', 'data-story-copy': '' },
        t('storyReadsLikeAnnouncement')));
    }
    parts.push(el('ol', { 'aria-label': t('storyQuestionsLabel'), 'data-story-questions': '' },
      ...story.questions.map((question, i) => el('li', {},
        el('button', { type: 'button', 'data-question': i,
          onmousedown: (e) => e.preventDefault(), // keep the caret in the editor
          onclick: () => onQuestion(question) },
        el('span', { class: 'title' }, question),
        el('span', { class: 'insert' }, t('storyStartWith')))))));
    return parts;
  }

  /** When the panel knows no story: the one the draft's words seem to name, offered with a
      one-click yes, and a choice of the live ones, for the employee to pick. */
  function storyPicker(choices, likely, onPick) {
    if (!choices || !choices.length) return [];
    const offer = likely ? [el('p', { class: 'note', 'data-story-likely': likely.id }, t('storyLikely'), ' ',
      el('b', {}, likely.title), ' ',
      el('button', { type: 'button', class: 'link yes', 'data-story-yes': likely.id,
        onmousedown: (e) => e.preventDefault(), onclick: () => onPick(likely.id) }, t('storyLikelyYes')))] : [];
    const select = el('select', { id: 'fh-story-pick', 'data-story-pick': '' },
      el('option', { value: '' }, t('storyNone')),
      ...choices.map((c) => el('option', { value: String(c.id) }, c.title)));
    select.addEventListener('change', () => select.value && onPick(Number(select.value)));
    return [...offer, el('p', { class: 'muted pick' }, el('label', { for: 'fh-story-pick' }, t('storyPickLabel')), ' ', select)];
  }

  /** Which story the open composer's draft tells, for the panel and the share. `send` asks the
      background, `draft()` reads the open composer's words (null when none is open), and
      `changed()` redraws the panel. */
  class StoryFollower {
    constructor({ send, draft, changed }) {
      Object.assign(this, { send, draft, changed });
      this.shown = { story: null, readsLikeStory: false, choices: [], likely: null }; // what the panel draws
      this.reset();
    }

    /** A composer opened: no story known yet, none un-picked. (The panel keeps what it drew
        until the draft's story is known, a moment later.) */
    reset() {
      this.story = null; // sent with the post, confirmed in the share card
      this.notStory = null; // the story the employee said this draft is not about
      // The last draft's "reads like the announcement" is not the new one's verdict.
      this.shown = { ...this.shown, readsLikeStory: false };
    }

    /** Which story `text` tells and whether it reads like the announcement. */
    async follow(text) {
      const found = await this.send({ type: 'storyFor', text });
      if (!found.ok || this.draft() === null) return;
      this.story = found.story && found.story.id === this.notStory ? null : found.story;
      let copy = false;
      if (this.story && text.trim()) {
        const check = await this.send({ type: 'storyDraftCheck', storyId: this.story.id, text });
        copy = Boolean(check.ok && check.data.reads_like_story);
      }
      if (this.draft() === null) return;
      // A story the employee said this draft is not about is not offered again.
      const likely = found.likely && found.likely.id !== this.notStory ? found.likely : null;
      this.shown = { story: this.story, readsLikeStory: copy, choices: found.choices || [], likely };
      this.changed();
    }

    /** A story picked in the panel, or none (storyId null: "Not this story", which also keeps
        a story found by a link in the draft off it). */
    async pick(storyId) {
      this.notStory = storyId === null && this.story ? this.story.id : null;
      await this.send({ type: 'pickStory', storyId });
      const text = this.draft();
      if (text !== null) this.follow(text);
    }

    /** The panel's story part, above the suggestions: the story and its questions (`onQuestion`
        inserts one), or a choice of the live stories when none is known. */
    parts(onQuestion) {
      const { story, readsLikeStory, choices, likely } = this.shown;
      if (!story) return storyPicker(choices, likely, (id) => this.pick(id));
      return storyParts(story, readsLikeStory, onQuestion, () => this.pick(null));
    }

    /** The verdict the panel shows for `voice`: a draft that reads like the story's
        announcement is the announcement pasted, not told (the server gives it re-share points),
        so not "Sounds like you" beside "This reads like the announcement" (a cold trial). */
    judged(voice) {
      const { story, readsLikeStory } = this.shown;
      if (!voice || voice.too_early || !story || !readsLikeStory) return voice;
      return { ...voice, label: 'corporate', personal_score: 0, signals: [] };
    }

    /** The draft as its voice is read: without the picked story's questions ("Start with this
        question" puts one in the post, in the admin's words and language, which say nothing of
        the employee's voice; the server leaves them out of a logged share alike). */
    reading(text) {
      return withoutQuestions(text, this.story);
    }

    /** The story a post's words name (after a page load only the words came back), or null. */
    async named(text) {
      const found = text ? await this.send({ type: 'storyFor', text }) : {};
      return (found.ok && found.story) || null;
    }

    /** A confirmed post told `story`: the next post starts without it picked. */
    async told(story) {
      if (story) await this.send({ type: 'storyTold', storyId: story.id });
    }
  }

  /** `text` without any of `story`'s questions, however the editor spaced them (a no-break
      space for a space); '' when nothing else is left. */
  function withoutQuestions(text, story) {
    let own = String(text);
    for (const question of (story && story.questions) || []) {
      const words = String(question).split(/\s+/).filter(Boolean);
      if (!words.length) continue;
      const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      own = own.replace(new RegExp(escaped.join('\\s+'), 'g'), ' ');
    }
    return own.trim() ? own : '';
  }

  ns.StoryFollower = StoryFollower;
  ns.withoutStoryQuestions = withoutQuestions;
})(typeof globalThis !== 'undefined' ? globalThis : this);
