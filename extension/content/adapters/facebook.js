/* Facebook's post composer: a role="dialog" ("Create post") holding a Lexical editor
   (contenteditable, role="textbox", data-lexical-editor) and a Post button that is a
   div[role="button"] labelled "Post". Class names are atomic and useless as hooks, so every
   lookup goes by role, label and attribute, and fails soft (null). Facebook names the new post
   by no toast: the feed confirms it (pending-publish.js feedWatch), a permalink (/posts/,
   story_fbid, /permalink/) the feed did not show at the Post click whose feed item shows the
   draft's words. Any new permalink was taken before: a friend's post arriving in the feed after
   a failed Post was offered, and logged, as the employee's share. Runs only once the employee
   grants the optional Facebook permission. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});
  const { dom } = ns;

  const EDITOR = '[contenteditable="true"][role="textbox"][data-lexical-editor="true"], ' +
    '[role="dialog"] [contenteditable="true"][role="textbox"]';
  const POST_LABELS = ['Post', 'Publier', 'Posten', 'Publicar', 'Plaatsen', 'Publicar']; // last resort: text
  const PERMALINK = 'a[href*="/posts/"], a[href*="story_fbid="], a[href*="/permalink/"]';
  // A feed item (the words shown with its permalink); else the permalink's parent.
  const FEED_ITEM = '[role="article"], [aria-posinset], [data-pagelet*="FeedUnit"]';

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

    // The new post is told by the feed alone, with the draft's words: no toast names it.
    feedConfirms: true,

    /** No toast or request names a Facebook post: nothing is taken without its words. */
    publishedLinks() {
      return new Set();
    },

    /** The canonical URLs of the posts the page shows now (outside the composer). */
    postsOnPage() {
      return [...new Set(permalinks().map(({ url }) => url))];
    },

    /** The words of the feed item holding the permalink of `url`, or null when none shows it. */
    postText(url) {
      const found = permalinks().find((p) => p.url === url);
      return found ? (found.link.closest(FEED_ITEM) || found.link.parentElement || found.link).innerText : null;
    }
  };

  /** The permalinks the page shows, outside any dialog (the composer's own), with their URLs. */
  function permalinks() {
    return Array.from(document.querySelectorAll(PERMALINK))
      .filter((link) => !link.closest('[role="dialog"]'))
      .map((link) => ({ link, url: ns.canonicalUrl(link.href, 'facebook') }))
      .filter(({ url }) => url);
  }

  ns.adapters = ns.adapters || [];
  ns.adapters.push(FacebookAdapter);
  ns.FacebookAdapter = FacebookAdapter;
})(typeof globalThis !== 'undefined' ? globalThis : this);
