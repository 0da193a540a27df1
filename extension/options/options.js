/* Options: who is connected, disconnect, connect by hand, live suggestions on or off, and the
   optional sites (lib/sites.js). */
(function (root) {
  'use strict';
  const { storage, sites, el } = root.Firsthand;
  const $ = (id) => document.getElementById(id);

  async function refresh() {
    const { server, token, user, liveSuggestions } = await storage.settings();
    $('server').value = server;
    $('live').checked = liveSuggestions;
    $('reach-reading').checked = (await storage.read('reachReading')) !== false;
    for (const [id] of sites.optionalSites()) {
      $(`site-${id}`).checked = await chrome.permissions.contains(sites.accessRequest(id));
    }
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
    const server = storage.serverOrigin($('server').value);
    const token = $('token').value.trim() || (await storage.read('token'));
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

  /** "Also help on X": one switch per optional site, asking for (or giving back) its access. */
  function siteSwitch(id, site) {
    const box = el('input', { id: `site-${id}`, type: 'checkbox' });
    box.addEventListener('change', async () => {
      // Permission requests must come straight from the click, as here.
      const access = sites.accessRequest(id);
      const ok = box.checked ? await chrome.permissions.request(access) : await chrome.permissions.remove(access);
      if (!ok) box.checked = !box.checked;
    });
    const hosts = site.origins.map((o) => new URL(o.replace('*.', '')).hostname).join(' and ');
    return [el('label', { class: 'switch' }, box, `Also help on ${site.label}`),
      el('p', { class: 'muted' }, `Asks your browser for access to ${hosts}; switch it off to withdraw it.`)];
  }

  $('sites').replaceChildren(...sites.optionalSites().flatMap(([id, site]) => siteSwitch(id, site)));
  $('live').addEventListener('change', () => storage.set({ liveSuggestions: $('live').checked }));
  $('reach-reading').addEventListener('change', () => storage.set({ reachReading: $('reach-reading').checked }));

  refresh();
})(globalThis);
