// ESLint (flat config) for the extension, the node tests of its logic, and any JS under scripts/.
// ./scripts/test runs `npx eslint .` before the node tests; it must stay clean.
'use strict';
const js = require('@eslint/js');
const globals = require('globals');

const common = {
  ...js.configs.recommended.rules,
  'no-unused-vars': ['error', { caughtErrors: 'none' }],
  eqeqeq: ['error', 'smart'],
  'no-var': 'error',
  'prefer-const': 'error'
};

module.exports = [
  {
    // Not ours to lint: generated builds, installed packages, and fixture pages that imitate
    // other sites' code. The server's own JS (console pages) is linted by its owners' config.
    ignores: ['build/', 'dist/', 'node_modules/', '.venv/', 'tests/artifacts/', 'tests/e2e/fixtures/', 'server/']
  },
  {
    files: ['extension/**/*.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'script', // no bundler: each file is a classic script sharing globalThis.Firsthand
      globals: {
        ...globals.browser,
        ...globals.webextensions,
        module: 'readonly' // lib files also export themselves to node --test when `module` exists
      }
    },
    rules: {
      ...common,
      // Handbook: no file in extension/ longer than about 300 lines.
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
      'no-restricted-properties': ['error',
        { object: 'chrome', property: 'storage', message: 'Read and write storage through Firsthand.storage (lib/storage.js).' },
        { property: 'innerHTML', message: 'Build nodes with Firsthand.el: strings from the server stay text.' },
        { property: 'outerHTML', message: 'Build nodes with Firsthand.el: strings from the server stay text.' }]
    }
  },
  {
    files: ['extension/lib/storage.js'],
    rules: { 'no-restricted-properties': 'off' } // the one owner of chrome.storage
  },
  {
    files: ['extension/background/**/*.js'],
    languageOptions: { globals: { ...globals.serviceworker } }
  },
  {
    files: ['tests/extension/**/*.js', 'scripts/**/*.js', 'eslint.config.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'commonjs', globals: { ...globals.node } },
    rules: common
  }
];
