/* Shared pieces of text: query-term highlighting, links to the source text, figures and role badges. */
import { h, uniq } from './dom.js';
import { ROLE_LABEL, COMPARATOR } from './labels.js';

/** Code-point slicing: the API's spans count Unicode code points (Python str indices). */
export function cpSlice(chars, a, b) { return chars.slice(a, b).join(''); }

/** The source text's address, at a span of code points when one is given. */
export function docHref(doc, start, end) {
  var href = '/doc/' + encodeURIComponent(doc);
  if (typeof start === 'number' && typeof end === 'number') href += '#' + start + '-' + end;
  return href;
}

/** A role badge (牵头 / 配合, or the labels given). */
export function roleBadge(role, labels) {
  var text = (labels || ROLE_LABEL)[role] || role;
  return h('span', { class: 'badge badge-' + (role === 'lead' ? 'lead' : 'co'), dataset: { role: role } }, text);
}

/** A target's figure: comparator, value and unit (≥ 30%). */
export function formatValue(t) {
  var c = COMPARATOR[t.comparator] || { sym: t.comparator || '', word: '' };
  return (c.sym ? c.sym + ' ' : '') + t.value + (t.unit || '');
}

var STOP = ['怎么办', '怎么样', '有哪些', '是哪些', '是什么', '为什么', '怎么', '怎样', '如何', '哪些', '哪个', '哪里', '什么',
  '是否', '有没有', '多少', '请问', '负责', '承担', '任务', '工作', '事项', '情况', '问题', '目标', '可以', '应该', '需要',
  '我们', '一下', '的', '了', '吗', '呢', '吧', '啊', '和', '与', '及', '由', '在', '是', '有', '要', '谁', '哪', '能', '会', '把', '被', '对', '从', '向'];

/** Terms to mark in a passage: the query's content-word runs and their two-character pieces. */
export function queryTerms(query) {
  var q = String(query || '');
  STOP.forEach(function (w) { q = q.split(w).join(' '); });
  var terms = [];
  (q.match(/[\u3400-\u9fff]+|[A-Za-z0-9.%]+/g) || []).forEach(function (run) {
    if (/^[\u3400-\u9fff]+$/.test(run)) {
      if (run.length >= 2) terms.push(run);
      if (run.length > 2) for (var i = 0; i + 2 <= run.length; i++) terms.push(run.slice(i, i + 2));
    } else if (run.length >= 2) {
      terms.push(run);
    }
  });
  return uniq(terms);
}

/** Text with every occurrence of the terms wrapped in <mark>, as DOM nodes (never HTML). */
export function highlighted(text, terms) {
  text = String(text || '');
  var mask = new Array(text.length).fill(false);
  var low = text.toLowerCase();
  (terms || []).forEach(function (t) {
    var needle = t.toLowerCase();
    if (!needle) return;
    var i = low.indexOf(needle);
    while (i !== -1) {
      for (var j = i; j < i + needle.length; j++) mask[j] = true;
      i = low.indexOf(needle, i + 1);
    }
  });
  var frag = document.createDocumentFragment();
  var start = 0;
  for (var k = 1; k <= text.length; k++) {
    if (k === text.length || mask[k] !== mask[start]) {
      var piece = text.slice(start, k);
      frag.appendChild(mask[start] ? h('mark', null, piece) : document.createTextNode(piece));
      start = k;
    }
  }
  return frag;
}

/** Text with the API's spans ([start, end) in code points, sorted, disjoint; counted from `from` in the text they
 * were found in) wrapped in <mark>, as DOM nodes (never HTML): the text is a user's document. */
export function marked(text, spans, from) {
  var chars = Array.from(String(text || ''));
  var frag = document.createDocumentFragment();
  var at = 0;
  (spans || []).forEach(function (sp) {
    var a = Math.max(sp[0] - (from || 0), at), b = Math.min(sp[1] - (from || 0), chars.length);
    if (b <= a) return;  // outside this piece of the text (before `from`, or past its end)
    if (a > at) frag.appendChild(document.createTextNode(cpSlice(chars, at, a)));
    frag.appendChild(h('mark', null, cpSlice(chars, a, b)));
    at = b;
  });
  if (at < chars.length) frag.appendChild(document.createTextNode(cpSlice(chars, at, chars.length)));
  return frag;
}

/** A link to the source text, at the evidence's span when there is one. */
export function sourceLink(doc, ev, text) {
  if (!doc) return null;
  return h('a', { class: 'source-link', href: ev ? docHref(doc, ev.start, ev.end) : docHref(doc) }, text || '查看原文');
}

/** A target as a list item: comparator, value and unit, the metric, and its year. */
export function targetItem(t) {
  return h('li', null, h('span', { class: 'target-value' }, formatValue(t)), ' ', t.metric,
    t.year ? h('span', { class: 'muted' }, '（' + (t.yearly ? '每年，至' : '') + t.year + '年）') : null);
}
