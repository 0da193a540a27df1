/* Start Firsthand on a supported site; anything unexpected leaves the page untouched. */
(function (root) {
  'use strict';
  const ns = root.Firsthand || {};
  const adapter = (ns.adapters || []).find((a) => a.handles(location));
  if (!adapter) return;
  try {
    const watcher = new ns.ComposerWatcher(adapter);
    watcher.start().catch(() => {});
    ns.watcher = watcher;
  } catch (e) {
    // Fail soft: the site changed in a way we do not understand; the popup still works.
  }
})(typeof globalThis !== 'undefined' ? globalThis : this);
