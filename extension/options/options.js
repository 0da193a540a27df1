/* Options: who is connected, disconnect, connect by hand, live suggestions on or off, and the
   optional sites (lib/sites.js). */
(function (root) {
  'use strict';
  const { storage, sites, el, t, language } = root.Firsthand;
  const $ = (id) => document.getElementById(id);

  async function refresh() {
    const { server, token, user, liveSuggestions } = await storage.settings();
    $('server').value = server || ''; // none yet: the field shows its example, not a made-up address
    $('live').checked = liveSuggestions;
    $('reach-reading').checked = (await storage.read('reachReading')) !== false;
    for (const [id] of sites.optionalSites()) {
      $(`site-${id}`).checked = await chrome.permissions.contains(sites.accessRequest(id));
    }
    $('disconnect').hidden = !token;
    if (!(token && user)) {
      $('status').textContent = t('optNotConnected');
      return;
    }
    // Asked of the server, not read from what connecting stored: a revoked connection showed
    // "Connected", and "Checking…" checked nothing.
    $('status').textContent = t('optChecking');
    const reply = await chrome.runtime.sendMessage({ type: 'checkConnection' });
    const who = reply.ok ? reply.data.user : user;
    $('status').textContent = reply.ok ? t('optConnected', server, who.name, who.email)
      : reply.kind === 'unauthorized' ? `${t('optNoLongerConnected', server, user.name)} ${t(ENDED[reply.code] || 'reconnect')}`
        : t('optNotChecked', server, user.name, user.email, reply.error || reply.kind);
  }

  // Why a connection no longer works, by the server's 401 code (server/firsthand/auth.py).
  const ENDED = { token_revoked: 'reconnectRevoked', account_deactivated: 'reconnectDeactivated' };

  $('disconnect').addEventListener('click', async () => {
    await chrome.runtime.sendMessage({ type: 'disconnect' });
    refresh();
  });

  $('manual').addEventListener('submit', async (event) => {
    event.preventDefault();
    const server = storage.serverOrigin($('server').value);
    const token = $('token').value.trim() || (await storage.read('token'));
    if (!token) {
      $('manual-result').textContent = t('optPasteToken');
      return;
    }
    const reply = await chrome.runtime.sendMessage({ type: 'setConnection', server, token });
    $('manual-result').textContent = reply.ok
      ? t('optConnectedAs', reply.data.user.name)
      : t('optCouldNotConnect', reply.error);
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
    const hosts = listOf(site.origins.map((o) => new URL(o.replace('*.', '')).hostname));
    return [el('label', { class: 'switch' }, box, t('optAlsoHelp', site.label)),
      el('p', { class: 'muted' }, t('optAsksAccess', hosts))];
  }

  /** "a and b", "a, b et c": joined the way the UI language joins a list. */
  function listOf(items) {
    try {
      return new Intl.ListFormat(language(), { type: 'conjunction' }).format(items);
    } catch {
      return items.join(', ');
    }
  }

  $('sites').replaceChildren(...sites.optionalSites().flatMap(([id, site]) => siteSwitch(id, site)));
  $('live').addEventListener('change', () => storage.set({ liveSuggestions: $('live').checked }));
  $('reach-reading').addEventListener('change', () => storage.set({ reachReading: $('reach-reading').checked }));
  $('story-badge').addEventListener('change', async () => {
    await storage.set({ storyBadge: $('story-badge').checked });
    chrome.runtime.sendMessage({ type: 'storyBadgeChanged' });
  });
  storage.read('storyBadge').then((on) => { $('story-badge').checked = on !== false; });

  root.Firsthand.localise(document);
  refresh();
})(globalThis);
