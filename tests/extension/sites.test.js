'use strict';
/* The sites are listed once (lib/sites.js); the manifest, which cannot import it, must agree. */
const test = require('node:test');
const assert = require('node:assert/strict');
const manifest = require('../../extension/manifest.json');
const { SITES, optionalSites, accessRequest, scriptId } = require('../../extension/lib/sites.js');

const originsOf = (optional) => Object.values(SITES).filter((s) => s.optional === optional).flatMap((s) => s.origins).sort();

test('the manifest asks for exactly the built-in sites and offers exactly the optional ones', () => {
  assert.deepEqual([...manifest.host_permissions].sort(), originsOf(false));
  assert.deepEqual([...manifest.optional_host_permissions].sort(), originsOf(true));
  const linkedin = manifest.content_scripts.find((c) => c.js.includes('content/main.js'));
  assert.deepEqual([...linkedin.matches].sort(), originsOf(false));
  assert.ok(manifest.optional_permissions.includes('scripting'), 'optional sites need scripting');
});

test('an optional site is asked for with its origins and scripting, under its own script id', () => {
  assert.deepEqual(optionalSites().map(([id]) => id), ['x', 'facebook']);
  assert.deepEqual(accessRequest('x'), { origins: ['https://x.com/*', 'https://twitter.com/*'], permissions: ['scripting'] });
  assert.equal(scriptId('x'), 'firsthand-x');
});
