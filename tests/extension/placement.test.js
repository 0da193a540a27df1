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

/** A composer as the real page lays it out at one window (rects as layout.js reads them); `caret`
    the line being typed, across the editor. */
function measured(vw, vh, dialog, editor, text, controls, essential, { caret, openHeight = 480, leastHeight } = {}) {
  const obstacles = [{ rect: dialog, kind: 'dialog' }, { rect: editor, kind: 'editor' },
    ...text.map((t) => ({ rect: t, kind: 'text' })), ...(caret ? [{ rect: caret, kind: 'caret' }] : []),
    ...Object.entries(controls).map(([name, c]) => ({ rect: c, kind: essential.includes(name) ? 'essential' : 'control' }))];
  return layout({ dialog, viewport: { width: vw, height: vh }, obstacles, panel: PANEL, tab: TAB, openHeight, leastHeight });
}
const box = (l, t, r, b) => rect(l, t, r - l, b - t);

test('opened with no room beside, the panel keeps off the draft\'s words and every control when it can', () => {
  // The draft's two lines at the top of the editor, controls in the header, the toolbar row and
  // the footer: every spot along the top covers the words (once, the panel went there).
  const text = [box(40, 110, 660, 150), box(40, 150, 420, 200)];
  const controls = { Dismiss: box(630, 30, 670, 70), audience: box(30, 30, 260, 100), toolbar: box(30, 400, 300, 440),
    rewrite: box(560, 250, 670, 290), clock: box(470, 430, 510, 470), Post: box(520, 430, 670, 470) };
  const result = measured(700, 500, box(20, 20, 680, 480), box(40, 110, 660, 390), text, controls, ['Post', 'Dismiss']);
  assert.equal(result.mode, 'docked');
  for (const t of text) assert.equal(overlap(result.open, t), 0, 'over the words');
  for (const [name, c] of Object.entries(controls)) assert.equal(overlap(result.open, c), 0, `over ${name}`);
});

test('where every spot covers something, the opened panel covers neither Post nor the close button', () => {
  // LinkedIn's 744 px dialog in 1024×640 at 200% (512×320 CSS px): a 24 px sliver of editor.
  const controls = { audience: box(32, 64, 259, 136), Dismiss: box(432, 80, 472, 120), clock: box(368, 220, 408, 260),
    Post: box(416, 224, 482, 256), ...Object.fromEntries([0, 1, 2, 3].map((i) => [`tool${i}`, box(24 + 44 * i, 166, 64 + 44 * i, 206)])) };
  const result = measured(512, 320, box(16, 48, 496, 272), box(40, 136, 472, 160), [box(40, 146, 460, 160)], controls, ['Post', 'Dismiss']);
  assert.equal(overlap(result.open, controls.Post), 0);
  assert.equal(overlap(result.open, controls.Dismiss), 0);
  const { left, top, right, bottom } = result.open;
  assert.ok(left >= 0 && top >= 0 && right <= 512 && bottom <= 320);
});

test('a taller panel does not make up for covering more of the draft\'s words', () => {
  // Two lines across a 600×500 window, 160 px apart: every spot covers one. What a panel covered
  // was weighed for its area, so a 480 px panel over both lines beat a 180 px one over one.
  const lines = [box(8, 150, 592, 170), box(8, 330, 592, 350)];
  const result = measured(600, 500, box(0, 0, 600, 500), box(8, 40, 592, 460), lines, {}, []);
  assert.equal(lines.filter((line) => overlap(result.open, line) > 0).length, 1, JSON.stringify(result.open));
});

test('opened, the panel is tall enough for one whole suggestion unless only a shorter one keeps clear', () => {
  // A composer filling a 512×320 window (1024×640 at 200%) where every spot covers a control: the
  // panel shows its header and one whole suggestion (leastHeight) rather than 180 px of it.
  const frame = box(0, 0, 512, 320);
  const row = box(0, 150, 512, 170); // a row of controls across the window: every spot covers it
  const crowded = layout({ dialog: frame, viewport: { width: 512, height: 320 }, panel: PANEL, tab: TAB,
    obstacles: [{ rect: frame, kind: 'dialog' }, { rect: row, kind: 'control' }], openHeight: 600, leastHeight: 230 });
  assert.ok(crowded.open.height >= 230, JSON.stringify(crowded.open));
  // A 180 px spot is clear of every control and word, a 230 px one is not: it keeps clear, shorter.
  const vw = 700, vh = 400;
  const dialog = box(0, 0, 460, vh);
  const blocker = box(460, 190, vw, 200); // a control row across the free column, 190 px down
  const words = box(0, 0, 460, vh); // the draft's words fill the composer
  const obstacles = [{ rect: dialog, kind: 'dialog' }, { rect: words, kind: 'text' }, { rect: blocker, kind: 'control' }];
  const clear = layout({ dialog, viewport: { width: vw, height: vh }, obstacles, panel: PANEL, tab: TAB,
    openHeight: 600, leastHeight: 230 });
  assert.equal(overlap(clear.open, blocker), 0);
  assert.ok(clear.open.height >= 180 && clear.open.height < 230, JSON.stringify(clear.open));
});

test('a column beside the composer ends above a box the site docks under it', () => {
  const c = composer(1366, 768, 744);
  const drawer = box(1346 - 400, 768 - 53, 1346, 768); // X's messages drawer
  const result = layout({ ...c, obstacles: [...c.obstacles, { rect: drawer, kind: 'page' }], panel: PANEL, tab: TAB,
    openHeight: 600 });
  assert.equal(result.mode, 'beside');
  assert.equal(overlap(result.rect, drawer), 0);
  assert.ok(result.rect.bottom <= drawer.top - 8);
});

/** What of the scene an opened panel covers, by name (lines as line1…, the caret's as caret). */
function under(open, { text, caret, controls }) {
  const named = [...text.map((t, i) => [`line${i + 1}`, t]), ['caret', caret], ...Object.entries(controls)];
  return named.filter(([, r]) => overlap(open, r) > 0).map(([name]) => name);
}

function inside(open, vw, vh) {
  return open.left >= 0 && open.top >= 0 && open.right <= vw && open.bottom <= vh;
}

/** X's compose modal as the hunt measured it: 1024×640 at 175% (585×366 CSS px) and 1280×720 at
    200% (640×360), a three-line draft, the caret at its end, the toolbar under the editor. */
function xModal(zoomed) {
  const d = zoomed ? 4 : 0; // the 640 px window's modal sits 4 px further right
  const icons = ['photo', 'gif', 'poll', 'emoji', 'schedule', 'location'];
  return {
    vw: zoomed ? 640 : 585, vh: zoomed ? 360 : 366,
    dialog: box(16 + d, 18, zoomed ? 620 : 569, 249), editor: box(84 + d, 83, zoomed ? 604 : 553, 179),
    text: [box(84 + d, 84, 502, 108), box(84 + d, 110, 543, 134), box(84 + d, 136, zoomed ? 291 : 379, 160)],
    caret: box(84 + d, 136, zoomed ? 604 : 553, 160),
    controls: { Close: box(32 + d, 27, 61 + d, 63), Drafts: box(zoomed ? 542 : 491, 27, zoomed ? 604 : 553, 63),
      ...Object.fromEntries(icons.map((name, i) => [name, box(84 + d + 36 * i, 201, 118 + d + 36 * i, 235)])),
      Post: box(zoomed ? 535 : 484, 200, zoomed ? 604 : 553, 236) }
  };
}

test('in X\'s compose modal the panel covers toolbar icons rather than the draft or the caret\'s line', () => {
  // It went over three lines and the caret: it kept off every control before the words.
  for (const zoomed of [false, true]) {
    const s = xModal(zoomed);
    for (const leastHeight of [180, 230]) {
      const { open } = measured(s.vw, s.vh, s.dialog, s.editor, s.text, s.controls, ['Close', 'Post'], { caret: s.caret, leastHeight });
      const covered = under(open, s);
      assert.deepEqual(covered.filter((name) => /^line|caret|Close|Post/.test(name)), [], `${s.vw}x${s.vh}: ${covered}`);
      assert.ok(inside(open, s.vw, s.vh));
    }
  }
});

test('an open menu is kept off before the draft, as the caret\'s line is', () => {
  // X's emoji picker open under the toolbar: the spot over the icons now covers a menu in use.
  const s = xModal(false);
  const picker = box(192, 236, 452, 358);
  const obstacles = [{ rect: s.dialog, kind: 'dialog' }, { rect: s.editor, kind: 'editor' },
    ...s.text.map((t) => ({ rect: t, kind: 'text' })), { rect: s.caret, kind: 'caret' }, { rect: picker, kind: 'popup' },
    ...Object.entries(s.controls).map(([name, c]) => ({ rect: c, kind: /Close|Post/.test(name) ? 'essential' : 'control' }))];
  const { open } = layout({ dialog: s.dialog, viewport: { width: s.vw, height: s.vh }, obstacles, panel: PANEL, tab: TAB,
    openHeight: 480 });
  assert.equal(overlap(open, picker), 0, JSON.stringify(open));
  assert.deepEqual(under(open, s).filter((name) => /Close|Post/.test(name)), []);
});

test('a line of the draft outranks a secondary control: the panel goes over Drafts, not the words', () => {
  // Short lines in a wide editor, the caret on the last: every spot covers the words, a control
  // or the caret's line; over Drafts (top right) it covers nothing else.
  const s = { text: [0, 1, 2, 3, 4, 5, 6, 7].map((i) => box(40, 64 + 24 * i, 420, 88 + 24 * i)), caret: box(40, 232, 660, 256),
    controls: { Close: box(24, 24, 56, 56), Drafts: box(600, 24, 660, 56), Post: box(580, 340, 660, 374),
      ...Object.fromEntries([0, 1, 2, 3, 4, 5].map((i) => [`icon${i}`, box(40 + 36 * i, 340, 74 + 36 * i, 374)])) } };
  const { open } = measured(700, 400, box(16, 16, 684, 392), box(40, 64, 660, 330), s.text, s.controls, ['Close', 'Post'],
    { caret: s.caret });
  assert.deepEqual(under(open, s), ['Drafts']);
});

test('a clear spot of the least size beats a taller one over the blank end of the caret\'s line', () => {
  // Facebook's dialog at 1920×1080 and 200% (960×540 CSS px): the panel went to the right edge
  // at 524 px, over the caret's line where the editor is blank, though the top left was clear.
  const s = { text: [box(246, 174, 700, 202), box(246, 207, 689, 235), box(246, 241, 618, 269), box(246, 275, 375, 303)],
    caret: box(230, 275, 730, 303),
    controls: { Close: box(678, 87, 714, 123), photo: box(557, 351, 593, 387), tag: box(593, 351, 629, 387),
      feeling: box(629, 351, 665, 387), checkin: box(665, 351, 701, 387), Post: box(246, 412, 714, 449) } };
  for (const [openHeight, leastHeight] of [[560, 230], [600, 300], [480, 180]]) {
    const { open } = measured(960, 540, box(230, 75, 730, 465), box(230, 136, 730, 342), s.text, s.controls, ['Close', 'Post'],
      { caret: s.caret, openHeight, leastHeight });
    assert.deepEqual(under(open, s), [], JSON.stringify(open));
  }
});

/** LinkedIn's composer as a full-window <dialog> (SDUI) at 1024×640 and 175% (570×366 CSS px;
    the editor's view shows two lines and the top of the third, the caret's) and at 1280×720
    and 200% (625×360; two lines, the caret at the end of the second). */
function linkedInFull(zoomed) {
  const right = zoomed ? 55 : 0; // the 625 px window's dialog is 55 px wider
  const shift = zoomed ? -6 : 0; // and its toolbar 6 px higher
  return {
    vw: zoomed ? 625 : 570, vh: zoomed ? 360 : 366,
    dialog: box(16, 48, 569 + right, zoomed ? 312 : 318), editor: box(64, 144, 506 + right, zoomed ? 190 : 197),
    text: zoomed ? [box(64, 146, 523, 165), box(64, 170, 552, 189)]
      : [box(64, 146, 449, 165), box(64, 170, 464, 189), box(64, 194, 227, 197)],
    caret: zoomed ? box(64, 170, 561, 189) : box(64, 194, 506, 197),
    controls: { audience: box(40, 64, 267, 136), Dismiss: box(513 + right, 80, 553 + right, 120),
      ...Object.fromEntries(['media', 'event', 'celebrate', 'more'].map((name, i) => [name, box(32 + 44 * i, 201 + shift, 72 + 44 * i, 241 + shift)])),
      schedule: box(430 + right, 266 + shift, 470 + right, 306 + shift), Post: box(478 + right, 271 + shift, 545 + right, 301 + shift) }
  };
}

test('where every spot covers the draft, the panel keeps off the caret\'s line when a spot does', () => {
  const s = linkedInFull(false);
  for (const leastHeight of [180, 230]) {
    const { open } = measured(s.vw, s.vh, s.dialog, s.editor, s.text, s.controls, ['Dismiss', 'Post'], { caret: s.caret, leastHeight });
    const covered = under(open, s);
    assert.deepEqual(covered.filter((name) => /caret|Dismiss|Post/.test(name)), [], covered.join());
    assert.ok(inside(open, s.vw, s.vh));
  }
});

test('where no spot keeps off the caret\'s line, the panel covers it and no other line, Post nor Dismiss', () => {
  // 360 px tall, the caret's line 170-189 px down: no 180 px panel fits above or below it.
  const s = linkedInFull(true);
  const { open } = measured(s.vw, s.vh, s.dialog, s.editor, s.text, s.controls, ['Dismiss', 'Post'], { caret: s.caret });
  const covered = under(open, s);
  assert.ok(covered.includes('caret'), covered.join());
  assert.deepEqual(covered.filter((name) => /line1|Dismiss|Post|audience/.test(name)), [], covered.join());
  assert.ok(inside(open, s.vw, s.vh));
});
