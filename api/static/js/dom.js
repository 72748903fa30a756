/* DOM helpers. Server text only ever reaches the page through text nodes (h() and s() below);
 * innerHTML is never used. */

var SVG_NS = 'http://www.w3.org/2000/svg';

/** Append a child: a node, a string or number (as text), or an array of them; null, undefined and false add nothing. */
export function append(el, child) {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) { child.forEach(function (c) { append(el, c); }); return; }
  el.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
}

/** Set attributes: class, text, dataset, on<event> handlers; null, undefined and false leave one out. */
function setAttrs(el, attrs) {
  Object.keys(attrs || {}).forEach(function (k) {
    var v = attrs[k];
    if (v === null || v === undefined || v === false) return;
    if (k === 'class') el.setAttribute('class', v);
    else if (k === 'text') el.textContent = v;
    else if (k === 'dataset') Object.keys(v).forEach(function (d) { el.dataset[d] = v[d]; });
    else if (k.slice(0, 2) === 'on' && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  });
}

/** h('div', {class: 'x'}, 'text', child, [children]) */
export function h(tag, attrs) {
  var el = document.createElement(tag);
  setAttrs(el, attrs);
  for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
  return el;
}

/** The same as h() for SVG elements. */
export function s(tag, attrs) {
  var el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
  return el;
}

/** The first element matching the selector (in root, else the document). */
export function $(sel, root) { return (root || document).querySelector(sel); }
/** Remove every child; returns the element. */
export function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); return el; }
/** The array without repeats, in first-seen order. */
export function uniq(xs) { return xs.filter(function (x, i) { return xs.indexOf(x) === i; }); }

/** The nodes with sep between each two (for a list written out in a sentence). */
export function joinNodes(nodes, sep) {
  var out = [];
  nodes.forEach(function (n, i) { if (i) out.push(sep); out.push(n); });
  return out;
}

/** A spinner with a line of text, shown while something loads. */
export function loading(text) {
  return h('div', { class: 'loading' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text || '正在加载…');
}

/** One figure of a stats row (a number over its label). */
export function stat(value, label) {
  return h('div', { class: 'stat' }, h('span', { class: 'stat-value' }, String(value)), h('span', { class: 'stat-label' }, label));
}

/** A definition list of the pairs that have a value (arrays joined with 、). */
export function dl(pairs) {
  var el = h('dl', { class: 'kv' });
  pairs.forEach(function (p) {
    if (p[1] === null || p[1] === undefined || p[1] === '' || (Array.isArray(p[1]) && !p[1].length)) return;
    el.appendChild(h('dt', null, p[0]));
    el.appendChild(h('dd', null, Array.isArray(p[1]) ? p[1].join('、') : p[1]));
  });
  return el;
}
