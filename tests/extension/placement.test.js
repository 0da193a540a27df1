'use strict';
/* placement.js is pure geometry: swept here over windows and dialog widths, quickly. */
const test = require('node:test');
const assert = require('node:assert/strict');
const { rect, overlap, layout, coversComposer } = require('../../extension/content/placement.js');

const PANEL = { min: 232, max: 320 };
const TAB = { width: 36, height: 44 };

/** LinkedIn's composer centred in a window: its box, editor and controls, as layout.js reads them. */
function composer(vw, vh, width) {
  const w = Math.min(width, vw - 32);
  const h = Math.min(480, vh - 32);
  const d = rect((vw - w) / 2, (vh - h) / 2, w, h);
  const controls = [
    rect(d.right - 64, d.top + 16, 40, 40), // Dismiss
    rect(d.left + 90, d.top + 24, 160, 32), // audience
    rect(d.right - 100, d.bottom - 52, 76, 32), // Post
    rect(d.right - 148, d.bottom - 52, 40, 40), // schedule
    ...[0, 1, 2, 3, 4].map((i) => rect(d.left + 20 + 44 * i, d.bottom - 120, 40, 40)) // toolbar
  ];
  const obstacles = [{ rect: d, kind: 'dialog' }, { rect: rect(d.left, d.top + 80, w, h - 210), kind: 'editor' },
    ...controls.map((c) => ({ rect: c, kind: 'control' }))];
  return { dialog: d, viewport: { width: vw, height: vh }, obstacles, controls };
}

const windows = [];
for (const [w, h] of [[1024, 640], [1024, 768], [1280, 720], [1366, 768], [1920, 1080], [2560, 1440]]) {
  for (const zoom of [1, 1.25, 1.5, 2]) windows.push([Math.round(w / zoom), Math.round(h / zoom)]);
}

test('beside when a column is free, else a tab that covers nothing of the composer', () => {
  for (const [vw, vh] of windows) {
    for (const width of [552, 600, 744]) {
      const c = composer(vw, vh, width);
      const result = layout({ ...c, panel: PANEL, tab: TAB, openHeight: 600 });
      const room = Math.max(vw - c.dialog.right, c.dialog.left) - 20;
      const where = `${vw}x${vh}, dialog ${width}`;
      if (room >= PANEL.min) assert.equal(result.mode, 'beside', where);
      if (result.mode === 'beside') assert.equal(overlap(result.rect, c.dialog), 0, where);
      assert.equal(coversComposer(result.tab, c.obstacles), false, `tab over the composer at ${where}`);
      if (result.mode === 'docked' && vh >= 400) { // lower, the composer leaves no 180 px clear: it covers least
        for (const control of c.controls) assert.equal(overlap(result.open, control), 0, `open over a control at ${where}`);
      }
      for (const box of [result.tab, result.open || result.rect]) {
        assert.ok(box.left >= 0 && box.top >= 0 && box.right <= vw && box.bottom <= vh, `inside the window at ${where}`);
      }
    }
  }
});

test('a dropdown open beside the dialog sends the panel to the other side or the dock', () => {
  const c = composer(1366, 768, 744);
  const menu = rect(c.dialog.right + 4, 200, 200, 300);
  const obstacles = [...c.obstacles, { rect: menu, kind: 'control' }];
  const result = layout({ ...c, obstacles, panel: PANEL, tab: TAB, openHeight: 600 });
  assert.equal(overlap(result.mode === 'beside' ? result.rect : result.tab, menu), 0);
});

test('a composer filling the window still leaves the tab off every control', () => {
  const c = composer(512, 320, 744);
  const result = layout({ ...c, panel: PANEL, tab: TAB, openHeight: 600 });
  assert.equal(result.mode, 'docked');
  for (const control of c.controls) assert.equal(overlap(result.tab, control), 0);
});
