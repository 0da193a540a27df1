/* The popup's Ideas tab: the live stories for the employee's team, newest first, each with
   what happened, its angle questions and how many colleagues posted about it (a count, no
   names). "Write a post" opens LinkedIn and the composer's panel then knows the story. */
(function (root) {
  'use strict';
  const ns = root.Firsthand;
  const { el, popup } = ns;
  const { app, send } = popup;

  function colleaguesLine(story) {
    const n = story.colleagues_posted;
    const others = n === 0 ? 'No colleague has posted about it yet' : `${n} ${n === 1 ? 'colleague has' : 'colleagues have'} posted about it`;
    return el('p', { class: 'muted idea-count', 'data-colleagues': n },
      others, story.you_posted ? el('span', { class: 'pill' }, 'You posted ✓') : null);
  }

  function idea(story) {
    const write = el('button', { type: 'button', 'data-write-story': story.id,
      onclick: async () => { await send({ type: 'openStory', story }); window.close(); } }, 'Write a post');
    return el('li', { class: 'idea', 'data-story': story.id },
      el('h3', {}, story.title),
      el('p', { class: 'idea-context' }, story.context),
      el('p', { class: 'idea-ask' }, 'Tell it your way:'),
      el('ul', { class: 'questions' }, ...story.questions.map((q) => el('li', {}, q))),
      colleaguesLine(story),
      el('div', { class: 'idea-actions' }, write,
        story.link ? el('a', { href: story.link, target: '_blank', rel: 'noopener' }, 'Read more') : null));
  }

  function suggestForm() {
    const line = el('input', { type: 'text', id: 'suggest-line', maxlength: 280, required: true, placeholder: 'What happened?' });
    const link = el('input', { type: 'url', id: 'suggest-link', maxlength: 2048, placeholder: 'https:// (optional)' });
    const status = el('p', { class: 'form-result', role: 'status' });
    const form = el('form', { class: 'suggest-form' },
      el('label', { for: 'suggest-line' }, 'A story worth telling?'), line,
      el('label', { for: 'suggest-link' }, 'Link'), link,
      el('button', { type: 'submit', class: 'secondary' }, 'Suggest it'), status);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const reply = await send({ type: 'suggestStory', line: line.value, link: link.value.trim() || null });
      status.textContent = reply.ok ? 'Thanks! An admin will look at it.' : reply.error || 'Could not send it.';
      if (reply.ok) form.reset();
    });
    return el('details', { class: 'suggest' }, el('summary', {}, 'Suggest a story'), form);
  }

  async function showIdeas() {
    app.replaceChildren(popup.tabBar(), el('p', { class: 'muted' }, 'Loading…'));
    const reply = await send({ type: 'stories' });
    if (!reply.ok) {
      app.replaceChildren(popup.tabBar(), el('p', { class: 'notice' }, reply.error || 'Stories are unavailable right now.'));
      return;
    }
    const stories = reply.data.data;
    const body = stories.length
      ? el('ol', { class: 'ideas', 'aria-label': 'Stories to tell' }, ...stories.map(idea))
      : el('p', { class: 'muted empty-line' }, 'No stories for your team right now. What did you work on this week? That is a story too.');
    app.replaceChildren(popup.tabBar(), body, suggestForm());
  }

  popup.views.ideas = showIdeas;
})(globalThis);
