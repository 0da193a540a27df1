/* The suggestion panel's styles (its own shadow root: the page's CSS never reaches it). Colours
   meet WCAG AA in light and dark; dark when the page under it is (data-theme, page-theme.js),
   whatever the OS prefers; nothing moves for people who ask for reduced motion. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});

  ns.PANEL_CSS = `
    :host { all: initial; position: fixed; z-index: 2147483000; left: 0; top: 0;
      font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color-scheme: light; }
    :host([data-theme="dark"]) { color-scheme: dark; }
    [hidden] { display: none !important; }
    .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
      white-space: nowrap; }
    .tab { all: unset; box-sizing: border-box; cursor: pointer; display: grid; place-items: center;
      width: 100%; height: 100%; background: linear-gradient(160deg, #4f46e5, #6d28d9); color: #fff;
      font-weight: 800; font-size: 17px; box-shadow: 0 4px 14px rgba(30, 20, 90, .28); position: relative;
      border-radius: 10px; }
    :host([data-edge="right"]) .tab { border-radius: 10px 0 0 10px; }
    :host([data-edge="left"]) .tab { border-radius: 0 10px 10px 0; }
    :host([data-edge="bottom"]) .tab { border-radius: 10px 10px 0 0; }
    :host([data-edge="top"]) .tab { border-radius: 0 0 10px 10px; }
    .tab:focus-visible { outline: 3px solid #f59e0b; outline-offset: -3px; }
    .tab .dot { position: absolute; top: 5px; right: 5px; width: 9px; height: 9px; border-radius: 50%;
      border: 1.5px solid #fff; }
    .dot.personal { background: #22c55e; }
    .dot.corporate { background: #f59e0b; border-radius: 2px; } /* a square: not told by colour alone */
    .card { box-sizing: border-box; max-height: inherit; display: flex; flex-direction: column; background: #fff;
      color: #1d2226; border: 1px solid #e3e1f4; border-radius: 14px;
      box-shadow: 0 8px 28px rgba(30, 20, 90, .16); overflow: hidden; }
    :host([data-animate]) .card { animation: fh-in .16s ease-out; }
    @keyframes fh-in { from { opacity: 0; transform: translateY(6px); } to { opacity: 1; transform: none; } }
    @media (prefers-reduced-motion: reduce) { :host([data-animate]) .card { animation: none; } }
    header { display: flex; align-items: center; gap: 8px; padding: 10px 12px;
      background: linear-gradient(90deg, #4f46e5, #6d28d9); color: #fff; flex: none; }
    .logo { font-weight: 700; letter-spacing: .02em; flex: 1; margin: 0; font-size: 14px; }
    header button { all: unset; cursor: pointer; border-radius: 6px; padding: 2px 8px; font-size: 13px;
      background: rgba(255,255,255,.18); }
    header button:focus-visible { outline: 2px solid #fff; }
    .body { box-sizing: border-box; padding: 12px; display: grid; gap: 10px; align-content: start;
      overflow: auto; min-height: 0; flex: 1; }
    p { margin: 0; }
    .verdict-box { display: grid; gap: 4px; }
    .verdict { display: flex; align-items: center; gap: 8px; font-weight: 600; }
    .chip { border-radius: 999px; padding: 2px 10px; font-size: 12px; font-weight: 600; }
    .chip.personal { background: #dcfce7; color: #14532d; }
    .chip.corporate { background: #fef3c7; color: #78350f; }
    .chip.early { background: #eceef2; color: #374151; }
    .why, .topic, .prompt { color: #4b535c; font-size: 12.5px; }
    .topic b { color: inherit; font-weight: 600; }
    .warn { background: #fff7ed; border: 1px solid #fdba74; color: #7c2d12; border-radius: 10px;
      padding: 8px 10px; font-size: 13px; }
    .note { background: #eef2ff; color: #3730a3; border-radius: 10px; padding: 8px 10px; font-size: 13px; }
    ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
    li button { all: unset; box-sizing: border-box; width: 100%; cursor: pointer; display: grid; gap: 2px;
      padding: 9px 10px; border-radius: 10px; border: 1px solid #d1d5db; background: #fafafa; }
    li button:hover { border-color: #a5b4fc; background: #f5f3ff; }
    li button:focus-visible { outline: 2px solid #4f46e5; outline-offset: 1px; }
    .title { font-weight: 600; }
    /* One line, so a suggestion is no taller than before (the opened panel's least height);
       the preview is cut to fit already (panel-names.js), the ellipsis a last resort. */
    .insert { color: #4338ca; font-size: 12px; font-weight: 600; white-space: nowrap; overflow: hidden;
      text-overflow: ellipsis; }
    .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .muted { color: #4b535c; font-size: 13px; }
    .keys { color: #4b535c; font-size: 12px; }
    /* "Reading your draft…" where the empty panel's hint was, in the hint's room (kept there,
       unseen), so the panel does not change size while a slow server answers. */
    .holds { display: grid; }
    .holds > * { grid-area: 1 / 1; }
    .holds > [aria-hidden] { visibility: hidden; }
    kbd { font: inherit; font-weight: 600; }
    button.link { all: unset; cursor: pointer; color: #4338ca; font-size: 13px; font-weight: 600; }
    button.link:focus-visible { outline: 2px solid #4f46e5; outline-offset: 2px; }
    .note :is(.unpick, .yes) { display: table; margin-top: 4px; font-weight: 500; text-decoration: underline; }
    .pick select { font: inherit; display: block; width: 100%; max-width: 100%; box-sizing: border-box; margin-top: 4px; }
    /* Compact (panel.js: opened over a short window, where the regular card shows little past
       the verdict): tighter, one line each for the verdict, the topic and every suggestion (its
       question and starter in its tooltip, and still read out: only hidden from sight). */
    :host([data-compact="true"]) header { padding: 5px 10px; }
    :host([data-compact="true"]) .body { padding: 8px; gap: 6px; }
    :host([data-compact="true"]) :is(.body, ol) { grid-template-columns: minmax(0, 1fr); } /* lines cut, not wider */
    :host([data-compact="true"]) .verdict-box { display: flex; align-items: center; gap: 6px; min-width: 0; }
    :host([data-compact="true"]) :is(.why, .topic, .title) { white-space: nowrap; overflow: hidden;
      text-overflow: ellipsis; min-width: 0; }
    :host([data-compact="true"]) .why { flex: 1; }
    :host([data-compact="true"]) .verdict { flex: none; max-width: 100%; }
    :host([data-compact="true"]) .chip { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    :host([data-compact="true"]) ol { gap: 4px; }
    :host([data-compact="true"]) li button { display: block; position: relative; padding: 5px 9px; }
    :host([data-compact="true"]) li button .title { display: block; }
    :host([data-compact="true"]) li button :is(.prompt, .insert) { position: absolute; width: 1px; height: 1px;
      overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    :host([data-compact="true"]) :is(.note, .warn) { padding: 5px 8px; font-size: 12.5px; }
    :host([data-compact="true"]) .pick select { display: inline-block; width: auto; margin-top: 0; }
    :host([data-theme="dark"]) .card { background: #1f2328; color: #e8eaed; border-color: #3b3f46; }
    :host([data-theme="dark"]) :is(.why, .topic, .prompt, .muted, .keys) { color: #b4bcc6; }
    :host([data-theme="dark"]) li button { background: #2a2f36; border-color: #4b5058; }
    :host([data-theme="dark"]) li button:hover { background: #312e81; border-color: #6366f1; }
    :host([data-theme="dark"]) :is(.insert, button.link) { color: #c7d2fe; }
    :host([data-theme="dark"]) .warn { background: #431407; border-color: #9a3412; color: #fed7aa; }
    :host([data-theme="dark"]) .note { background: #1e1b4b; color: #c7d2fe; }
    /* Forced colours (Windows High Contrast) drop gradients, backgrounds and shadows and repaint
       every colour: the tab was a bare "F", Hide a word, the verdict's dot the same for both
       verdicts. Borders in system colours outline the controls; the dot keeps its own paint,
       a filled circle (personal) or an empty square (corporate). */
    @media (forced-colors: active) {
      .tab { border: 2px solid ButtonText; background: ButtonFace; color: ButtonText; }
      .tab .dot { forced-color-adjust: none; top: 3px; right: 3px; } /* where it was, inside the border */
      .dot.personal { background: ButtonText; border-color: ButtonFace; }
      .dot.corporate { background: ButtonFace; border-color: ButtonText; border-radius: 0; }
      header { border-bottom: 1px solid CanvasText; }
      header button, .chip { border: 1px solid currentColor; }
      :is(.tab, header button, li button, button.link):focus-visible { outline-color: Highlight; }
      li button:hover { border-color: Highlight; }
      :is(.insert, button.link) { color: LinkText; }
    }
  `;
})(typeof globalThis !== 'undefined' ? globalThis : this);
