/* The popup's Kudos tab: thanks received from colleagues, leadership's marked. */
(function (root) {
  'use strict';
  const ns = root.Firsthand;
  const { el, popup } = ns;
  const { app } = popup;

  async function showKudos() {
    app.replaceChildren(popup.tabBar(), el('p', { class: 'muted' }, 'Loading…'));
    const reply = await popup.send({ type: 'kudosReceived' });
    if (!reply.ok) {
      app.replaceChildren(popup.tabBar(), el('p', { class: 'notice' }, reply.error || 'Kudos are unavailable.'));
      return;
    }
    const items = reply.data.data;
    const body = items.length
      ? el('ul', { class: 'kudos', 'aria-label': 'Kudos you received' }, ...items.map((k) => el('li', { 'data-kudos': k.id },
        el('div', { class: 'kudos-head' },
          el('strong', {}, k.from.name),
          k.leadership ? el('span', { class: 'pill lead' }, 'Leadership') : null,
          k.points ? el('span', { class: 'pts' }, `+${k.points}`) : null,
          el('span', { class: 'when' }, ns.timeAgo(k.created_at))),
        el('p', { class: 'message' }, k.message))))
      : el('section', { class: 'empty' }, el('span', { class: 'big', 'aria-hidden': 'true' }, '💐'),
        el('p', { class: 'muted' }, 'No kudos yet. When a colleague thanks you for a post, it shows up here.'));
    app.replaceChildren(popup.tabBar(), el('section', {}, el('h2', {}, 'Kudos for you'), body));
  }

  popup.views.kudos = showKudos;
})(globalThis);
