/* Options: download all my data as a JSON file, delete my account (asks for the email). */
(function () {
  'use strict';
  const { storage } = globalThis.Firsthand;
  const $ = (id) => document.getElementById(id);

  async function connectedUser() {
    const { token, user } = await storage.get(['token', 'user']);
    return token && user ? user : null;
  }

  async function showSection() {
    $('my-data').hidden = !(await connectedUser());
  }

  $('export').addEventListener('click', async () => {
    $('export-result').textContent = 'Preparing your data…';
    const reply = await chrome.runtime.sendMessage({ type: 'exportMyData' });
    if (!reply.ok) {
      $('export-result').textContent = `Could not download your data: ${reply.error}`;
      return;
    }
    const day = new Date().toISOString().slice(0, 10);
    const blob = new Blob([JSON.stringify(reply.data, null, 2)], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `firsthand-my-data-${day}.json`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    $('export-result').textContent = `Downloaded ${link.download}.`;
  });

  $('delete-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const user = await connectedUser();
    const typed = $('delete-email').value.trim().toLowerCase();
    if (!user || typed !== user.email) {
      $('delete-result').textContent = 'Type the email of the connected account exactly.';
      return;
    }
    $('delete-result').textContent = 'Deleting…';
    const reply = await chrome.runtime.sendMessage({ type: 'deleteMyAccount', confirmEmail: typed });
    $('delete-result').textContent = reply.ok
      ? 'Your account and data were deleted, and this browser is disconnected.'
      : `Could not delete your account: ${reply.error}`;
    if (reply.ok) {
      $('delete-email').value = '';
      $('export').disabled = true;
      $('status').textContent = 'Not connected. Your Firsthand account was deleted.';
      $('disconnect').hidden = true;
    }
  });

  storage.onChange(['token', 'user'], showSection);
  showSection();
})();
