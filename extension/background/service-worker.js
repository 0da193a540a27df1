/* Chrome's service worker: load the background modules in order (Firefox lists the same
   files under background.scripts; scripts/build_extension.py reads this list). */
importScripts(
  '../lib/share-url.js',
  '../lib/outbox-rules.js',
  'api.js',
  'outbox.js',
  'router.js',
  'my-data.js',
  'sites.js'
);
