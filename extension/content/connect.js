/* On the Firsthand server's connect page. Opening a link spends nothing (mail scanners open
   links too): the page asks "Connect this browser", and with the extension here we answer for
   the person by submitting that form; the page it leads to (/connect/done) carries the token we
   hand over. Its words come from lib/i18n.js (loaded before this file), which asks the service
   worker for the _locales files when chrome.i18n has lost them, as in the other content
   scripts: we speak once those words are there (messagesReady). */
(function (root) {
  'use strict';
  const box = document.getElementById('firsthand-connect');
  if (!box) return;
  const { t, messagesReady } = root.Firsthand;

  // The page offers "Connect this browser" only where the extension is (a press without it
  // would spend the link for a token nobody receives): show it, and drop the "install the
  // extension first" notice, at once, before the words below are ready.
  const form = document.getElementById('firsthand-connect-form');
  if (form && box.dataset.state === 'confirm') {
    document.documentElement.dataset.firsthandExtension = 'present';
    form.hidden = false;
    const notice = document.getElementById('firsthand-no-extension');
    if (notice) notice.hidden = true;
  }

  function connectHere() {
    if (form && box.dataset.state === 'confirm') {
      box.textContent = t('connectConnecting');
      form.requestSubmit();
      return;
    }
    if (!box.dataset.token) return;
    box.textContent = t('connectConnecting');
    return root.chrome.runtime
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
  }

  messagesReady.then(connectHere);
})(typeof globalThis !== 'undefined' ? globalThis : this);
