/* Sites beyond LinkedIn are opt-in: once the employee grants an optional site's access (its
   origins and the optional `scripting` permission, lib/sites.js), the same content scripts are
   registered for that site; revoking the access unregisters them. The file list comes from the
   manifest. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});
  const { sites } = ns;

  function contentScripts() {
    const linkedin = chrome.runtime.getManifest().content_scripts.find((c) =>
      c.js.includes('content/main.js'));
    // One list for every site: main.js picks the adapter that handles the page.
    return linkedin.js;
  }

  /** Register or unregister each optional site's scripts to match what is granted now. */
  async function sync() {
    if (!chrome.scripting) return; // `scripting` not granted: nothing can be registered
    const registered = new Set((await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id));
    for (const [name, site] of sites.optionalSites()) {
      const id = sites.scriptId(name);
      const want = await chrome.permissions.contains(sites.accessRequest(name));
      if (want && !registered.has(id)) {
        await chrome.scripting.registerContentScripts([{
          id, matches: site.origins, js: contentScripts(), runAt: 'document_idle',
          persistAcrossSessions: true
        }]);
      } else if (!want && registered.has(id)) {
        await chrome.scripting.unregisterContentScripts({ ids: [id] });
      }
    }
  }

  chrome.permissions.onAdded.addListener(() => sync().catch(() => {}));
  chrome.permissions.onRemoved.addListener(() => sync().catch(() => {}));
  chrome.runtime.onInstalled.addListener(() => sync().catch(() => {}));
  chrome.runtime.onStartup.addListener(() => sync().catch(() => {}));

  ns.siteScripts = { sync };
})(typeof globalThis !== 'undefined' ? globalThis : this);
