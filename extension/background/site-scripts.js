/* Sites beyond LinkedIn are opt-in: once the employee grants an optional site permission (and
   the optional `scripting` permission), the same content scripts are registered for that site;
   revoking the permission unregisters them. The file list comes from the manifest. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});

  const OPTIONAL_SITES = {
    x: { id: 'firsthand-x', matches: ['https://x.com/*', 'https://twitter.com/*'] }
  };

  function contentScripts() {
    const linkedin = chrome.runtime.getManifest().content_scripts.find((c) =>
      c.js.includes('content/main.js'));
    // One list for every site: main.js picks the adapter that handles the page.
    return linkedin.js;
  }

  async function granted(site) {
    return chrome.permissions.contains({ origins: site.matches, permissions: ['scripting'] });
  }

  /** Register or unregister each optional site's scripts to match what is granted now. */
  async function sync() {
    if (!chrome.scripting) return; // `scripting` not granted: nothing can be registered
    const registered = new Set((await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id));
    for (const site of Object.values(OPTIONAL_SITES)) {
      const want = await granted(site);
      if (want && !registered.has(site.id)) {
        await chrome.scripting.registerContentScripts([{
          id: site.id, matches: site.matches, js: contentScripts(), runAt: 'document_idle',
          persistAcrossSessions: true
        }]);
      } else if (!want && registered.has(site.id)) {
        await chrome.scripting.unregisterContentScripts({ ids: [site.id] });
      }
    }
  }

  chrome.permissions.onAdded.addListener(() => sync().catch(() => {}));
  chrome.permissions.onRemoved.addListener(() => sync().catch(() => {}));
  chrome.runtime.onInstalled.addListener(() => sync().catch(() => {}));
  chrome.runtime.onStartup.addListener(() => sync().catch(() => {}));

  ns.sites = { sync, OPTIONAL_SITES };
})(typeof globalThis !== 'undefined' ? globalThis : this);
