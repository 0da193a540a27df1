/* Where Firsthand's own UI goes on a page it shares with a composer. Pure geometry (rects in, a
   rect out), so node tests can sweep it: beside the composer when a column of the window is free,
   otherwise the spot that covers least of it. What it covers costs by weight: Post and the close
   button most, then the line being typed (the caret's) and an open menu, the draft's other
   lines, the other controls (toolbar buttons), the editor's empty part, the dialog's blank
   parts, the rest of the page nothing. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});

  const MARGIN = 8; // from the window's edges
  const GAP = 12; // between the composer and a panel beside it
  const STEP = 8; // how finely edge positions are tried
  const INNER_STEP = 24; // how finely spots away from the window's edges are tried (an opened panel)
  // What a covered pixel costs. Post and the close button end the post; the caret's line is where
  // the employee is typing (its weight adds to what lies under it, words or the blank editor); a
  // line of the draft is read and edited, a toolbar icon (GIF, poll, emoji) pressed now and then,
  // so a word's pixel costs twice an icon's. page: the site's own boxes open over its page (its
  // messaging), as costly as a control. popup: a menu or picker open now (the mention typeahead
  // at the caret, the audience dropdown), in use as the caret's line is.
  const WEIGHT = { essential: 20000, popup: 4000, caret: 4000, text: 2000, control: 1000, editor: 200, dialog: 1, ui: 50,
    page: 1000 };
  const OPEN_HEIGHTS = [560, 440, 360, 300, 240, 180]; // an opened panel shortens to stay off controls
  const LEAST = 180; // an opened panel's least height; its content may ask for more (leastHeight)
  const BESIDE_LEAST = 160; // a column beside the composer starts no lower than this above the window's bottom
  const SMALLER = 40; // what a panel at its smallest costs over its largest, in editor-covered weight a pixel
  // The composer's blank parts and Firsthand's own boxes: an opened panel may lie over them, and
  // what it covers of them counts for its area (a taller panel over the editor's empty lines shows
  // more); all else it covers counts whole.
  const BLANK = new Set(['editor', 'dialog', 'ui']);

  function rect(left, top, width, height) {
    return { left, top, width, height, right: left + width, bottom: top + height };
  }

  function overlap(a, b) {
    const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    return w > 0 && h > 0 ? w * h : 0;
  }

  /** What a rect would cover: the weighted area of every obstacle {rect, kind} under it. */
  function cost(candidate, obstacles) {
    let total = 0;
    for (const o of obstacles) total += overlap(candidate, o.rect) * (WEIGHT[o.kind] ?? 1);
    return total;
  }

  /** Whether a rect covers any control or the editor at all. */
  function coversComposer(candidate, obstacles) {
    return obstacles.some((o) => o.kind !== 'dialog' && o.kind !== 'ui' && o.kind !== 'page' && overlap(candidate, o.rect) > 0);
  }

  /** The first of the cheapest candidates (candidates come in order of preference). */
  function cheapest(candidates, obstacles) {
    let best = null;
    let bestCost = Infinity;
    for (const c of candidates) {
      const value = cost(c, obstacles);
      if (value < bestCost) {
        best = c;
        bestCost = value;
        if (value === 0) break;
      }
    }
    return best;
  }

  /** A column beside the dialog, right first, as wide as it can be up to `max`; null below `min`. */
  function beside(dialog, viewport, { min, max }, least = BESIDE_LEAST) {
    const top = Math.max(MARGIN, Math.min(dialog.top, viewport.height - MARGIN - Math.max(BESIDE_LEAST, least)));
    const height = viewport.height - top - MARGIN;
    const rightRoom = viewport.width - MARGIN - (dialog.right + GAP);
    if (rightRoom >= min) return rect(dialog.right + GAP, top, Math.min(max, rightRoom), height);
    const leftRoom = dialog.left - GAP - MARGIN;
    if (leftRoom >= min) {
      const width = Math.min(max, leftRoom);
      return rect(dialog.left - GAP - width, top, width, height);
    }
    return null;
  }

  /** A column ended above the site's boxes docked under it (X's messages drawer at the window's
      bottom); null when that leaves it shorter than a column may start. */
  function above(column, obstacles) {
    if (!column) return null;
    let bottom = column.bottom;
    for (const o of obstacles) {
      if (o.kind === 'page' && overlap(column, o.rect) > 0 && o.rect.top > column.top) bottom = Math.min(bottom, o.rect.top - MARGIN);
    }
    return bottom - column.top >= BESIDE_LEAST ? rect(column.left, column.top, column.width, bottom - column.top) : null;
  }

  /** Positions of a w×h box along the window's edges: right, left, bottom, top; each edge
      starting where it is nearest the composer's top. Flush with the edge, like a tab. */
  function edgeSpots(viewport, w, h, near, inset = 0) {
    const spots = [];
    const maxTop = Math.max(0, viewport.height - h - inset);
    const maxLeft = Math.max(0, viewport.width - w - inset);
    const start = Math.max(inset, Math.min(near, maxTop));
    const downThenUp = [];
    for (let t = start; t <= maxTop; t += STEP) downThenUp.push(t);
    for (let t = start - STEP; t >= inset; t -= STEP) downThenUp.push(t);
    downThenUp.push(maxTop, inset);
    for (const t of downThenUp) spots.push(rect(maxLeft, t, w, h));
    for (const t of downThenUp) spots.push(rect(inset, t, w, h));
    for (let l = maxLeft; l >= inset; l -= STEP) spots.push(rect(l, maxTop, w, h));
    for (let l = maxLeft; l >= inset; l -= STEP) spots.push(rect(l, inset, w, h));
    return spots;
  }

  /** The docked tab: flush with a window edge where it covers least (nothing, when it can). */
  function dock(viewport, size, obstacles, near) {
    return cheapest(edgeSpots(viewport, size.width, size.height, near), obstacles);
  }

  /** Positions of a w×h box away from the window's edges, on a coarser grid: over the composer's
      blank parts (the editor's empty lines, the toolbar row's free end) when every spot along an
      edge would cover the draft's text. */
  function innerSpots(viewport, w, h, inset) {
    const spots = [];
    for (let t = inset; t + h <= viewport.height - inset; t += INNER_STEP) {
      for (let l = inset; l + w <= viewport.width - inset; l += INNER_STEP) spots.push(rect(l, t, w, h));
    }
    return spots;
  }

  /** An opened box of a given size where it covers least, inside the window's margins; with
      `keepOff` (obstacles), only among spots that cover none of them (null when there is none);
      with `inner`, spots away from the edges too (after them: flush with an edge wins a tie). */
  function float(viewport, size, obstacles, near, keepOff = null, inner = false) {
    const w = Math.min(size.width, viewport.width - 2 * MARGIN);
    const h = Math.min(size.height, viewport.height - 2 * MARGIN);
    let spots = edgeSpots(viewport, w, h, near, MARGIN);
    if (inner) spots = spots.concat(innerSpots(viewport, w, h, MARGIN));
    if (keepOff) spots = spots.filter((spot) => !keepOff.some((o) => overlap(spot, o.rect) > 0));
    return cheapest(spots, obstacles);
  }

  const isControl = (o) => o.kind === 'control' || o.kind === 'essential' || o.kind === 'popup';

  /** Whether a rect covers a control (Post, Dismiss, a toolbar button, a dropdown). */
  function coversControl(candidate, obstacles) {
    return obstacles.some((o) => isControl(o) && overlap(candidate, o.rect) > 0);
  }

  /** What an opened panel keeps off, from everything down to Post, the close button and an open
      menu alone: it gives up the other controls first (toolbar icons, pressed now and then),
      then the draft's other lines, the caret's line last (covered, it hides the words as they
      come). */
  function keepOffTiers(obstacles) {
    const of = (...kinds) => obstacles.filter((o) => kinds.includes(o.kind));
    return [of('essential', 'popup', 'control', 'caret', 'text'), of('essential', 'popup', 'caret', 'text'),
      of('essential', 'popup', 'caret'), of('essential', 'popup')];
  }

  /** The opened panel: clear of every control and of the draft's words if it can be (along the
      window's edges, else away from them), else clear of as much as it can keep off in the
      order of keepOffTiers, covering least of the rest, else wherever covers least (Post and the
      close button last of all). It shortens to stay clear, to `least` (its header and one whole
      suggestion: at 200% zoom a 157 px suggestion did not fit in a 180 px panel's body) rather
      than lower; lower, down to 180 px (its body scrolling), only where that keeps it off what a
      taller one would cover. */
  function openSpot(viewport, widths, height, obstacles, near, least = LEAST) {
    const floor = Math.min(height, Math.max(LEAST, least));
    const heights = [height, ...new Set([...OPEN_HEIGHTS.filter((h) => h < height && h > floor), floor,
      ...OPEN_HEIGHTS.filter((h) => h < floor)])].filter((h, i) => i === 0 || h !== height);
    const sizes = heights.flatMap((h) => widths.map((width) => ({ width, height: h })));
    const whole = sizes.filter((size) => size.height >= floor); // one whole suggestion shows
    const [all, ...fewer] = keepOffTiers(obstacles);
    return clearSpot(viewport, sizes, obstacles, near, all, false, floor) ||
      clearSpot(viewport, sizes, obstacles, near, all, true, floor) ||
      fewer.reduce((spot, keepOff) => spot || clearSpot(viewport, sizes, obstacles, near, keepOff, true, floor), null) ||
      whole.map((size) => float(viewport, size, obstacles, near, null, true))
        .reduce((a, b) => (cost(b, obstacles) < cost(a, obstacles) ? b : a));
  }

  /** Whether score `a` comes before `b`: the first element that differs decides. */
  function before(a, b) {
    const i = a.findIndex((value, k) => value !== b[k]);
    return i >= 0 && a[i] < b[i];
  }

  /** Of every size from the panel's full height (and width) down to a usable one, each at its
      cheapest spot covering nothing of `keepOff`: one below `floor` only when no other is clear,
      then the one covering least of what matters (the draft's words, a control: a taller panel
      over them does not make up for it), then least of the composer's blank parts for its
      area, a larger panel winning near-ties; null when no size has such a spot. */
  function clearSpot(viewport, sizes, obstacles, near, keepOff, inner, floor = 0) {
    const largest = sizes[0].width * sizes[0].height;
    const blank = obstacles.filter((o) => BLANK.has(o.kind));
    const rest = obstacles.filter((o) => !BLANK.has(o.kind));
    let best = null;
    let bestScore = null;
    for (const size of sizes) {
      const clear = float(viewport, size, obstacles, near, keepOff, inner);
      if (!clear) continue;
      const area = clear.width * clear.height;
      const score = [size.height < floor ? 1 : 0, Math.round(cost(clear, rest)),
        cost(clear, blank) / area + SMALLER * (1 - area / largest)];
      if (!best || before(score, bestScore)) [best, bestScore] = [clear, score];
    }
    return best;
  }

  /** The panel's layout: {mode: 'beside', rect, tab} when a column beside the composer is free
      of controls, else {mode: 'docked', tab, open}: the docked tab's rect (where a hidden panel
      waits in either mode), the column's, and the opened box's (when openHeight is given, at
      least leastHeight tall where the window has room). */
  function layout({ dialog, viewport, obstacles, panel, tab, openHeight, leastHeight = LEAST }) {
    const near = Math.max(0, dialog.top);
    const tabRect = dock(viewport, tab, obstacles, near);
    const column = above(beside(dialog, viewport, panel, leastHeight), obstacles);
    if (column && !coversComposer(column, obstacles)) return { mode: 'beside', rect: column, tab: tabRect };
    const open = openHeight ? openSpot(viewport, [panel.max, panel.min], openHeight, obstacles, near, leastHeight) : null;
    return { mode: 'docked', tab: tabRect, open };
  }

  const api = { rect, overlap, cost, coversComposer, coversControl, cheapest, openSpot, beside, dock, float, layout, MARGIN, GAP, WEIGHT };
  ns.placement = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})(typeof globalThis !== 'undefined' ? globalThis : this);
