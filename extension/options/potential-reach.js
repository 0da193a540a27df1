/* Options: potential reach, the connection or follower counts the employee may enter per
   network. Optional; kept on their Firsthand server apart from impressions and clicks, and
   never presented as either. An empty field removes the count. */
(function (root) {
  'use strict';
  const { el, storage, t } = root.Firsthand;
  const $ = (id) => document.getElementById(id);
  const NETWORKS = [['linkedin', 'LinkedIn'], ['x', 'X (Twitter)'], ['facebook', 'Facebook']];
  const LARGEST = 1000000000;

  /** A field's count: a whole number in range, null when empty, undefined when invalid. */
  function countOf(input) {
    const text = input.value.replace(/[\s,.\u00a0\u202f']/g, '');
    if (text === '') return null;
    if (!/^\d+$/.test(text)) return undefined;
    const value = Number(text);
    return value <= LARGEST ? value : undefined;
  }

  function field([key, label]) {
    // Disabled until load() has the stored counts: typed before, they were overwritten.
    const input = el('input', { id: `potential-${key}`, name: key, type: 'text', inputmode: 'numeric',
      autocomplete: 'off', 'aria-describedby': 'potential-help', disabled: true });
    return el('label', {}, t('optionsPotentialLabel', label), input);
  }

  let loads = 0; // a connection change reloads: only the latest load's answer is shown

  async function load() {
    const mine = ++loads;
    const reply = await chrome.runtime.sendMessage({ type: 'potentialReach' });
    if (mine !== loads) return;
    const form = $('potential-form');
    form.querySelectorAll('input, button').forEach((node) => { node.disabled = !reply.ok; });
    if (!reply.ok) {
      // Not this account's counts to show (disconnected, or another one connected since).
      for (const [key] of NETWORKS) $(`potential-${key}`).value = '';
      $('potential-result').textContent = reply.kind === 'not_connected' || reply.kind === 'unauthorized'
        ? t('optionsPotentialOffline') : t('optionsPotentialFailed', reply.error || reply.kind);
      return;
    }
    for (const [key] of NETWORKS) {
      const value = reply.data.networks[key];
      $(`potential-${key}`).value = Number.isInteger(value) ? String(value) : '';
    }
  }

  async function save(event) {
    event.preventDefault();
    $('potential-result').textContent = ''; // a new answer replaces the last one
    const networks = {};
    for (const [key] of NETWORKS) {
      const input = $(`potential-${key}`);
      const value = countOf(input);
      input.setAttribute('aria-invalid', String(value === undefined));
      if (value === undefined) {
        $('potential-result').textContent = t('optionsPotentialInvalid');
        input.focus();
        return;
      }
      networks[key] = value;
    }
    const reply = await chrome.runtime.sendMessage({ type: 'setPotentialReach', networks });
    $('potential-result').textContent = reply.ok ? t('optionsPotentialSaved')
      : t('optionsPotentialFailed', reply.error || reply.kind);
    if (reply.ok) await load();
  }

  $('potential-h').textContent = t('optionsPotentialHeading');
  $('potential-help').textContent = t('optionsPotentialHelp');
  $('potential-save').textContent = t('optionsPotentialSave');
  $('potential-fields').replaceChildren(...NETWORKS.map(field));
  $('potential-form').addEventListener('submit', save);
  // The counts are the connected account's: read again when the connection changes on this
  // page (Connect by hand, Disconnect) or elsewhere (a connect link).
  storage.onChange(['token', 'server'], () => {
    $('potential-result').textContent = ''; // the last answer was about the last connection
    load();
  });
  load();
})(globalThis);
