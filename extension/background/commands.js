/* The keyboard shortcut (manifest `commands`): show or hide the suggestion panel in the tab
   where it was pressed; with a "Log this share" card shown and no composer being written in, it
   takes the keyboard to the card (content/composer-watcher.js). */
(function () {
  'use strict';

  chrome.commands.onCommand.addListener((command, tab) => {
    if (command !== 'toggle-panel' || !tab || tab.id === undefined) return;
    chrome.tabs.sendMessage(tab.id, { type: 'togglePanel' }).catch(() => {
      // No Firsthand content script in that tab (not a composer site): nothing to toggle.
    });
  });
})();
