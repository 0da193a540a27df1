/* DOM helpers for content scripts: look inside open shadow roots, build nodes safely. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});

  // Hosts whose open shadow roots hold the page's UI (LinkedIn's 2025–26 composer).
  const SHADOW_HOSTS = '#interop-outlet, [data-testid="interop-shadowdom"]';

  /** The document and the open shadow roots the page renders its UI into. */
  function roots() {
    const found = [document];
    for (const host of document.querySelectorAll(SHADOW_HOSTS)) {
      if (host.shadowRoot) found.push(host.shadowRoot);
    }
    return found;
  }

  /** Every element matching the selector in the document or a known shadow root. */
  function queryAll(selector) {
    return roots().flatMap((r) => Array.from(r.querySelectorAll(selector)));
  }

  /** Whether an element takes up space on screen (decoys and closed dialogs do not). */
  function isVisible(el) {
    if (!el || !el.isConnected || el.getClientRects().length === 0) return false;
    const style = getComputedStyle(el);
    return style.visibility !== 'hidden' && style.display !== 'none' && !el.closest('[aria-hidden="true"]');
  }

  /** A host element with an open shadow root for extension UI (styles stay isolated). Its
      words are the extension's, in the UI's language (every one it ships is left to right):
      a right-to-left page (Hebrew or Arabic LinkedIn) must not lay them out right to left, and
      `:host { all: initial }` does not stop that (`all` never resets `direction`). */
  function shadowHost(tagName, css) {
    const host = document.createElement(tagName);
    host.dir = 'ltr';
    host.lang = ns.language ? ns.language() : 'en';
    const shadow = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = css;
    shadow.append(style);
    return { host, shadow };
  }

  // The elements an editor keeps a line of the draft in (Quill and ProseMirror: <p>; Draft.js:
  // a [data-block] <div>; a bare contenteditable: <div>).
  const LINE = 'p, li, h1, h2, h3, blockquote, [data-block], div';

  /** Insert text at the caret the way the editor accepts typing (never rewriting its HTML),
      apart from the draft's words: after a sentence, hashtag or emoji at the draft's end on a
      new line, made by `newLine` (the execCommand the editor takes as one: insertParagraph
      for Quill and ProseMirror, insertLineBreak for Draft.js; none: a space), else
      after a space, and with a space before a word the caret was in front of. */
  function insertAtCaret(editor, text, { newLine = null } = {}) {
    editor.focus();
    const rootNode = editor.getRootNode();
    const selection = (rootNode.getSelection && rootNode.getSelection()) || document.getSelection();
    const inside = selection && selection.rangeCount && editor.contains(selection.anchorNode);
    if (!inside) {
      const range = document.createRange();
      range.selectNodeContents(editor);
      range.collapse(false);
      selection.removeAllRanges();
      selection.addRange(range);
    }
    const { before, after } = textAround(editor, selection.getRangeAt(0));
    const gap = ns.starterGap(before, after, text, { lineBreak: Boolean(newLine) });
    if (gap.lead === 'line' && !brokeLine(editor, selection, newLine)) gap.lead = ' ';
    const lead = gap.lead === ' ' ? ' ' : '';
    return document.execCommand('insertText', false, lead + text + gap.trail);
  }

  /** Start a new line with the editor's command; whether the caret is now at a line's start.
      An editor that handles the command itself may cancel it and do nothing (Lexical does). */
  function brokeLine(editor, selection, command) {
    document.execCommand(command);
    return selection.rangeCount > 0 && /(^|\s)$/u.test(textAround(editor, selection.getRangeAt(0)).before);
  }

  /** The caret's line up to the caret, and the draft after it (later lines after '\n'); a <br>
      is a line's end (Draft.js's Shift+Enter, the trailing break of an empty paragraph). */
  function textAround(editor, range) {
    const start = range.startContainer.nodeType === 1 ? range.startContainer : range.startContainer.parentElement;
    const found = start && start.closest(LINE);
    const line = found && found !== editor && editor.contains(found) ? found : editor;
    const span = (from, to) => {
      const r = document.createRange();
      r.selectNodeContents(from);
      if (to === 'end') r.setStart(range.endContainer, range.endOffset);
      else r.setEnd(range.startContainer, range.startOffset);
      const part = r.cloneContents();
      for (const br of part.querySelectorAll('br')) br.replaceWith('\n');
      return part.textContent;
    };
    let later = '';
    if (line !== editor) {
      const rest = document.createRange();
      rest.selectNodeContents(editor);
      rest.setStartAfter(line);
      later = rest.toString();
    }
    return { before: span(line), after: span(line, 'end') + (later ? `\n${later}` : '') };
  }

  /** Inside a <dialog>, put Firsthand's host in the top layer (a manual popover, still the
      dialog's descendant so the modal leaves it usable): a dialog with a transform, a filter or
      `contain` is the containing block of anything fixed inside it, which would then be placed
      from the dialog's corner and clipped by it. Elsewhere (or without popovers) nothing changes. */
  function raise(host) {
    if (typeof host.showPopover !== 'function') return;
    if (!host.parentElement || !host.parentElement.closest('dialog')) return host.removeAttribute('popover');
    if (!host.hasAttribute('popover')) host.setAttribute('popover', 'manual');
    if (!host.matches(':popover-open')) host.showPopover();
  }

  /** Where a caret is in an editor as {block, offset}: which of its paragraphs, how many
      characters in. Unlike a Range it stays right when the editor rebuilds its nodes after
      input, as ProseMirror and Quill do. */
  function caretIn(editor, node, offset) {
    const blocks = Array.from(editor.children);
    const index = blocks.findIndex((b) => b.contains(node));
    const range = document.createRange();
    range.selectNodeContents(index < 0 ? editor : blocks[index]);
    range.setEnd(node, offset);
    return { block: index, offset: range.toString().length };
  }

  /** A collapsed range at a caret caretIn() described (at the block's end if it is shorter). */
  function rangeAt(editor, { block, offset }) {
    const scope = (block >= 0 && editor.children[Math.min(block, editor.children.length - 1)]) || editor;
    const range = document.createRange();
    range.selectNodeContents(scope);
    range.collapse(false);
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    let left = offset;
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      if (left <= text.length) {
        range.setStart(text, left);
        range.collapse(true);
        break;
      }
      left -= text.length;
    }
    return range;
  }

  /** The CSS zoom an element is drawn at, its ancestors' included (a zoom extension's
      `zoom: 1.25` on <html>). Without currentCSSZoom: its drawn width against its CSS width. */
  function zoomOf(el) {
    if (!el) return 1;
    if (typeof el.currentCSSZoom === 'number') return el.currentCSSZoom;
    return el.offsetWidth > 0 ? el.getBoundingClientRect().width / el.offsetWidth : 1;
  }

  /** Draw Firsthand's host at its own size, in the window's pixels, whatever CSS zoom the page
      puts on its ancestors: placement works in the window's pixels (the composer's rects), and
      a box left at those numbers under `<html style="zoom: 1.25">` was zoomed again (the docked
      tab at x 1555–1600 in a 1280 px window). Call before measuring or placing it. */
  function unzoom(host) {
    const zoom = 1 / zoomOf(host.parentElement);
    const now = parseFloat(host.style.zoom) || 1;
    if (Math.abs(now - zoom) > 0.001) host.style.zoom = Math.abs(zoom - 1) > 0.001 ? String(zoom) : '';
  }

  /** A button that can be pressed (sites mark disabled ones with `disabled` or aria-disabled). */
  function isEnabled(button) {
    return Boolean(button) && !button.disabled && button.getAttribute('aria-disabled') !== 'true';
  }

  ns.dom = { roots, queryAll, isVisible, el: ns.el, shadowHost, insertAtCaret, isEnabled, raise, unzoom, caretIn, rangeAt, SHADOW_HOSTS };
})(typeof globalThis !== 'undefined' ? globalThis : this);
