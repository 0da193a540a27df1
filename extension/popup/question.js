/* "What holds you back?": asked once, in one tap, after 30 days without a share (the server
   decides when). Only the totals reach the console. Fills a slot on the You tab. */
(function (root) {
  'use strict';
  const ns = root.Firsthand;
  const { el, popup } = ns;

  function thanks(state) {
    const allowed = state.answer === 'whats_allowed';
    return [el('p', { class: 'muted' }, 'Thanks, that helps the people running the program.'),
      allowed ? el('p', {}, el('a', { href: state.guidelines_url, target: '_blank', rel: 'noopener' }, 'Read the posting guidelines')) : null];
  }

  /** An empty section that becomes the question when the server says it is time to ask. */
  popup.questionSlot = function questionSlot() {
    const slot = el('section', { class: 'question', hidden: true, 'aria-labelledby': 'question-h' });
    popup.send({ type: 'question' }).then((reply) => {
      if (!reply || !reply.ok || !reply.data.ask) {
        slot.dataset.state = 'not-asked';
        return;
      }
      const state = reply.data;
      const choose = async (id) => {
        const answered = await popup.send({ type: 'answerQuestion', answer: id });
        slot.replaceChildren(el('h2', { id: 'question-h' }, 'Thank you'),
          ...(answered.ok ? thanks(answered.data) : [el('p', { class: 'notice' }, answered.error || 'Could not send your answer.')]));
      };
      slot.replaceChildren(
        el('h2', { id: 'question-h' }, 'What holds you back from posting?'),
        el('p', { class: 'muted' }, 'One tap, asked once. Only totals are shown to the program team, never your name.'),
        el('div', { class: 'choices' }, ...state.choices.map((c) =>
          el('button', { type: 'button', class: 'secondary', 'data-answer': c.id, onclick: () => choose(c.id) }, c.label))));
      slot.hidden = false;
      slot.dataset.state = 'asking';
    }, () => {});
    return slot;
  };
})(globalThis);
