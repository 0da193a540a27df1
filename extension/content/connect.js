/* On the Firsthand server's connect page: hand the page's token to the extension. */
(function () {
  'use strict';
  const box = document.getElementById('firsthand-connect');
  if (!box || !box.dataset.token) return;
  box.textContent = 'Connecting your Firsthand extension…';
  chrome.runtime
    .sendMessage({ type: 'connect', server: box.dataset.server, token: box.dataset.token })
    .then((reply) => {
      box.dataset.state = reply && reply.ok ? 'connected' : 'failed';
      box.textContent = reply && reply.ok
        ? `Connected as ${reply.data.user.name}. You can close this tab and start writing.`
        : `The extension could not connect: ${(reply && reply.error) || 'no answer'}.`;
    })
    .catch(() => {
      box.dataset.state = 'failed';
      box.textContent = 'The extension could not connect. Reload this page to try again.';
    });
})();
