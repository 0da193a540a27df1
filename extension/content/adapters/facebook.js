/* Facebook's post composer: a role="dialog" ("Create post") holding a Lexical editor
   (contenteditable, role="textbox", data-lexical-editor) and a Post button that is a
   div[role="button"] labelled "Post". Class names are atomic and useless as hooks, so every
   lookup goes by role, label and attribute, and fails soft (null). A new post's permalink
   (/posts/, story_fbid, /permalink/) appearing after the Post click confirms the publish.
   Runs only once the employee grants the optional Facebook permission. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});
  const { dom } = ns;

  const EDITOR = '[contenteditable="true"][role="textbox"][data-lexical-editor="true"], ' +
    '[role="dialog"] [contenteditable="true"][role="textbox"]';
  const POST_LABELS = ['Post', 'Publier', 'Posten', 'Publicar', 'Plaatsen', 'Publicar']; // last resort: text
  const PUBLISHED_LINK = 'a[href*="/posts/"], a[href*="story_fbid="], a[href*="/permalink/"]';

  function postButtonIn(dialog) {
    const buttons = Array.from(dialog.querySelectorAll('[role="button"], button')).filter(dom.isVisible);
    return buttons.find((b) => b.getAttribute('aria-label') === 'Post') ||
      buttons.find((b) => POST_LABELS.includes((b.getAttribute('aria-label') || b.textContent || '').trim())) ||
      null;
  }

  const FacebookAdapter = {
    id: 'facebook',
    network: 'facebook',

    handles(location) {
      return /(^|\.)facebook\.com$/.test(location.hostname);
    },

    findComposer() {
      try {
        for (const editor of document.querySelectorAll(EDITOR)) {
          if (!dom.isVisible(editor)) continue;
          const dialog = editor.closest('[role="dialog"]');
          if (dialog && postButtonIn(dialog)) return { generation: 'facebook', editor, dialog };
        }
        return null;
      } catch (e) {
        return null;
      }
    },

    postButton(composer) {
      return (composer && composer.dialog && postButtonIn(composer.dialog)) || null;
    },

    /** Lexical keeps one <p> per line. */
    readText(editor) {
      const blocks = editor.querySelectorAll('p');
      if (!blocks.length) return editor.textContent || '';
      return Array.from(blocks, (b) => b.textContent).join('\n');
    },

    // A space, not a new line: Lexical cancels an insertParagraph it did not start from a key
    // and makes no paragraph, and an insertLineBreak empties the draft.
    insertText(editor, text) {
      return dom.insertAtCaret(editor, text);
    },

    canonicalUrl(href) {
      return ns.canonicalUrl(href, 'facebook');
    },

    publishedLinks() {
      return new Set(Array.from(document.querySelectorAll(PUBLISHED_LINK), (a) => a.href));
    }
  };

  ns.adapters = ns.adapters || [];
  ns.adapters.push(FacebookAdapter);
  ns.FacebookAdapter = FacebookAdapter;
})(typeof globalThis !== 'undefined' ? globalThis : this);
