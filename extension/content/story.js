/* The story part of the suggestion panel: which story the employee is writing about, its
   angle questions as starters, and a warning when the draft reads like the announcement.
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

  /** When the panel knows no story: a choice of the live ones, for the employee to pick. */
  function storyPicker(choices, onPick) {
    if (!choices || !choices.length) return [];
    const select = el('select', { id: 'fh-story-pick', 'data-story-pick': '' },
      el('option', { value: '' }, t('storyNone')),
      ...choices.map((c) => el('option', { value: String(c.id) }, c.title)));
    select.addEventListener('change', () => select.value && onPick(Number(select.value)));
    return [el('p', { class: 'muted pick' }, el('label', { for: 'fh-story-pick' }, t('storyPickLabel')), ' ', select)];
  }

  ns.storyParts = storyParts;
  ns.storyPicker = storyPicker;
})(typeof globalThis !== 'undefined' ? globalThis : this);
