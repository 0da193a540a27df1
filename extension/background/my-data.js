/* The employee's own data, for the options page: download all of it, or delete the
   account (the server asks for the account's email as confirmation). */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});
  const { api, handlers } = ns;

  handlers.exportMyData = async function () {
    return api.request('GET', '/me/export');
  };

  handlers.deleteMyAccount = async function ({ confirmEmail }) {
    const reply = await api.request('DELETE', '/me', { body: { confirm_email: confirmEmail } });
    if (reply.ok) {
      // The account is gone: forget the connection and what was the account's (lib/storage.js).
      await handlers.disconnect();
    }
    return reply;
  };
})(typeof globalThis !== 'undefined' ? globalThis : this);
