/* The social sites Firsthand helps on, each listed once with the origins it needs. LinkedIn is
   built in (manifest host_permissions and content_scripts); the optional ones are asked for at
   run time (manifest optional_host_permissions) and their content scripts registered by
   background/site-scripts.js. tests/extension/sites.test.js holds the manifest to this list.
   A new site: one entry here, its origins in the manifest, and an adapter in content/adapters/. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});

  const SITES = Object.freeze({
    linkedin: { label: 'LinkedIn', optional: false, origins: ['https://www.linkedin.com/*'] },
    x: { label: 'X (Twitter)', optional: true, origins: ['https://x.com/*', 'https://twitter.com/*'] },
    facebook: { label: 'Facebook', optional: true, origins: ['https://www.facebook.com/*'] }
  });

  /** The optional sites, as [id, site] pairs. */
  function optionalSites() {
    return Object.entries(SITES).filter(([, site]) => site.optional);
  }

  /** What permissions.request/contains/remove take for an optional site (its scripts need `scripting`). */
  function accessRequest(id) {
    return { origins: [...SITES[id].origins], permissions: ['scripting'] };
  }

  /** The id its content scripts are registered under. */
  function scriptId(id) {
    return `firsthand-${id}`;
  }

  const api = { SITES, optionalSites, accessRequest, scriptId };
  ns.sites = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})(typeof globalThis !== 'undefined' ? globalThis : this);
