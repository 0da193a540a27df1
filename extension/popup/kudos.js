/* The popup's Kudos tab: thanks received from colleagues, leadership's marked, each one
   answered with a thank-you of one's own (thank.js). */
(function (root) {
  'use strict';
  const ns = root.Firsthand;
  const { el, popup, t } = ns;

  /** Which post a kudos thanks: its opening words (else where and when it went out), a link
      to it, and its date. Every part is text: the post's words are never markup. */
  function postLine(share) {
    const label = popup.shareLabel({ ...share, text: share.preview });
    const date = share.preview ? popup.postDate(share) : ''; // the label names it otherwise
    const url = /^https?:\/\//i.test(share.canonical_url) ? share.canonical_url : null;
    return el('p', { class: 'kudos-post' }, t('kudosForPost'), ' ',
      url ? el('a', { href: url, target: '_blank', rel: 'noopener', title: url }, label) : label,
      date ? el('span', { class: 'when' }, ` · ${date}`) : null);
  }

  function kudosItem(k) {
    const item = el('li', { 'data-kudos': k.id },
      el('div', { class: 'kudos-head' },
        // dir auto: a name or thank-you in Arabic or Hebrew reads from its own start.
        el('strong', { dir: 'auto' }, k.from.name),
        k.leadership ? el('span', { class: 'pill lead' }, t('leadership')) : null,
        k.points ? el('span', { class: 'pts' }, `+${k.points}`) : null,
        el('span', { class: 'when' }, popup.timeAgo(k.created_at))),
      k.share ? postLine(k.share) : null,
      el('p', { class: 'message', dir: 'auto' }, k.message));
    // Answered here, as the Leaderboard's Thank does (the giver may not be on the board at all):
    // the server says whether they may still be thanked.
    const person = { id: k.from.id, name: k.from.name };
    const back = el('button', { type: 'button', class: 'secondary small', 'aria-label': t('thankBackLabel', person.name),
      onclick: () => popup.thankForm(item, person, back, t('thankBackPlaceholder', person.name)) }, t('thankBackButton'));
    item.append(el('div', { class: 'kudos-actions' }, back));
    return item;
  }

  async function showKudos() {
    popup.render(el('p', { class: 'muted' }, t('loadingShort')));
    const current = popup.begin();
    const reply = await popup.send({ type: 'kudosReceived' });
    if (!current()) return;
    if (!reply.ok) {
      popup.render(el('p', { class: 'notice', role: 'status' }, reply.error || t('kudosUnavailable')));
      return;
    }
    const items = reply.data.data;
    const body = items.length
      ? el('ul', { class: 'kudos', 'aria-label': t('kudosReceived') }, ...items.map(kudosItem))
      : el('section', { class: 'empty' }, el('span', { class: 'big', 'aria-hidden': 'true' }, '💐'),
        el('p', { class: 'muted' }, t('kudosEmpty')));
    popup.render(el('section', {}, el('h2', {}, t('kudosHeading')), body));
  }

  popup.views.kudos = showKudos;
})(globalThis);
