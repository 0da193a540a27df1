/* LinkedIn's post composer, in each generation LinkedIn has shipped:
   - classic: the artdeco modal in the page, with a Quill editor;
   - interop: the same modal inside the open shadow root of #interop-outlet (a hidden decoy
     Quill editor may sit in the light DOM);
   - sdui: a native <dialog> with a Tiptap/ProseMirror editor and hashed class names.
   Selectors go stale: every lookup fails soft (null), never throws. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});
  const { dom } = ns;

  const QUILL = '.ql-editor[contenteditable="true"]';
  const PROSEMIRROR =
    '[componentkey="ShareBox_textEditor"][contenteditable="true"], .ProseMirror[contenteditable="true"]';
  const CLASSIC_DIALOG = '[data-test-modal-id="sharebox"], .share-box-v2__modal, [role="dialog"]';
  const POST_BUTTON = 'button.share-actions__primary-action';
  const PUBLISHED_LINK = 'a[href*="urn:li:activity:"]';

  // Activity URNs of posts the page's own "create post" request confirmed (network-tap.js, which
  // runs in the page's world, announces them with this event).
  const TAP_EVENT = 'firsthand:published';
  const tapped = new Set();
  if (typeof document !== 'undefined') {
    document.addEventListener(TAP_EVENT, (event) => {
      const urn = event.detail;
      if (typeof urn === 'string' && /^urn:li:activity:\d{6,25}$/.test(urn)) {
        tapped.add(`https://www.linkedin.com/feed/update/${urn}/`);
      }
    });
  }

  function visibleEditor(scope, selector) {
    return Array.from(scope.querySelectorAll(selector)).find(dom.isVisible) || null;
  }

  /** The text-only buttons of a dialog, last first (SDUI's Post button has no stable hook). */
  function lastTextOnlyButton(dialog) {
    const buttons = Array.from(dialog.querySelectorAll('button')).filter(
      (b) => !b.querySelector('svg, img') && b.textContent.trim() && dom.isVisible(b)
    );
    return buttons[buttons.length - 1] || null;
  }

  function fromInterop() {
    for (const shadow of dom.roots().slice(1)) {
      const editor = visibleEditor(shadow, QUILL);
      if (editor) {
        const dialog = modalOf(editor) || editor.closest(CLASSIC_DIALOG) || shadow;
        return { generation: 'interop', editor, dialog };
      }
    }
    return null;
  }

  function fromSdui() {
    for (const dialog of document.querySelectorAll('dialog[open]')) {
      const editor = visibleEditor(dialog, PROSEMIRROR);
      if (editor) return { generation: 'sdui', editor, dialog };
    }
    return null;
  }

  function fromClassic() {
    for (const container of document.querySelectorAll(CLASSIC_DIALOG)) {
      const editor = visibleEditor(container, QUILL);
      if (editor) return { generation: 'classic', editor, dialog: modalOf(editor) || container };
    }
    return null;
  }

  /** The modal box itself (not a full-screen overlay around it), to sit the panel beside. */
  function modalOf(editor) {
    return editor.closest('[role="dialog"], .share-box-v2__modal, .artdeco-modal');
  }

  const LinkedInAdapter = {
    id: 'linkedin',
    network: 'linkedin',

    handles(location) {
      return /(^|\.)linkedin\.com$/.test(location.hostname);
    },

    /** The open composer {generation, editor, dialog}, or null. */
    findComposer() {
      try {
        return fromInterop() || fromSdui() || fromClassic();
      } catch (e) {
        return null;
      }
    },

    /** The composer's Post button, looked up fresh (LinkedIn re-renders it). */
    postButton(composer) {
      if (!composer || !composer.dialog) return null;
      if (composer.generation === 'sdui') return lastTextOnlyButton(composer.dialog);
      return composer.dialog.querySelector(POST_BUTTON) || lastTextOnlyButton(composer.dialog);
    },

    /** The draft's text, one line per paragraph (innerText would double Quill's newlines). */
    readText(editor) {
      const blocks = editor.querySelectorAll('p, li, h1, h2, h3, blockquote');
      if (!blocks.length) return editor.textContent || '';
      return Array.from(blocks, (b) => b.textContent).join('\n');
    },

    insertText(editor, text) {
      return dom.insertAtCaret(editor, text);
    },

    /** The canonical URL of a published post's link, or null. */
    canonicalUrl(href) {
      return ns.canonicalLinkedinUrl(href);
    },

    /** Links to published posts: on the page now (the success toast carries one), or
        confirmed by the page's create-post response. */
    publishedLinks() {
      return new Set([...dom.queryAll(PUBLISHED_LINK).map((a) => a.href), ...tapped]);
    }
  };

  ns.adapters = ns.adapters || [];
  ns.adapters.push(LinkedInAdapter);
  ns.LinkedInAdapter = LinkedInAdapter;
})(typeof globalThis !== 'undefined' ? globalThis : this);
