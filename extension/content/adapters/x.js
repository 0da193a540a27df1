/* X (Twitter)'s composer: a Draft.js editor marked data-testid="tweetTextarea_0", inline on the
   home timeline or in the compose dialog; its Post button is tweetButtonInline / tweetButton and
   says it is disabled with aria-disabled. A toast with a /status/<id> link confirms a post.
   Replies use the same editor, button and toast (the button reads Reply, in the UI's language):
   they are not composers here. Runs only once the employee grants the optional X permission.
   Fails soft like every adapter. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});
  const { dom } = ns;

  const EDITOR = '[data-testid="tweetTextarea_0"][contenteditable="true"], [data-testid="tweetTextarea_0"] [contenteditable="true"]';
  const POST_BUTTON = '[data-testid="tweetButton"], [data-testid="tweetButtonInline"]';
  const PUBLISHED_LINK = '[data-testid="toast"] a[href*="/status/"]';
  const POST = 'article[data-testid="tweet"]';
  const CONVERSATION = /\/status\/\d+/; // a post's own page: its inline composer answers it

  /** The composer's frame: the compose modal's layer (its Close is the composer's too), else
      the nearest ancestor that also holds the Post button. */
  function frameOf(editor) {
    const modal = editor.closest('[role="dialog"]');
    if (modal) return modal;
    let node = editor.parentElement;
    while (node && node !== document.body) {
      if (node.matches('[role="dialog"]') || node.querySelector(POST_BUTTON)) return node;
      node = node.parentElement;
    }
    return null;
  }

  /** A reply box, told without words: the reply modal shows the post replied to above its
      editor (a quoted post comes below it), and a post's own page has its reply box inline. */
  function isReply(editor, frame) {
    if (!editor.closest('[role="dialog"]') && CONVERSATION.test(location.pathname)) return true;
    return Array.from(frame.querySelectorAll(POST)).some((post) =>
      !post.contains(editor) && Boolean(post.compareDocumentPosition(editor) & Node.DOCUMENT_POSITION_FOLLOWING));
  }

  const XAdapter = {
    id: 'x',
    network: 'x',
    // The messages drawer docked at the window's bottom right, toasts, and the account switcher
    // at the bottom of the side nav (bottom left, where the card goes when the drawer is open):
    // the share card keeps off them.
    pageUi: '[data-testid="DMDrawer"], [data-testid="toast"], [data-testid="SideNav_AccountSwitcher_Button"]',

    handles(location) {
      return /(^|\.)(x|twitter)\.com$/.test(location.hostname);
    },

    findComposer() {
      try {
        // The compose modal opens over the timeline, whose inline composer stays beneath it.
        const editors = Array.from(document.querySelectorAll(EDITOR)).filter(dom.isVisible);
        const editor = editors.find((e) => e.closest('[role="dialog"]')) || editors[0];
        const dialog = editor && frameOf(editor);
        return editor && dialog && !isReply(editor, dialog) ? { generation: 'x', editor, dialog } : null;
      } catch (e) {
        return null;
      }
    },

    postButton(composer) {
      return (composer && composer.dialog && composer.dialog.querySelector(POST_BUTTON)) || null;
    },

    /** Draft.js keeps one block per line. */
    readText(editor) {
      const blocks = editor.querySelectorAll('[data-block="true"]');
      if (!blocks.length) return editor.textContent || '';
      return Array.from(blocks, (b) => b.textContent).join('\n');
    },

    // A new line as Shift+Enter makes it: Draft.js reads a line break in its block back into
    // its model, but a paragraph the browser splits off (insertParagraph, or insertText with
    // "\n") is none of its blocks, and it throws the draft away.
    insertText(editor, text) {
      return dom.insertAtCaret(editor, text, { newLine: 'insertLineBreak' });
    },

    canonicalUrl(href) {
      return ns.canonicalXUrl(href);
    },

    publishedLinks() {
      return new Set(Array.from(document.querySelectorAll(PUBLISHED_LINK), (a) => a.href));
    },

    /** The posts the timeline or a post's page shows now: an edit confirms one of them. */
    postsOnPage() {
      const links = Array.from(document.querySelectorAll('a[href*="/status/"]'), (a) => a.href);
      return [...links, location.href].map((href) => ns.canonicalXUrl(href)).filter(Boolean);
    }
  };

  ns.adapters = ns.adapters || [];
  ns.adapters.push(XAdapter);
  ns.XAdapter = XAdapter;
})(typeof globalThis !== 'undefined' ? globalThis : this);
