/* LinkedIn's post composer, in each generation LinkedIn has shipped:
   - classic: the artdeco modal in the page, with a Quill editor;
   - interop: the same modal inside the open shadow root of #interop-outlet (a hidden decoy
     Quill editor may sit in the light DOM);
   - sdui: a native <dialog> showing the ShareCompose screen, with a Tiptap/ProseMirror editor
     (componentkey ShareBox_textEditor) and hashed class names;
   - page: a company page's composer (admin view), a Tiptap textbox in a [role=dialog] <div>.
   LinkedIn uses the same Tiptap editor for comments and messages, in dialogs too: a box is the
   composer only when the share box's structure says so (linkedin-share-box.js), never by its
   labels. Nothing here reads any words (they follow the UI language, and Post becomes
   Schedule). Selectors go stale: every lookup fails soft (null). */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});
  const { dom, linkedinShareBox: shareBox } = ns;

  const QUILL = '.ql-editor[contenteditable="true"]';
  const SHARE_EDITOR = '[componentkey="ShareBox_textEditor"][contenteditable="true"]';
  const PROSEMIRROR = '.ProseMirror[contenteditable="true"]';
  const TIPTAP = `${PROSEMIRROR}, .tiptap[contenteditable="true"]`;
  // The member composer's screen (real value com.linkedin.sdui.flagshipnav.sharing.ShareCompose).
  const SHARE_SCREEN = '[data-sdui-screen*="sharing.ShareCompose"]';
  const CLASSIC_DIALOG = '[data-test-modal-id="sharebox"], .share-box-v2__modal, [role="dialog"]';
  const POST_BUTTON = 'button.share-actions__primary-action';
  // Where LinkedIn confirms a publish ("Post successful · View post"). Post links are looked for
  // only in there: the feed around it is full of other people's posts. Not any [role=alert] or
  // [role=status] (live regions anywhere on the page): only those inside a toast, as its are.
  const TOASTS = '.artdeco-toast-item, [data-testid="toast"], #artdeco-toasts__wormhole';
  const POST_LINK = 'a[href*="/feed/update/"], a[href*="/posts/"]'; // by URN, or the public address
  // Where the page names the posts it shows (the feed's permalinks and update URNs; the
  // hashed-class feed names them in a post root's componentkey or its tracking scope).
  const SHOWN_POST = `${POST_LINK}, [data-urn*="urn:li:"], [data-id*="urn:li:"], [componentkey*="urn:li:"]`;
  const TRACKED_POST = '[data-view-tracking-scope]';

  // Posts the page's own "create post" request confirmed (network-tap.js, which runs in the
  // page's world, announces each one's URN with this event).
  const TAP_EVENT = 'firsthand:published';
  const tapped = new Set();
  if (typeof document !== 'undefined') {
    document.addEventListener(TAP_EVENT, (event) => {
      const urn = event.detail;
      const url = typeof urn === 'string' && /^urn:li:(activity|share|ugcPost):\d+$/.test(urn) &&
        ns.canonicalLinkedinUrl(urn);
      if (url) tapped.add(url);
    });
  }

  function visibleEditor(scope, selector) {
    return Array.from(scope.querySelectorAll(selector))
      .find((e) => dom.isVisible(e) && !shareBox.isReply(e, modalOf(e))) || null;
  }

  /** The share box by its markers, or a dialog that first appeared after "Start a post". */
  function isShareBox(box, editor) {
    if (editor.closest(shareBox.SHARE_MARKS) || (box.querySelector && shareBox.marked(box))) return true;
    const dialog = modalOf(editor);
    return Boolean(dialog) && shareBox.openedFromShareBox(dialog);
  }

  /** The text-only buttons of a dialog, last first (SDUI's Post button has no stable hook);
      never one inside the editor (a link preview's or a mention's). */
  function lastTextOnlyButton(dialog, editor) {
    const buttons = Array.from(dialog.querySelectorAll('button')).filter((b) =>
      !b.querySelector('svg, img') && b.textContent.trim() && dom.isVisible(b) && !(editor && editor.contains(b)));
    return buttons[buttons.length - 1] || null;
  }

  function fromInterop() {
    for (const shadow of dom.roots().slice(1)) {
      const editor = visibleEditor(shadow, QUILL);
      const dialog = editor && (modalOf(editor) || editor.closest(CLASSIC_DIALOG) || shadow);
      if (editor && isShareBox(dialog, editor)) return { generation: 'interop', editor, dialog };
    }
    return null;
  }

  /** A native <dialog> is the composer only by the ShareBox editor or the ShareCompose screen
      (then any ProseMirror editor in it): every new-style modal is a <dialog>, comments too.
      It may be rendered inside #interop-outlet's shadow root (the 2026 Tiptap composer). */
  function fromSdui() {
    for (const dialog of dom.queryAll('dialog[open]')) {
      let editor = visibleEditor(dialog, SHARE_EDITOR);
      if (!editor && (dialog.matches(SHARE_SCREEN) || dialog.querySelector(SHARE_SCREEN))) {
        editor = visibleEditor(dialog, PROSEMIRROR);
      }
      if (editor) return { generation: 'sdui', editor, dialog };
    }
    return null;
  }

  /** A company page's composer: a Tiptap textbox in a [role=dialog] that is not a <dialog>,
      opened from the share box (it carries none of the member composer's markers). */
  function fromPage() {
    for (const dialog of dom.queryAll('[role="dialog"]:not(dialog)')) {
      const editor = visibleEditor(dialog, TIPTAP);
      if (editor && isShareBox(dialog, editor)) return { generation: 'page', editor, dialog: modalOf(editor) || dialog };
    }
    return null;
  }

  function fromClassic() {
    for (const container of document.querySelectorAll(CLASSIC_DIALOG)) {
      const editor = visibleEditor(container, QUILL);
      if (editor && isShareBox(container, editor)) return { generation: 'classic', editor, dialog: modalOf(editor) || container };
    }
    return null;
  }

  /** The post URN in a componentkey ("urn:li:activity:N", or "expandedurn:li:activity:NFeedType_…"). */
  function urnIn(key) {
    const found = (key || '').match(/urn:li:(?:activity|share|ugcPost):\d+/);
    return found ? found[0] : null;
  }

  /** The modal box itself (not a full-screen overlay around it), to sit the panel beside. */
  function modalOf(editor) {
    return editor.closest('[role="dialog"], .share-box-v2__modal, .artdeco-modal');
  }

  const LinkedInAdapter = {
    id: 'linkedin',
    network: 'linkedin',
    // Boxes the site docks at the window's edges, kept clear by the share card: the messaging
    // overlay's list and conversations (bottom right) and the toasts (bottom left).
    pageUi: '.msg-overlay-list-bubble, .msg-overlay-conversation-bubble, .artdeco-toast-item',

    // The hashed-class build's toast links no post: the feed showing the new one confirms it.
    feedConfirms: true,

    handles(location) {
      return /(^|\.)linkedin\.com$/.test(location.hostname);
    },

    /** The open composer {generation, editor, dialog}, or null. */
    findComposer() {
      try {
        const found = fromInterop() || fromSdui() || fromClassic() || fromPage();
        if (found) shareBox.settled(); // "Start a post" answered: no later dialog is claimed
        return found;
      } catch (e) {
        return null;
      }
    },

    /** The composer's Post button, looked up fresh (LinkedIn re-renders it). */
    postButton(composer) {
      if (!composer || !composer.dialog) return null;
      const classic = composer.generation === 'sdui' ? null : composer.dialog.querySelector(POST_BUTTON);
      return classic || lastTextOnlyButton(composer.dialog, composer.editor);
    },

    /** The draft's text, one line per paragraph (innerText would double Quill's newlines). */
    readText(editor) {
      const blocks = editor.querySelectorAll('p, li, h1, h2, h3, blockquote');
      if (!blocks.length) return editor.textContent || '';
      return Array.from(blocks, (b) => b.textContent).join('\n');
    },

    insertText(editor, text) {
      return dom.insertAtCaret(editor, text, { newLine: 'insertParagraph' });
    },

    /** The canonical URL of a published post's link, or null. */
    canonicalUrl(href) {
      return ns.canonicalLinkedinUrl(href);
    },

    /** Published posts' canonical URLs: each success toast's post link (activity, share or
        ugcPost, percent-encoded or not), and the posts the page's create-post response confirmed.
        A "Post scheduled" toast links to no post: a scheduled post is not published yet. */
    publishedLinks() {
      const links = dom.queryAll(TOASTS).flatMap((toast) => [
        ...(toast.matches(POST_LINK) ? [toast] : []), ...toast.querySelectorAll(POST_LINK)]);
      const urls = links.map((a) => ns.canonicalLinkedinUrl(a.href)).filter(Boolean);
      return new Set([...urls, ...tapped]);
    },

    /** The canonical URLs of the posts the page shows now (the feed, a post's own page), which
        a Post click cannot have published: an edit's Save confirms the post it edited. */
    postsOnPage() {
      const named = shownPosts().flatMap((post) => post.urls);
      return [...named, ns.canonicalLinkedinUrl(location.href)].filter(Boolean);
    },

    /** The words the page shows with the post `url` (its feed item), or null when none shows it. */
    postText(url) {
      const post = shownPosts().find((p) => p.urls.includes(url));
      return post ? (post.element.closest('[role="listitem"], .feed-shared-update-v2') || post.element).innerText : null;
    }
  };

  /** The elements naming a post (permalinks, URN attributes, tracking scopes), with the
      canonical URLs each names. */
  function shownPosts() {
    const named = dom.queryAll(SHOWN_POST).map((e) => ({ element: e,
      hrefs: [e.getAttribute('href') || e.dataset.urn || e.dataset.id || urnIn(e.getAttribute('componentkey'))] }));
    const tracked = ns.urnsInTrackingScope ? dom.queryAll(TRACKED_POST).map((e) => ({ element: e,
      hrefs: ns.urnsInTrackingScope(e.getAttribute('data-view-tracking-scope')) })) : [];
    return [...named, ...tracked].map(({ element, hrefs }) => ({ element,
      urls: hrefs.map((href) => ns.canonicalLinkedinUrl(href)).filter(Boolean) }));
  }

  ns.adapters = ns.adapters || [];
  ns.adapters.push(LinkedInAdapter);
  ns.LinkedInAdapter = LinkedInAdapter;
})(typeof globalThis !== 'undefined' ? globalThis : this);
