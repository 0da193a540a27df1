/* Options: who is connected, disconnect, connect by hand, live suggestions on or off. */
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const X_ACCESS = { origins: ['https://x.com/*', 'https://twitter.com/*'], permissions: ['scripting'] };

  async function refresh() {
    const { server, token, user, liveSuggestions } = await chrome.storage.local.get(
      ['server', 'token', 'user', 'liveSuggestions']);
    $('server').value = server || 'http://127.0.0.1:5000';
    $('live').checked = liveSuggestions !== false;
    $('x-site').checked = await chrome.permissions.contains(X_ACCESS);
    $('disconnect').hidden = !token;
    $('status').textContent = token && user
      ? `Connected to ${server} as ${user.name} (${user.email}).`
      : 'Not connected. Open the connect link your Firsthand admin sent you.';
  }

  $('disconnect').addEventListener('click', async () => {
    await chrome.runtime.sendMessage({ type: 'disconnect' });
    refresh();
  });

  $('manual').addEventListener('submit', async (event) => {
    event.preventDefault();
    const server = $('server').value.trim().replace(/\/+$/, '');
    const token = $('token').value.trim() || (await chrome.storage.local.get('token')).token;
    if (!token) {
      $('manual-result').textContent = 'Paste the token your admin gave you.';
      return;
    }
    const reply = await chrome.runtime.sendMessage({ type: 'setConnection', server, token });
    $('manual-result').textContent = reply.ok
      ? `Connected as ${reply.data.user.name}.`
      : `Could not connect: ${reply.error}`;
    $('token').value = '';
    refresh();
  });

  $('x-site').addEventListener('change', async () => {
    // Permission requests must come straight from the click, as here.
    const ok = $('x-site').checked
      ? await chrome.permissions.request(X_ACCESS)
      : await chrome.permissions.remove(X_ACCESS);
    if (!ok) $('x-site').checked = !$('x-site').checked;
  });

  $('live').addEventListener('change', () => chrome.storage.local.set({ liveSuggestions: $('live').checked }));

  refresh();
})();
