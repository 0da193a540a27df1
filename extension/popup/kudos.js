/* The popup's Kudos tab: thanks received from colleagues, leadership's marked. */
(function (root) {
  'use strict';
  const ns = root.Firsthand;
  const { el, popup, t } = ns;
  const { app } = popup;

  async function showKudos() {
    app.replaceChildren(popup.tabBar(), el('p', { class: 'muted' }, t('loadingShort')));
    const reply = await popup.send({ type: 'kudosReceived' });
    if (!reply.ok) {
      app.replaceChildren(popup.tabBar(), el('p', { class: 'notice' }, reply.error || t('kudosUnavailable')));
      return;
    }
    const items = reply.data.data;
    const body = items.length
      ? el('ul', { class: 'kudos', 'aria-label': t('kudosReceived') }, ...items.map((k) => el('li', { 'data-kudos': k.id },
        el('div', { class: 'kudos-head' },
          el('strong', {}, k.from.name),
          k.leadership ? el('span', { class: 'pill lead' }, t('leadership')) : null,
          k.points ? el('span', { class: 'pts' }, `+${k.points}`) : null,
          el('span', { class: 'when' }, popup.timeAgo(k.created_at))),
        el('p', { class: 'message' }, k.message))))
      : el('section', { class: 'empty' }, el('span', { class: 'big', 'aria-hidden': 'true' }, '💐'),
        el('p', { class: 'muted' }, t('kudosEmpty')));
    app.replaceChildren(popup.tabBar(), el('section', {}, el('h2', {}, t('kudosHeading')), body));
  }

  popup.views.kudos = showKudos;
})(globalThis);
