/* On the Firsthand server's connect page. Opening a link spends nothing (mail scanners open
   links too): the page asks "Connect this browser", and with the extension here we answer for
   the person by submitting that form; the page it leads to (/connect/done) carries the token we
   hand over. Not when this browser is connected as someone else (a colleague's link, opened to
   have a look), or to another server: then we ask first, and keeping the connection leaves the
   link unspent. Its words come from lib/i18n.js (loaded before this file), which asks the service
   worker for the _locales files when chrome.i18n has lost them, as in the other content
   scripts: we speak once those words are there (messagesReady). */
(function (root) {
  'use strict';
  const box = document.getElementById('firsthand-connect');
  if (!box) return;
  const { t, messagesReady } = root.Firsthand;

  // The page offers "Connect this browser" only where the extension is (a press without it
  // would spend the link for a token nobody receives): show it, and drop the "install the
  // extension first" notice, at once, before the words below are ready.
  const form = document.getElementById('firsthand-connect-form');
  if (form && box.dataset.state === 'confirm') {
    document.documentElement.dataset.firsthandExtension = 'present';
    form.hidden = false;
    const notice = document.getElementById('firsthand-no-extension');
    if (notice) notice.hidden = true;
  }

  /* The page's words for what we say here (data-say-connecting, -done, -failed-<kind>,
     -reload), which the server writes in the page's language: the page is in the language its
     visitor prefers for pages, which may not be the browser's UI language our own words follow,
     and one screen should speak one language. Our own words only on a server without them. */
  const said = (name) => box.dataset[`say${name.replace(/(^|_)(.)/g, (_, __, c) => c.toUpperCase())}`];

  function failedSaying(reply) {
    if (!reply) return said('reload') || t('connectFailed', t('connectNoAnswer'));
    // connectFailed ends in its own full stop: the reason's would make "names..".
    const reason = String(reply.error || t('connectNoAnswer')).replace(/\.$/, '');
    return said(`failed_${reply.kind}`) || said('reload') || t('connectFailed', reason);
  }

  /** On a used link's page: say who this browser is connected as, if it is connected to this
      server (the person may only have opened the link again), so they know nothing is left to do. */
  function sayWhoIsConnected() {
    return root.chrome.runtime.sendMessage({ type: 'connectedHere' }).then((reply) => {
      const name = reply && reply.ok && reply.data.name;
      if (!name) return;
      const words = said('connected_as');
      box.textContent = words ? words.replace('{name}', () => name) : t('connectAlreadyAs', name);
      box.hidden = false;
    }).catch(() => {});
  }

  /** Who this browser is connected as now ({here, name, id, elsewhere}, background/router.js),
      or null when the worker does not say. */
  function connectedNow() {
    return root.chrome.runtime.sendMessage({ type: 'connectedHere' })
      .then((reply) => (reply && reply.ok ? reply.data : null), () => null);
  }

  /** Whether pressing for this link would switch a connected browser to someone else: connected
      to this server as another person, or as a person the page does not name (an older server's
      page says no id), or connected to another server, whose person this page cannot know. */
  function wouldSwitch(now, linkUserId) {
    if (!now) return false;
    if (now.elsewhere) return true;
    return Boolean(now.here) && !(linkUserId && String(now.id) === linkUserId);
  }

  function press() {
    box.textContent = said('connecting') || t('connectConnecting');
    form.requestSubmit();
  }

  /** The page's words for `name` with {current} / {origin} filled in, else the extension's. */
  function pageOr(name, subs, own) {
    const words = said(name);
    return words ? words.replace(/\{(current|origin)\}/g, (m, k) => (k in subs ? subs[k] : m)) : own();
  }

  /** Ask before switching: "connected as A (or to another server). This link is for B. Switch?",
      with a button for each answer. Keeping A spends nothing: the link still works for B. */
  function askFirst(now) {
    const person = box.dataset.userName; // undefined on a page that does not say whose link it is
    const named = person !== undefined;
    const current = String(now.name || '');
    const where = now.here
      ? pageOr('switch_current', { current }, () => t('connectSwitchCurrent', current))
      : pageOr('switch_elsewhere', { origin: now.elsewhere }, () => t('connectSwitchElsewhere', now.elsewhere));
    const words = named
      ? {
          question: pageOr('switch_question', {}, () => t('connectSwitchQuestion', person)),
          button: pageOr('switch_button', {}, () => t('connectSwitchButton', person)),
          kept: pageOr('switch_kept', {}, () => t('connectSwitchKept', person))
        }
      : {
          question: t('connectSwitchQuestionUnknown'),
          button: t('connectSwitchButtonUnknown'),
          kept: t('connectSwitchKeptUnknown')
        };
    const keep = now.here
      ? pageOr('switch_keep', { current }, () => t('connectSwitchKeep', current))
      : pageOr('switch_keep_elsewhere', {}, () => t('connectSwitchKeepElsewhere'));
    box.dataset.state = 'switch';
    box.textContent = `${where} ${words.question}`;
    // Only these two answers: "Connect this browser" and the by-hand path (which hands the
    // token to this extension too) would switch without the question.
    form.hidden = true;
    const byHand = document.getElementById('firsthand-by-hand');
    if (byHand) byHand.hidden = true;
    const choices = document.createElement('div');
    choices.id = 'firsthand-switch';
    const choice = (label, secondary, chosen) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = label;
      if (secondary) button.className = 'secondary';
      button.addEventListener('click', () => {
        choices.remove();
        chosen();
      });
      return button;
    };
    choices.append(
      choice(words.button, false, press),
      choice(keep, true, () => {
        box.dataset.state = 'kept';
        box.textContent = `${where} ${words.kept}`;
      })
    );
    box.after(choices);
  }

  function connectHere() {
    if (box.dataset.state === 'used') return sayWhoIsConnected();
    if (form && box.dataset.state === 'confirm') {
      return connectedNow().then((now) => (wouldSwitch(now, box.dataset.userId) ? askFirst(now) : press()));
    }
    if (!box.dataset.token) return;
    box.textContent = said('connecting') || t('connectConnecting');
    return root.chrome.runtime
      .sendMessage({ type: 'connect', server: box.dataset.server, token: box.dataset.token })
      .then((reply) => {
        box.dataset.state = reply && reply.ok ? 'connected' : 'failed';
        if (reply && reply.ok) forgetToken();
        box.textContent = reply && reply.ok
          ? said('done') || t('connectDone', reply.data.user.name)
          : failedSaying(reply);
      })
      .catch(() => {
        box.dataset.state = 'failed';
        box.textContent = said('reload') || t('connectReload');
      });
  }

  /** Connected: the token leaves the page (its "by hand" disclosure showed it to anyone
      looking at the screen, or at a screenshot of it, with nothing left to paste it into). */
  function forgetToken() {
    delete box.dataset.token;
    const byHand = document.getElementById('firsthand-token-by-hand');
    if (byHand) byHand.remove();
  }

  messagesReady.then(connectHere);
})(typeof globalThis !== 'undefined' ? globalThis : this);
