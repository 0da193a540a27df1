/* Chrome's service worker: load the background modules in order (Firefox lists the same
   files under background.scripts; scripts/build_extension.py reads this list). */
importScripts(
  '../lib/storage.js',
  '../lib/share-url.js',
  '../lib/failures.js',
  '../lib/i18n.js',
  '../lib/sites.js',
  '../lib/outbox-rules.js',
  '../lib/text-limits.js',
  '../lib/story-match.js',
  '../lib/server-clock.js',
  'api.js',
  'outbox.js',
  'router.js',
  'my-data.js',
  'reach.js',
  'site-scripts.js',
  'stories.js',
  'commands.js'
);
