/* "What holds you back?": asked once, in one tap, after 30 days without a share (the server
   decides when). Only the totals reach the console. Fills a slot on the You tab. */
(function (root) {
  'use strict';
  const ns = root.Firsthand;
  const { el, popup, t } = ns;
  // The server names the answers in English; the popup says them in the UI language.
  const CHOICE = {
    no_time: () => t('holdBackNoTime'),
    what_to_say: () => t('holdBackWhatToSay'),
    whats_allowed: () => t('holdBackWhatsAllowed'),
    not_for_me: () => t('holdBackNotForMe'),
    dont_ask: () => t('holdBackDontAsk')
  };

  function thanks(state) {
    const allowed = state.answer === 'whats_allowed';
    return [el('p', { class: 'muted' }, t('questionThanks')),
      allowed ? el('p', {}, el('a', { href: state.guidelines_url, target: '_blank', rel: 'noopener' }, t('readGuidelines'))) : null];
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
        slot.replaceChildren(el('h2', { id: 'question-h' }, t('thankYou')),
          ...(answered.ok ? thanks(answered.data) : [el('p', { class: 'notice', role: 'status' }, answered.error || t('answerFailed'))]));
      };
      slot.replaceChildren(
        el('h2', { id: 'question-h' }, t('questionHeading')),
        el('p', { class: 'muted' }, t('questionIntro')),
        el('div', { class: 'choices' }, ...state.choices.map((c) =>
          el('button', { type: 'button', class: 'secondary', 'data-answer': c.id, onclick: () => choose(c.id) }, CHOICE[c.id] ? CHOICE[c.id]() : c.label))));
      slot.hidden = false;
      slot.dataset.state = 'asking';
    }, () => {});
    return slot;
  };
})(globalThis);
