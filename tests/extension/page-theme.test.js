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

/** A 2D canvas as Chromium's behaves for these notations: a fillStyle it cannot read ("")
    is ignored, the one it had is kept (black at first), and it reads back what it took. */
const PARSED = { 'color(srgb 1 1 1)': [255, 255, 255, 255], 'color(srgb 0.1 0.1 0.1)': [26, 26, 26, 255] };
class OffscreenCanvas {
  getContext() {
    let fill = '#000000';
    let pixel = [0, 0, 0, 0];
    const rgbaOf = (style) => PARSED[style] || (style === '#000000' ? [0, 0, 0, 255] : null);
    return {
      get fillStyle() { return fill; },
      set fillStyle(style) { if (rgbaOf(style) || /^rgba\(/.test(style)) fill = style; },
      clearRect() { pixel = [0, 0, 0, 0]; },
      fillRect() { pixel = rgbaOf(fill) || [1, 2, 3, 128]; },
      getImageData: () => ({ data: pixel })
    };
  }
}

/** The page: an editor in a box in the body in <html>, each with its background colour. An
    element out of the document (`detached`) computes every style as "", as in the browser. */
function pageWith({ editor = CLEAR, box = CLEAR, body = CLEAR, html = CLEAR, scheme = 'normal', meta = null, osDark = false,
  detached = false }) {
  const node = (name, backgroundColor, parentElement) => ({ name, backgroundColor, parentElement, isConnected: true,
    getRootNode: () => ({}), dataset: {} });
  const htmlEl = node('html', html, null);
  const bodyEl = node('body', body, htmlEl);
  const boxEl = node('box', box, detached ? null : bodyEl);
  const editorEl = node('editor', editor, boxEl);
  if (detached) boxEl.isConnected = editorEl.isConnected = false;
  const context = {
    document: { documentElement: htmlEl, body: bodyEl,
      querySelector: () => (meta ? { content: meta } : null) },
    getComputedStyle: (el) => ({ backgroundColor: el.isConnected ? el.backgroundColor : '',
      colorScheme: el === htmlEl ? scheme : 'normal' }),
    matchMedia: () => ({ matches: osDark, addEventListener() {} }),
    MutationObserver: class { observe() {} },
    OffscreenCanvas, setTimeout, clearTimeout
  };
  context.globalThis = context;
  vm.createContext(context);
  vm.runInContext(SOURCE, context);
  return { ...context.Firsthand.pageTheme, editor: editorEl };
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

test('colours in other notations are read through a canvas', () => {
  assert.equal(themeOf({ box: 'color(srgb 1 1 1)', body: 'rgb(0, 0, 0)' }), 'light');
  assert.equal(themeOf({ box: 'color(srgb 0.1 0.1 0.1)', body: 'rgb(255, 255, 255)' }), 'dark');
});

test('a composer the site removed (Post closes it) tells no theme: the page\'s is kept', () => {
  // Its every style computes as "": read through the canvas, that was black, and the panel and
  // the share card turned dark on a light page for 600 ms after every post.
  const light = pageWith({ box: 'rgb(255, 255, 255)', body: 'rgb(243, 242, 238)', detached: true });
  assert.equal(light.themeAt(light.editor), null);
  const host = { dataset: { theme: 'light' } };
  light.matchPageTheme([host], () => light.editor);
  assert.equal(host.dataset.theme, 'light');
  const dark = pageWith({ box: 'rgb(27, 31, 35)', body: 'rgb(0, 0, 0)', detached: true });
  const darkHost = { dataset: { theme: 'dark' } };
  dark.matchPageTheme([darkHost], () => dark.editor);
  assert.equal(darkHost.dataset.theme, 'dark', 'the body\'s theme, not the canvas\'s white');
});
