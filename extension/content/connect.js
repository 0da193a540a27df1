/* On the Firsthand server's connect page: hand the page's token to the extension. Its words
   come from _locales (chrome.i18n is there in content scripts; lib/i18n.js is not loaded here). */
(function () {
  'use strict';
  const box = document.getElementById('firsthand-connect');
  if (!box || !box.dataset.token) return;
  const t = (key, ...subs) => chrome.i18n.getMessage(key, subs.map(String)) || key;
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
