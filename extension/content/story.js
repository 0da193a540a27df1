/* The story part of the suggestion panel: which story the employee is writing about, its
   angle questions as starters, and a warning when the draft reads like the announcement.
   Drawn inside the panel's shadow root with its classes; every server string is text. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});
  const { el } = ns.dom;

  /** Elements for the panel: a note naming the story, its questions, the copy warning. */
  function storyParts(story, readsLikeStory, onQuestion) {
    if (!story) return [];
    const parts = [el('p', { class: 'note', 'data-story': story.id }, 'Writing about: ', el('b', {}, story.title))];
    if (readsLikeStory) {
      parts.push(el('p', { class: 'warn', role: 'alert', 'data-story-copy': '' },
        'This reads like the announcement: add what it meant to you.'));
    }
    parts.push(el('ol', { 'aria-label': 'Questions to answer in your own words', 'data-story-questions': '' },
      ...story.questions.map((question, i) => el('li', {},
        el('button', { type: 'button', 'data-question': i,
          onmousedown: (e) => e.preventDefault(), // keep the caret in the editor
          onclick: () => onQuestion(question) },
        el('span', { class: 'title' }, question),
        el('span', { class: 'insert' }, '+ Start with this question'))))));
    return parts;
  }

  /** When the panel knows no story: a choice of the live ones, for the employee to pick. */
  function storyPicker(choices, onPick) {
    if (!choices || !choices.length) return [];
    const select = el('select', { id: 'fh-story-pick', 'data-story-pick': '' },
      el('option', { value: '' }, 'Not about a story'),
      ...choices.map((c) => el('option', { value: String(c.id) }, c.title)));
    select.addEventListener('change', () => select.value && onPick(Number(select.value)));
    return [el('p', { class: 'muted pick' }, el('label', { for: 'fh-story-pick' }, 'Writing about a story? '), select)];
  }

  ns.storyParts = storyParts;
  ns.storyPicker = storyPicker;
})(typeof globalThis !== 'undefined' ? globalThis : this);
