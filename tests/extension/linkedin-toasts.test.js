'use strict';
/* Where the LinkedIn adapter looks for a published post's link (content/adapters/linkedin.js
   publishedLinks): only in toasts, never in the page's other live regions ([role=alert],
   [role=status]), which may hold colleagues' posts; and which posts it sees the page show
   (postsOnPage), in each feed markup. A tiny DOM stands in for the page: elements
   with tag, attributes and children, and the simple selectors (tag, .class, #id, [attr="v"],
   [attr*="v"], lists) the adapter's toast lookup uses. */
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const EXTENSION = path.resolve(__dirname, '../../extension');

function compoundMatches(el, compound) {
  const parts = compound.match(/^[a-z]+|\.[\w-]+|#[\w-]+|\[[^\]]+\]/gi) || [];
  assert.equal(parts.join(''), compound, `selector not understood here: ${compound}`);
  return parts.every((part) => {
    if (part[0] === '.') return (el.attrs.class || '').split(/\s+/).includes(part.slice(1));
    if (part[0] === '#') return el.attrs.id === part.slice(1);
    if (part[0] === '[') {
      const [, name, op, value] = part.match(/^\[([\w-]+)(?:(\*?=)"([^"]*)")?\]$/);
      if (!(name in el.attrs)) return false;
      if (!op) return true;
      return op === '=' ? el.attrs[name] === value : el.attrs[name].includes(value);
    }
    return el.tag === part.toLowerCase();
  });
}

function matches(el, selector) {
  return selector.split(',').map((s) => s.trim()).some((compound) => compoundMatches(el, compound));
}

/** An element: h('a', {href: …}, child, …). */
function h(tag, attrs = {}, ...children) {
  const el = {
    tag, attrs, children,
    get href() { return new URL(attrs.href, 'https://www.linkedin.com/feed/').href; },
    get dataset() {
      return Object.fromEntries(Object.entries(attrs).filter(([name]) => name.startsWith('data-'))
        .map(([name, value]) => [name.slice(5).replace(/-(\w)/g, (m, c) => c.toUpperCase()), value]));
    },
    getAttribute: (name) => (name in attrs ? attrs[name] : null),
    matches: (selector) => matches(el, selector),
    querySelectorAll: (selector) => descendants(el).filter((d) => matches(d, selector))
  };
  return el;
}

function descendants(el) {
  return el.children.filter((child) => typeof child === 'object') // text is not an element
    .flatMap((child) => [child, ...descendants(child)]);
}

/** The adapter over a page whose body is `body`. */
function adapterOver(body) {
  const context = { URL, URLSearchParams, TextDecoder, location: { href: 'https://www.linkedin.com/feed/' } };
  context.globalThis = context;
  vm.createContext(context);
  vm.runInContext(fs.readFileSync(path.join(EXTENSION, 'lib/share-url.js'), 'utf8'), context);
  vm.runInContext(fs.readFileSync(path.join(EXTENSION, 'lib/tracking-scope.js'), 'utf8'), context);
  context.Firsthand.dom = { queryAll: (selector) => body.querySelectorAll(selector) };
  vm.runInContext(fs.readFileSync(path.join(EXTENSION, 'content/adapters/linkedin.js'), 'utf8'), context);
  return context.Firsthand.LinkedInAdapter;
}

const TODAY = BigInt(Date.now()) << 22n; // LinkedIn ids: unix ms << 22
const id = (n) => (TODAY + BigInt(n)).toString();
const link = (n) => `/feed/update/urn:li:share:${id(n)}/`;
const canonical = (n) => `https://www.linkedin.com/feed/update/urn:li:share:${id(n)}/`;

test('a post link in a live region outside any toast is not taken for a publish', () => {
  const body = h('body', {},
    h('div', { role: 'status', 'aria-live': 'polite' }, h('a', { href: link(1) }, 'New post from a colleague')),
    h('section', { role: 'alert' }, h('p', {}, h('a', { href: link(2) }, 'A colleague mentioned you'))),
    h('a', { role: 'alert', href: link(3) }));
  assert.deepEqual([...adapterOver(body).publishedLinks()], []);
});

test('a post link in a toast is taken, its alert inside it or not', () => {
  const body = h('body', {},
    h('div', { id: 'artdeco-toasts__wormhole' }, h('ul', {}, h('li', {},
      h('div', { class: 'artdeco-toast-item artdeco-toast-item--visible' },
        h('p', { class: 'artdeco-toast-item__message', role: 'alert' },
          h('span', {}, 'Post successful.'), h('a', { class: 'artdeco-toast-item__cta', href: link(4) }, 'View post')))))),
    h('div', { 'data-testid': 'toast' }, h('div', { role: 'status' }, h('a', { href: link(5) }, 'View post'))),
    h('div', { role: 'status' }, h('a', { href: link(6) }, 'A colleague posted')));
  assert.deepEqual([...adapterOver(body).publishedLinks()].sort(), [canonical(4), canonical(5)].sort());
});

test("a toast linking the post's public address (/posts/<slug>-activity-N-…) is taken as that activity", () => {
  const body = h('body', {},
    h('div', { class: 'artdeco-toast-item' },
      h('a', { href: `https://www.linkedin.com/posts/ann-example_my-team-activity-${id(7)}-AbCd/` }, 'View post')),
    h('div', { role: 'status' }, h('a', { href: `/posts/lea-martin_news-activity-${id(8)}-XyZw/` }, 'A colleague posted')));
  assert.deepEqual([...adapterOver(body).publishedLinks()],
    [`https://www.linkedin.com/feed/update/urn:li:activity:${id(7)}/`]);
});

/** A tracking-scope value as the hashed-class feed writes it: the bytes of a JSON in a JSON. */
function trackingScope(inner) {
  const data = [...new TextEncoder().encode(JSON.stringify(inner))];
  return JSON.stringify([{ topicName: 'FeedUpdateServedEvent', breadcrumb: { content: { type: 'Buffer', data } } }]);
}
const activity = (n) => `https://www.linkedin.com/feed/update/urn:li:activity:${id(n)}/`;

test('the posts the page shows, in the classic feed and the hashed-class one', () => {
  const body = h('body', {},
    h('div', { 'data-urn': `urn:li:activity:${id(1)}` }),
    h('div', { role: 'listitem', componentkey: `expandedurn:li:activity:${id(2)}FeedType_MAIN_FEED_RELEVANCE` }),
    h('div', { role: 'listitem', componentkey: 'a9f3', 'data-view-tracking-scope':
      trackingScope({ updateUrn: `urn:li:activity:${id(3)}`, trackingId: 'x==' }) }));
  assert.deepEqual([...adapterOver(body).postsOnPage()], [activity(1), activity(2), activity(3)]);
});

test('a tracking scope that is not what LinkedIn writes names no post (fails soft)', () => {
  const { urnsInTrackingScope } = require('../../extension/lib/tracking-scope.js');
  for (const value of [null, '', 'not json', '{}', '[1]', '[{"breadcrumb":{"content":{"data":[300]}}}]',
    JSON.stringify([{ breadcrumb: { content: { data: 'urn:li:activity:1234567' } } }])]) {
    assert.deepEqual(urnsInTrackingScope(value), [], String(value));
  }
  assert.deepEqual(urnsInTrackingScope(trackingScope({ updateUrn: `urn:li:activity:${id(4)}`,
    reshared: `urn:li:activity:${id(4)}` })), [`urn:li:activity:${id(4)}`]);
});
