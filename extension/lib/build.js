/* Building DOM nodes safely: children are nodes or strings, and strings are always text. */
(function (root) {
  'use strict';
  const ns = (root.Firsthand = root.Firsthand || {});

  /** Build an element with attributes, event handlers (onclick: fn) and text or node children. */
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'class') node.className = value;
      else if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  ns.el = el;
})(typeof globalThis !== 'undefined' ? globalThis : this);
