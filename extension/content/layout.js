/* The composer's geometry as placement.js reads it: the dialog's box, what in it must stay
   visible (the editor, every button and field, open dropdowns) and the window's size. */
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

  /** The composer's geometry: {dialog, viewport, obstacles}; `others` are Firsthand's own boxes
      to keep clear of too (the panel for the share card), at a lower weight. */
  function geometryOf(composer, others = []) {
    const dialog = box(frameOf(composer));
    const obstacles = [{ rect: dialog, kind: 'dialog' }];
    if (dom.isVisible(composer.editor)) obstacles.push({ rect: box(composer.editor), kind: 'editor' });
    for (const control of composer.dialog.querySelectorAll(CONTROLS)) {
      if (control === composer.editor || !dom.isVisible(control)) continue;
      const rect = box(control);
      // A focusable container (a scroll area, a form) is not a control to keep clear of.
      if (rect.width * rect.height > 0.3 * dialog.width * dialog.height) continue;
      obstacles.push({ rect, kind: 'control' });
    }
    for (const popup of popupsOf(composer)) obstacles.push({ rect: box(popup), kind: 'control' });
    for (const other of others) {
      if (other && other.isConnected) obstacles.push({ rect: box(other), kind: 'ui' });
    }
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
  function signature(composer, version) {
    const d = frameOf(composer).getBoundingClientRect();
    const popups = popupsOf(composer).map((p) => {
      const r = p.getBoundingClientRect();
      return `${Math.round(r.left)}:${Math.round(r.top)}:${Math.round(r.width)}:${Math.round(r.height)}`;
    });
    const { width, height } = viewport();
    return [d.left, d.top, d.width, d.height, width, height, popups.join(';'), version].join(',');
  }

  /** Geometry with no composer: the window, and Firsthand's own boxes to keep clear of. */
  function pageGeometry(others = []) {
    const obstacles = others.filter((o) => o && o.isConnected).map((o) => ({ rect: box(o), kind: 'ui' }));
    return { dialog: null, viewport: viewport(), obstacles };
  }

  /** Where Firsthand's UI must live for a composer: inside a modal <dialog> (everything outside
      one is inert and beneath it), else the document. */
  function mountPointFor(composer) {
    const modal = composer && composer.dialog && composer.dialog.closest && composer.dialog.closest('dialog');
    if (modal && modal.matches(':modal')) return modal;
    return document.documentElement;
  }

  ns.layout = { geometryOf, pageGeometry, mountPointFor, signature, popupsOf, viewport, box };
})(typeof globalThis !== 'undefined' ? globalThis : this);
