/* On the Firsthand server's connect page. Opening a link spends nothing (mail scanners open
   links too): the page asks "Connect this browser", and with the extension here we answer for
   the person by submitting that form; the page it returns carries the token we hand over.
   Its words come from _locales (chrome.i18n is there in content scripts; lib/i18n.js is not). */
(function () {
  'use strict';
  const box = document.getElementById('firsthand-connect');
  if (!box) return;
  const t = (key, ...subs) => chrome.i18n.getMessage(key, subs.map(String)) || key;
  const form = document.getElementById('firsthand-connect-form');
  if (form && box.dataset.state === 'confirm') {
    box.textContent = t('connectConnecting');
    form.requestSubmit();
    return;
  }
  if (!box.dataset.token) return;
  box.textContent = t('connectConnecting');
  chrome.runtime
    .sendMessage({ type: 'connect', server: box.dataset.server, token: box.dataset.token })
    .then((reply) => {
      box.dataset.state = reply && reply.ok ? 'connected' : 'failed';
      box.textContent = reply && reply.ok
        ? t('connectDone', reply.data.user.name)
        : t('connectFailed', (reply && reply.error) || t('connectNoAnswer'));
    })
    .catch(() => {
      box.dataset.state = 'failed';
      box.textContent = t('connectReload');
    });
})();
