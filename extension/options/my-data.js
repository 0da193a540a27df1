/* Options: download all my data as a JSON file, delete my account (asks for the email). */
(function () {
  'use strict';
  const { storage, t } = globalThis.Firsthand;
  const $ = (id) => document.getElementById(id);

  async function connectedUser() {
    const { token, user } = await storage.get(['token', 'user']);
    return token && user ? user : null;
  }

  // Set once the account is being deleted: the section then stays, its answer ("deleted")
  // readable, though deleting disconnects this browser (which hides it otherwise).
  let deleting = false;

  async function showSection() {
    $('my-data').hidden = !deleting && !(await connectedUser());
  }

  $('export').addEventListener('click', async () => {
    $('export-result').textContent = t('optPreparing');
    const reply = await chrome.runtime.sendMessage({ type: 'exportMyData' });
    if (!reply.ok) {
      $('export-result').textContent = t('optExportFailed', reply.error);
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
    $('export-result').textContent = t('optDownloaded', link.download);
  });

  $('delete-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const user = await connectedUser();
    const typed = $('delete-email').value.trim().toLowerCase();
    if (!user || typed !== user.email) {
      $('delete-result').textContent = t('optTypeEmail');
      return;
    }
    $('delete-result').textContent = t('optDeleting');
    deleting = true;
    const reply = await chrome.runtime.sendMessage({ type: 'deleteMyAccount', confirmEmail: typed });
    $('delete-result').textContent = reply.ok
      ? t('optDeleted')
      : t('optDeleteFailed', reply.error);
    if (!reply.ok) deleting = false;
    if (reply.ok) {
      $('delete-email').value = '';
      $('export').disabled = true;
      $('status').textContent = t('optDeletedStatus');
      $('disconnect').hidden = true;
    }
  });

  storage.onChange(['token', 'user'], showSection);
  showSection();
})();
