'use strict';
/* content/page-theme.js: the page's theme from the colour painted under the composer, swept
   over a stand-in page (each element's computed background, the page's color-scheme, the OS's).
   The real pages are in tests/e2e/test_panel_theme.py. */
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const SOURCE = fs.readFileSync(path.resolve(__dirname, '../../extension/content/page-theme.js'), 'utf8');
const CLEAR = 'rgba(0, 0, 0, 0)';

/** The page: an editor in a box in the body in <html>, each with its background colour. */
function pageWith({ editor = CLEAR, box = CLEAR, body = CLEAR, html = CLEAR, scheme = 'normal', meta = null, osDark = false }) {
  const node = (name, backgroundColor, parentElement) => ({ name, backgroundColor, parentElement,
    getRootNode: () => ({}) });
  const htmlEl = node('html', html, null);
  const bodyEl = node('body', body, htmlEl);
  const boxEl = node('box', box, bodyEl);
  const editorEl = node('editor', editor, boxEl);
  const context = {
    document: { documentElement: htmlEl, body: bodyEl,
      querySelector: () => (meta ? { content: meta } : null) },
    getComputedStyle: (el) => ({ backgroundColor: el.backgroundColor, colorScheme: el === htmlEl ? scheme : 'normal' }),
    matchMedia: () => ({ matches: osDark })
  };
  context.globalThis = context;
  vm.createContext(context);
  vm.runInContext(SOURCE, context);
  return { themeAt: context.Firsthand.pageTheme.themeAt, editor: editorEl };
}

const themeOf = (page) => {
  const { themeAt, editor } = pageWith(page);
  return themeAt(editor);
};

test('the composer box decides, whatever the body and the OS', () => {
  assert.equal(themeOf({ box: 'rgb(27, 31, 35)', body: 'rgb(255, 255, 255)' }), 'dark'); // LinkedIn dark
  assert.equal(themeOf({ box: 'rgb(255, 255, 255)', body: 'rgb(0, 0, 0)', osDark: true }), 'light');
});

test('a see-through composer shows the body under it; X\'s Dim and Lights out are dark', () => {
  assert.equal(themeOf({ body: 'rgb(21, 32, 43)' }), 'dark');
  assert.equal(themeOf({ body: 'rgb(0, 0, 0)' }), 'dark');
  assert.equal(themeOf({ body: 'rgb(255, 255, 255)', osDark: true }), 'light');
  assert.equal(themeOf({ html: 'rgb(243, 242, 238)', osDark: true }), 'light');
});

test('see-through layers are laid over what is under them', () => {
  assert.equal(themeOf({ box: 'rgba(0, 0, 0, 0.9)', body: 'rgb(255, 255, 255)' }), 'dark');
  assert.equal(themeOf({ box: 'rgba(0, 0, 0, 0.1)', body: 'rgb(255, 255, 255)' }), 'light');
  assert.equal(themeOf({ box: 'rgba(255, 255, 255, 0.08)', body: 'rgb(0, 0, 0)' }), 'dark');
  assert.equal(themeOf({ box: 'rgba(255, 255, 255, 0.08)' }), 'light'); // over the white canvas
});

test('where nothing is painted, the canvas: dark only where the page asks for a dark scheme', () => {
  assert.equal(themeOf({}), 'light');
  assert.equal(themeOf({ osDark: true }), 'light'); // a page that says nothing gets a white canvas
  assert.equal(themeOf({ scheme: 'dark' }), 'dark');
  assert.equal(themeOf({ scheme: 'light dark' }), 'light');
  assert.equal(themeOf({ scheme: 'light dark', osDark: true }), 'dark');
  assert.equal(themeOf({ meta: 'dark' }), 'dark');
  assert.equal(themeOf({ meta: 'light dark', osDark: true }), 'dark');
});
