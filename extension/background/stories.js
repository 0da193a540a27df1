/* Stories worth telling: the Ideas tab's list, opening a story on LinkedIn (the composer then
   knows which story the employee writes about), the draft check against the announcement, and
   a count of new stories on the toolbar icon (can be turned off in the options). */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});
  const { api, storage, handlers } = ns;
  const ALARM = 'firsthand-stories';
  const CHECK_MINUTES = 15;
  const ACTIVE_FOR_MS = 2 * 60 * 60 * 1000; // a story picked in Ideas is "the" story for 2 hours
  // With no story cached, a composer asks the server again, at most this often (this worker's life).
  const EMPTY_RETRY_MS = 60 * 1000;
  let lastFetch = 0;

  /** Where a story starts a LinkedIn post: share-offsite with the personal link, else the feed's composer. */
  function composeUrl(story) {
    const link = story.tracked_link || story.link;
    if (link) return `https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(link)}`;
    return 'https://www.linkedin.com/feed/?shareActive=true';
  }

  /** Stories the employee has not seen in Ideas yet. */
  function unseen(stories, seen) {
    const known = new Set(seen);
    return stories.filter((s) => !known.has(s.id));
  }

  async function refreshBadge(stories) {
    const { storyBadge, seenStories } = await storage.get(['storyBadge', 'seenStories']);
    const count = storyBadge === false ? 0 : unseen(stories, seenStories).length;
    if (!root.chrome || !chrome.action) return count;
    await chrome.action.setBadgeText({ text: count ? String(Math.min(count, 99)) : '' });
    if (count) await chrome.action.setBadgeBackgroundColor({ color: '#4f46e5' });
    return count;
  }

  async function fetchStories() {
    lastFetch = Date.now();
    const reply = await api.request('GET', '/stories');
    if (reply.ok && Array.isArray(reply.data.data)) {
      await storage.set({ stories: reply.data.data });
      await refreshBadge(reply.data.data);
    }
    return reply;
  }

  Object.assign(handlers, {
    /** The Ideas tab: live stories, newest first; opening the tab marks them seen. */
    async stories() {
      const reply = await fetchStories();
      if (reply.ok) {
        await storage.set({ seenStories: reply.data.data.map((s) => s.id) });
        await refreshBadge(reply.data.data);
      }
      return reply;
    },
    async openStory({ story }) {
      await storage.set({ activeStory: { story, at: Date.now() } });
      await chrome.tabs.create({ url: composeUrl(story) });
      return { ok: true };
    },
    /** The story the composer is about: picked in Ideas lately, or named by a link in the draft;
        else the live stories to pick from, and the one the draft's words seem to name. */
    async storyFor({ text }) {
      // Nothing cached (connected before this fetched, or the fetch failed): ask now rather
      // than leave the picker out until the next 15-minute check.
      if (!(await storage.read('stories')).length && Date.now() - lastFetch > EMPTY_RETRY_MS) {
        await fetchStories();
      }
      const { activeStory, stories } = await storage.get(['activeStory', 'stories']);
      const choices = stories.map((s) => ({ id: s.id, title: s.title }));
      const found = ns.storyMatch.find(text || '', stories);
      if (found) return { ok: true, story: found, choices };
      if (activeStory && Date.now() - activeStory.at < ACTIVE_FOR_MS) return { ok: true, story: activeStory.story, choices };
      // Words that seem to name a story are only offered: the employee says yes in one click.
      const likely = ns.storyMatch.likely(text || '', stories);
      return { ok: true, story: null, choices, likely: likely && { id: likely.id, title: likely.title } };
    },
    /** The employee picked the story in the panel. */
    async pickStory({ storyId }) {
      const stories = await storage.read('stories');
      const story = stories.find((s) => s.id === storyId) || null;
      await storage.set({ activeStory: story ? { story, at: Date.now() } : null });
      return { ok: true, story };
    },
    /** A post telling this story was published: it is no longer picked for the next one. */
    async storyTold({ storyId }) {
      const activeStory = await storage.read('activeStory');
      const dropped = Boolean(activeStory && activeStory.story && activeStory.story.id === storyId);
      if (dropped) await storage.set({ activeStory: null });
      return { ok: true, dropped };
    },
    async storyDraftCheck({ storyId, text }) {
      // Its opening, as for suggestions (lib/text-limits.js): a longer draft was refused, and
      // a copy of the announcement went unnoticed.
      const opening = ns.textLimits.openingOf(text, ns.textLimits.STORY_CHECK_TEXT_MAX);
      return api.request('POST', `/stories/${Number(storyId)}/draft-check`, { body: { text: opening } });
    },
    async suggestStory({ line, link }) {
      return api.request('POST', '/story-suggestions', { body: link ? { line, link } : { line } });
    },
    async storyBadgeChanged() {
      const stories = await storage.read('stories');
      return { ok: true, count: await refreshBadge(stories) };
    }
  });

  if (root.chrome && chrome.alarms) {
    chrome.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === ALARM) fetchStories();
    });
    chrome.runtime.onInstalled.addListener(() => chrome.alarms.create(ALARM, { periodInMinutes: CHECK_MINUTES }));
    chrome.runtime.onStartup.addListener(() => {
      chrome.alarms.create(ALARM, { periodInMinutes: CHECK_MINUTES });
      fetchStories();
    });
  }
  ns.stories = { composeUrl, unseen, fetchStories, refreshBadge };
})(typeof globalThis !== 'undefined' ? globalThis : this);
