/* The page's own theme, light or dark, for Firsthand's boxes on it: LinkedIn and X have theme
   settings of their own, independent of the OS, and a dark panel on a light page (or the
   reverse) glares. Read from the colour the page paints under the composer (its box, else the
   body, else the page's canvas), not from a site's class names: the sites mark their theme in
   ways that differ and change, the colour holds on any site. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});

  const WHITE = [255, 255, 255];
  const DARK_CANVAS = [18, 18, 18]; // the browser's canvas under `color-scheme: dark`
  // A theme switch changes these on <html> or <body> (LinkedIn's class, X's inline background).
  const ATTRIBUTES = ['class', 'style', 'data-theme', 'data-color-mode'];
  // Below this relative luminance white text reads better than black: the background is dark.
  const DARK_BELOW = 0.179;
  let scratch = null; // a 1×1 canvas that turns any CSS colour into RGBA
  // A fillStyle no page colour computes to, set before the colour read: still there after, the
  // canvas could not read that colour. (A canvas reads back a colour it took in #rrggbb or
  // rgba() form, never as this.)
  const UNREAD = 'rgba(1, 2, 3, 0.5)';

  /** [r, g, b, alpha] of a computed CSS colour ("rgb(…)" or "rgba(…)"; other notations via a
      canvas), or null for none at all: an element out of the document computes every style as
      "", and a canvas ignores a fillStyle it cannot read, so it painted the one it had (black
      at first) and a composer the site had just removed read "dark" on a light page. */
  function rgba(colour) {
    if (!colour) return null;
    const numbers = /^rgba?\(/.test(colour) && colour.match(/[\d.]+%?/g);
    if (numbers && numbers.length >= 3) {
      const alpha = numbers[3] === undefined ? 1 : parseFloat(numbers[3]) / (numbers[3].endsWith('%') ? 100 : 1);
      return [...numbers.slice(0, 3).map(Number), alpha];
    }
    scratch = scratch || new OffscreenCanvas(1, 1).getContext('2d', { willReadFrequently: true });
    scratch.clearRect(0, 0, 1, 1);
    scratch.fillStyle = UNREAD;
    scratch.fillStyle = colour; // kept as UNREAD when the canvas cannot read it
    if (scratch.fillStyle === UNREAD) return null;
    scratch.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = scratch.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255];
  }

  /** What shows where nothing is painted: white, or dark where the page asks for a dark scheme. */
  function canvas() {
    const own = getComputedStyle(document.documentElement).colorScheme;
    const meta = document.querySelector('meta[name="color-scheme"]');
    const schemes = (own && own !== 'normal' ? own : (meta && meta.content) || '').split(/\s+/);
    const osDark = matchMedia('(prefers-color-scheme: dark)').matches;
    return schemes.includes('dark') && (!schemes.includes('light') || osDark) ? DARK_CANVAS : WHITE;
  }

  /** The colour painted behind `element`: its own background and its ancestors' (through shadow
      roots), see-through ones laid over what is under them, down to the first opaque one; null
      when a colour there cannot be read (the element is out of the document). */
  function backgroundUnder(element) {
    const layers = [];
    for (let node = element; node; node = node.parentElement || node.getRootNode().host || null) {
      const colour = rgba(getComputedStyle(node).backgroundColor);
      if (!colour) return null;
      if (colour[3] > 0) layers.unshift(colour);
      if (colour[3] >= 1) break;
    }
    return layers.reduce((under, [r, g, b, a]) => [r, g, b].map((c, i) => c * a + under[i] * (1 - a)), canvas());
  }

  /** WCAG's relative luminance of an sRGB colour, 0 (black) to 1 (white). */
  function luminance(rgb) {
    const [r, g, b] = rgb.map((c) => {
      const s = c / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }

  /** 'dark' or 'light': the page's theme where `element` sits; null when it tells none (it is
      out of the document: a composer the site removed after Post, until the next rescan). */
  function themeAt(element) {
    if (!element || !element.isConnected) return null;
    const under = backgroundUnder(element);
    return under && (luminance(under) < DARK_BELOW ? 'dark' : 'light');
  }

  /** Keep each host's data-theme the page's theme under `near()` (the open composer, else the
      body): now, when <html>'s or <body>'s attributes change (a site's theme switch), and when
      the OS scheme does (a page that follows it). A composer that tells none gives way to the
      body; where that tells none either, the hosts keep the theme they have. Returns the
      update, to call for a new composer. */
  function matchPageTheme(hosts, near) {
    const update = () => {
      const theme = themeAt(near()) || themeAt(document.body) || themeAt(document.documentElement);
      if (!theme) return;
      for (const host of hosts) if (host.dataset.theme !== theme) host.dataset.theme = theme;
    };
    let settled = 0;
    const observer = new MutationObserver(() => {
      update();
      clearTimeout(settled); // a site may fade its colours over: look again once they are there
      settled = setTimeout(update, 600);
    });
    for (const node of [document.documentElement, document.body]) {
      if (node) observer.observe(node, { attributes: true, attributeFilter: ATTRIBUTES });
    }
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', update);
    update();
    return update;
  }

  ns.pageTheme = { themeAt, matchPageTheme };
})(typeof globalThis !== 'undefined' ? globalThis : this);
