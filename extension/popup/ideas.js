/* The popup's Ideas tab: the live stories for the employee's team, newest first, each with
   what happened, its angle questions and how many colleagues posted about it (a count, no
   names; none below the program's minimum group size). "Write a post" opens LinkedIn and the composer's panel then knows the story. */
(function (root) {
  'use strict';
  const ns = root.Firsthand;
  const { el, popup, t, tp } = ns;
  const { send } = popup;

  function colleaguesLine(story) {
    // null: fewer colleagues than the program shows a count for (a small number would say
    // who), so a neutral line that never says how many.
    const n = story.colleagues_posted;
    const few = n === null || n === undefined;
    const others = few ? t('ideaFewColleagues') : n === 0 ? t('ideaNoColleague') : tp('ideaColleagues', n);
    return el('p', { class: 'muted idea-count', 'data-colleagues': few ? 'few' : n },
      others, story.you_posted ? el('span', { class: 'pill' }, t('youPosted')) : null);
  }

  function idea(story) {
    const write = el('button', { type: 'button', 'data-write-story': story.id,
      onclick: async () => { await send({ type: 'openStory', story }); window.close(); } }, t('writePost'));
    return el('li', { class: 'idea', 'data-story': story.id },
      el('h3', {}, story.title),
      el('p', { class: 'idea-context', id: `idea-context-${story.id}` }, story.context),
      el('p', { class: 'idea-ask' }, t('tellYourWay')),
      el('ul', { class: 'questions' }, ...story.questions.map((q) => el('li', {}, q))),
      colleaguesLine(story),
      el('div', { class: 'idea-actions' }, write,
        story.link ? el('a', { href: story.link, target: '_blank', rel: 'noopener' }, t('readMore')) : null));
  }

  /** A story's words are cut to three lines (popup.css): where that hides some, a button
      under them shows them all and cuts them again. Measured once they are laid out. */
  function offerMore(list) {
    for (const context of list.querySelectorAll('.idea-context')) {
      if (context.scrollHeight <= context.clientHeight + 1) continue;
      const more = el('button', { type: 'button', class: 'more', 'aria-expanded': 'false', 'aria-controls': context.id },
        t('ideaMore'));
      more.addEventListener('click', () => {
        const open = context.classList.toggle('open');
        more.setAttribute('aria-expanded', String(open));
        more.textContent = t(open ? 'ideaLess' : 'ideaMore');
      });
      context.after(more);
    }
  }

  function suggestForm() {
    const line = el('input', { type: 'text', id: 'suggest-line', maxlength: 280, required: true, placeholder: t('suggestLinePlaceholder') });
    const link = el('input', { type: 'text', inputmode: 'url', autocomplete: 'url', spellcheck: 'false',
      id: 'suggest-link', maxlength: 2048, placeholder: t('suggestLinkPlaceholder') });
    const field = popup.linkField(link, 'suggest-link-error', t('suggestNotALink'));
    const status = el('p', { class: 'form-result', role: 'status' });
    // novalidate: Firsthand's own line says what is wrong, in the UI language, not the browser's bubble.
    const form = el('form', { class: 'suggest-form', novalidate: true },
      el('label', { for: 'suggest-line' }, t('suggestLineLabel')), line,
      el('label', { for: 'suggest-link' }, t('suggestLinkLabel')), link, field.error,
      el('button', { type: 'submit', class: 'secondary' }, t('suggestSubmit')), status);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      status.textContent = '';
      if (!line.value.trim()) {
        line.focus();
        status.textContent = t('suggestLineMissing');
        return;
      }
      const url = field.check(true);
      if (url === null) return;
      const reply = await send({ type: 'suggestStory', line: line.value, link: url || null });
      status.textContent = reply.ok ? t('suggestThanks') : reply.error || t('suggestFailed');
      if (reply.ok) form.reset();
    });
    return el('details', { class: 'suggest' }, el('summary', {}, t('suggestSummary')), form);
  }

  async function showIdeas() {
    popup.render(el('p', { class: 'muted' }, t('loadingShort')));
    const current = popup.begin();
    const reply = await send({ type: 'stories' });
    if (!current()) return;
    if (!reply.ok) {
      popup.render(el('p', { class: 'notice', role: 'status' }, reply.error || t('storiesUnavailable')));
      return;
    }
    const stories = reply.data.data;
    const body = stories.length
      ? el('ol', { class: 'ideas', 'aria-label': t('storiesLabel') }, ...stories.map(idea))
      : el('p', { class: 'muted empty-line' }, t('storiesEmpty'));
    popup.render(body, suggestForm());
    if (stories.length) offerMore(body);
  }

  popup.views.ideas = showIdeas;
})(globalThis);
