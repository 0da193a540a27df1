/* The composer's geometry as placement.js reads it: the dialog's box, what in it must stay
   visible (the draft's text and the caret's line, the editor, every button and field, open
   dropdowns; Post and the close button above all) and the window's size. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});
  const { dom } = ns;

  const CONTROLS = 'button, [role="button"], a[href], input, select, textarea, [role="combobox"], ' +
    '[role="checkbox"], [role="switch"], [role="tab"], [role="menuitem"], [tabindex]:not([tabindex="-1"])';
  // Menus and pickers the site opens over or beside its composer (emoji, audience, schedule,
  // the mention and hashtag typeahead). Selectors are hints: roles first, LinkedIn's classes too.
  const POPUPS = '[role="menu"], [role="listbox"], [role="tooltip"], [role="dialog"], dialog[open], ' +
    '.artdeco-dropdown__content--is-open, .artdeco-typeahead__results-list, .emoji-hoverable-picker, ' +
    '[data-testid="toast"], #artdeco-toasts__wormhole li';
  const OPEN_BOXES = '[role="dialog"], dialog[open]'; // the site's own boxes open over its page
  const CORNER = 72; // how near its top row and a side of the composer a close button sits (its centre, px)
  const MAX_TEXT_RECTS = 80; // a draft's lines looked at (more than a window shows)
  // Each editor's caret as last seen in it: focus goes to the panel when the keyboard opens it,
  // and the line being typed is still the one to keep clear. A live Range follows the edits.
  const carets = new WeakMap();

  /** The window's size without its scroll bars (what position: fixed is laid out in). */
  function viewport() {
    const doc = document.documentElement;
    return { width: doc.clientWidth || window.innerWidth, height: doc.clientHeight || window.innerHeight };
  }

  /** The composer's own box: its dialog's, unless that dialog is a layer filling the window
      (a full-window <dialog> holding the box), then the outermost box around the editor that
      does not fill it (boxes of no size, `display: contents`, are passed through). */
  function frameOf(composer) {
    const { width, height } = viewport();
    const fills = (r) => r.width >= width - 1 && r.height >= height - 1;
    if (!fills(composer.dialog.getBoundingClientRect())) return composer.dialog;
    const path = [];
    for (let node = composer.editor.parentElement; node && node !== composer.dialog; node = node.parentElement) {
      path.unshift(node);
    }
    return path.find((node) => {
      const r = node.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && !fills(r);
    }) || composer.dialog;
  }

  function box(element) {
    const r = element.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
  }

  function clip(a, b) {
    const left = Math.max(a.left, b.left), top = Math.max(a.top, b.top);
    const right = Math.max(left, Math.min(a.right, b.right)), bottom = Math.max(top, Math.min(a.bottom, b.bottom));
    return { left, top, right, bottom, width: right - left, height: bottom - top };
  }

  /** The part of the editor that can be seen: its box within every box of the composer that
      scrolls or clips it (the dialog's body scrolls a long draft). */
  function editorView(composer) {
    let view = box(composer.editor);
    for (let node = composer.editor.parentElement; node; node = node.parentElement) {
      if (getComputedStyle(node).overflowY !== 'visible') view = clip(view, box(node));
      if (node === composer.dialog) break;
    }
    return view;
  }

  /** Where the draft's words are, one rect per line of each run of text (a short last line
      leaves the room beside it free), within the editor's view; none for an empty draft (its
      placeholder is not text). */
  function textRects(editor, view) {
    const rects = [];
    const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let text = walker.nextNode(); text && rects.length < MAX_TEXT_RECTS; text = walker.nextNode()) {
      if (!text.data.trim()) continue;
      range.selectNodeContents(text);
      for (const line of range.getClientRects()) {
        const r = clip(line, view);
        if (r.width > 0 && r.height > 0) rects.push(r);
      }
    }
    return rects;
  }

  /** Where the employee types in the editor: the selection's focus while it is in the editor
      (in the editor's shadow root, if it lives in one), else where it last was; null when it
      never was (a draft put there by a script). */
  function caretRange(editor) {
    const root = editor.getRootNode();
    const selection = typeof root.getSelection === 'function' ? root.getSelection() : window.getSelection();
    if (selection && selection.rangeCount && editor.contains(selection.focusNode)) {
      const range = document.createRange();
      range.setStart(selection.focusNode, selection.focusOffset);
      carets.set(editor, range);
    }
    const last = carets.get(editor);
    return last && editor.contains(last.startContainer) ? last : null;
  }

  /** The caret's box: a collapsed range's own, else (an empty line, `<p><br></p>`, gives it
      none) the line of the leaf beside it (its `<br>`, the text it stands before or after). */
  function caretBox(range) {
    const own = [...range.getClientRects()].find((r) => r.height > 0);
    if (own) return own;
    let node = range.startContainer;
    let before = true; // the caret stands before `node`
    if (node.nodeType === Node.ELEMENT_NODE) {
      before = range.startOffset < node.childNodes.length;
      node = node.childNodes[range.startOffset] || node.lastChild;
    }
    while (node && node.firstChild) node = before ? node.firstChild : node.lastChild;
    if (!node) return null;
    // A text node's rects come from a range around it; an element's are its own; a comment
    // (Lit and Glimmer leave them between parts) has none, nor its range a box: no line.
    let boxes = [];
    if (node.nodeType === Node.TEXT_NODE) {
      const around = document.createRange();
      around.selectNodeContents(node);
      boxes = around.getClientRects();
    } else if (typeof node.getClientRects === 'function') {
      boxes = node.getClientRects();
    }
    const rects = [...boxes].filter((r) => r.height > 0);
    return (before ? rects[0] : rects[rects.length - 1]) || null;
  }

  /** The line being typed, across the editor's view (words typed there run on into its blank
      end): the caret's line, or the draft's last line when the caret was never in the editor;
      null when neither can be seen. */
  function caretLine(editor, view, lines) {
    const range = caretRange(editor);
    const at = (range && caretBox(range)) || lines[lines.length - 1];
    if (!at) return null;
    const line = clip({ left: view.left, right: view.right, top: at.top, bottom: at.bottom }, view);
    return line.width > 0 && line.height > 0 ? line : null;
  }

  /** Close buttons: icon-only controls (no letter or digit: LinkedIn's Dismiss, X's Close) in
      the composer's top row of controls, near its left or right side (the right on LinkedIn,
      the left in a right-to-left page and on X). Found by place, as labels follow the UI's
      language; the row, not the frame's edge, as the painted box may sit lower in its dialog. */
  function closeButtons(controls, dialog) {
    const top = Math.min(...controls.map((c) => c.rect.top));
    return controls.filter(({ element, rect }) => {
      const x = (rect.left + rect.right) / 2, y = (rect.top + rect.bottom) / 2;
      return y - top <= CORNER && Math.min(x - dialog.left, dialog.right - x) <= CORNER &&
        !/[\p{L}\p{N}]/u.test(element.textContent);
    }).map((c) => c.element);
  }

  /** The composer's geometry: {dialog, viewport, obstacles}; `others` are Firsthand's own boxes
      to keep clear of too (the panel for the share card), at a lower weight; `keep` the
      controls to keep clear of above all (Post), with the close buttons; `pageUi` the
      adapter's selector of the site's docked boxes (pageUiOf). */
  function geometryOf(composer, others = [], keep = [], pageUi = '') {
    const dialog = box(frameOf(composer));
    const obstacles = [{ rect: dialog, kind: 'dialog' }];
    if (dom.isVisible(composer.editor)) {
      const view = editorView(composer);
      obstacles.push({ rect: view, kind: 'editor' });
      const lines = textRects(composer.editor, view);
      for (const rect of lines) obstacles.push({ rect, kind: 'text' });
      const caret = caretLine(composer.editor, view, lines);
      if (caret) obstacles.push({ rect: caret, kind: 'caret' });
    }
    const controls = [];
    for (const element of composer.dialog.querySelectorAll(CONTROLS)) {
      if (element === composer.editor || !dom.isVisible(element)) continue;
      const rect = box(element);
      // A focusable container (a scroll area, a form) is not a control to keep clear of.
      if (rect.width * rect.height <= 0.3 * dialog.width * dialog.height) controls.push({ element, rect });
    }
    const essential = new Set([...keep, ...closeButtons(controls, dialog)]);
    for (const { element, rect } of controls) obstacles.push({ rect, kind: essential.has(element) ? 'essential' : 'control' });
    for (const popup of popupsOf(composer)) obstacles.push({ rect: box(popup), kind: 'popup' });
    for (const other of others) {
      if (other && other.isConnected) obstacles.push({ rect: box(other), kind: 'ui' });
    }
    obstacles.push(...pageUiOf(pageUi, composer));
    return { dialog, viewport: viewport(), obstacles };
  }

  /** The site's popups open now: in the composer's own tree (the document, or the shadow root
      it lives in) and in the document, where menus are often appended to <body> and placed
      outside the dialog's box. Visible ones only: a typeahead is kept in the page and hidden. */
  function popupsOf(composer) {
    const own = composer.dialog.getRootNode();
    const scopes = own === document || !own.querySelectorAll ? [document] : [own, document];
    const found = new Set();
    for (const scope of scopes) {
      for (const popup of scope.querySelectorAll(POPUPS)) {
        if (popup === composer.dialog || popup.contains(composer.dialog) || !dom.isVisible(popup)) continue;
        found.add(popup);
      }
    }
    return [...found];
  }

  /** What placement depends on, cheaply: the dialog's box, the window, where the open popups
      are, and the panel's own version (its content or state); the same signature, the same layout. */
  function signature(composer, version, pageUi = '') {
    const d = frameOf(composer).getBoundingClientRect();
    const popups = popupsOf(composer).map((p) => {
      const r = p.getBoundingClientRect();
      return `${Math.round(r.left)}:${Math.round(r.top)}:${Math.round(r.width)}:${Math.round(r.height)}`;
    });
    const { width, height } = viewport();
    const docked = pageUi ? dom.queryAll(pageUi).map((e) => {
      const r = e.getBoundingClientRect();
      return `${Math.round(r.left)}:${Math.round(r.top)}:${Math.round(r.width)}:${Math.round(r.height)}`;
    }) : [];
    return [d.left, d.top, d.width, d.height, width, height, popups.join(';'), docked.join(';'), version].join(',');
  }

  /** Where the draft's words are, cheaply: they grow as the employee types and move as the
      dialog's body scrolls (an opened panel steps off them, see the watcher). */
  function wordsSignature(composer) {
    return textRects(composer.editor, editorView(composer))
      .map((r) => [r.left, r.top, r.right, r.bottom].map(Math.round).join(':')).join(',');
  }

  /** What the site keeps open over its page and Firsthand's boxes keep clear of: its open
      dialogs (a message bubble, a comment lightbox) and its docked boxes (`pageUi`, the
      adapter's selector: LinkedIn's messaging overlay, X's messages drawer, toasts), which sit
      in the window's corners where the share card would go first and the panel reaches down
      to. Only those on top (under a modal composer's backdrop nothing is usable), never the
      composer's own dialog. */
  function pageUiOf(pageUi, composer = null) {
    const selector = pageUi ? `${OPEN_BOXES}, ${pageUi}` : OPEN_BOXES;
    const own = composer && composer.editor;
    return dom.queryAll(selector).filter((element) => dom.isVisible(element) && !(own && element.contains(own)) &&
      !(composer && composer.dialog.contains(element)) && onTop(element)).map((element) => ({ rect: box(element), kind: 'page' }));
  }

  /** Whether the element is what a click at its centre reaches (Firsthand's own boxes aside). */
  function onTop(element) {
    const r = element.getBoundingClientRect();
    const hits = document.elementsFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2)
      .filter((hit) => !/^FIRSTHAND-/.test(hit.tagName));
    const hit = hits[0];
    return Boolean(hit) && (element.contains(hit) || hit.contains(element) || hit.shadowRoot === element.getRootNode());
  }

  /** Geometry with no composer: the window, Firsthand's own boxes, and the site's open boxes. */
  function pageGeometry(others = [], pageUi = '') {
    const obstacles = others.filter((o) => o && o.isConnected).map((o) => ({ rect: box(o), kind: 'ui' }));
    return { dialog: null, viewport: viewport(), obstacles: obstacles.concat(pageUiOf(pageUi)) };
  }

  /** Where Firsthand's UI must live for a composer: inside a modal <dialog> (everything outside
      one is inert and beneath it), else the document. */
  function mountPointFor(composer) {
    const modal = composer && composer.dialog && composer.dialog.closest && composer.dialog.closest('dialog');
    if (modal && modal.matches(':modal')) return modal;
    return document.documentElement;
  }

  ns.layout = { geometryOf, pageGeometry, mountPointFor, signature, wordsSignature, popupsOf, viewport, box };
})(typeof globalThis !== 'undefined' ? globalThis : this);
