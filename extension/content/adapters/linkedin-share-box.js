/* Which of LinkedIn's editors is the employee's own post composer, told by the page's structure
   and never by words: LinkedIn ships its UI in some 36 languages (per account), and the same
   Tiptap or Quill editor serves comments and messages. A box counts only when the share box
   says so: its markers (the ShareBox editor, the ShareCompose screen, the sharebox modal, the
   share-creation-state editor), or, for a composer with none (a company page's, a [role=dialog]
   with a Tiptap textbox), being the first dialog to appear after a click on the feed's share
   box ("Start a post"). Comment boxes and message windows never count, whatever their labels
   say (they were told apart by their labels in six languages: an Italian message bubble got
   the panel and its words went to the server). */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});
  const { dom } = ns;

  const SHARE_MARKS = '[componentkey="ShareBox_textEditor"], [data-sdui-screen*="sharing.ShareCompose"], ' +
    '[data-test-modal-id="sharebox"], .share-box-v2__modal, [class*="share-creation-state"]';
  // Comment boxes and messaging (the form, the overlay's conversation windows, a message list).
  const REPLY_BOX = '[class*="comments-comment"], [class*="msg-form"], [class*="msg-overlay-conversation"], ' +
    '[class*="msg-s-message-list"], [class*="msg-convo"], [data-test-conversation], [data-view-name*="messaging"]';
  // The feed's share box: what opens the composer ("Start a post" in the UI's language).
  const TRIGGER = '[class*="share-box-feed-entry"], .share-box__open, [data-control-name^="share.sharebox"], ' +
    '[componentkey*="ShareBox"], [data-view-name*="share-box"]';
  const DIALOGS = '[role="dialog"], dialog';
  const WINDOW_MS = 10000;

  const claimed = new WeakSet();
  let opened = null; // {at, before: dialogs already there} after a click on the share box

  /** A click on the share box (or on the button beside the profile picture that heads it). */
  function isTrigger(path) {
    return path.some((node) => node instanceof Element && (node.matches(TRIGGER) ||
      (node.matches('button, [role="button"]') && node.parentElement &&
        Boolean(node.parentElement.querySelector('#shareboxProfilePictureComponentRef')))));
  }

  if (typeof document !== 'undefined') {
    document.addEventListener('click', (event) => {
      if (isTrigger(event.composedPath())) opened = { at: Date.now(), before: new Set(dom.queryAll(DIALOGS)) };
    }, true);
  }

  /** An editor inside a comment box or a messaging window. */
  function isReply(editor, dialog) {
    if (editor.closest(SHARE_MARKS)) return false;
    return Boolean(editor.closest(REPLY_BOX) || (dialog && dialog.querySelector(REPLY_BOX)));
  }

  /** Whether `box` (a dialog, or the container found around a Quill editor) is the share box. */
  function marked(box) {
    return Boolean(box.matches(SHARE_MARKS) || box.querySelector(SHARE_MARKS) || box.closest(SHARE_MARKS));
  }

  /** A dialog with no share-box markers is the composer only if it is the first dialog to
      appear within WINDOW_MS after a click on the share box; then it stays so. */
  function openedFromShareBox(dialog) {
    if (claimed.has(dialog)) return true;
    if (!opened || Date.now() - opened.at > WINDOW_MS || opened.before.has(dialog)) return false;
    claimed.add(dialog);
    opened = null;
    return true;
  }

  /** A composer was found: the share box's click is answered (no later dialog is claimed). */
  function settled() {
    opened = null;
  }

  ns.linkedinShareBox = { isReply, marked, openedFromShareBox, settled, SHARE_MARKS };
})(typeof globalThis !== 'undefined' ? globalThis : this);
