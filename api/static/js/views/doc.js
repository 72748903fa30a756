/* 原文: a document's text with its metadata, the span of the address (#start-end, in code points) highlighted. */
import { h, $, clear, loading, joinNodes } from '../dom.js';
import { api } from '../api.js';
import { showError } from '../messages.js';
import { LEVEL_LABEL } from '../labels.js';
import { cpSlice, docHref } from '../text.js';
import { currentView, navigatedInApp } from '../router.js';

var docState = { id: null, chars: null, meta: null };

/** Forget the document read last (it may have been replaced or deleted). */
export function reset() { docState = { id: null, chars: null, meta: null }; }

/** A new #start-end in the address re-highlights the document shown. */
export function initDoc() {
  window.addEventListener('hashchange', function () { if (currentView() === 'doc' && docState.chars) paintDoc(); });
}

/** Show the document of the address (read once; a new #start-end only repaints). */
export function view(r) {
  var msg = clear($('#doc-message'));
  var back = $('#doc-back');
  back.onclick = function (ev) {
    if (navigatedInApp()) { ev.preventDefault(); history.back(); }
  };
  if (docState.id === r.doc && docState.chars) { paintDoc(); return; }
  var textEl = clear($('#doc-text'));
  clear($('#doc-meta'));
  $('#doc-heading').textContent = '原文';
  textEl.appendChild(loading('正在加载原文…'));
  textEl.dataset.state = 'loading';
  api('/api/documents/' + encodeURIComponent(r.doc)).then(function (d) {
    docState = { id: r.doc, chars: Array.from(d.text || ''), meta: d };
    paintDoc();
  }).catch(function (err) {
    clear(textEl);
    textEl.dataset.state = 'error';
    showError(msg, err);
  });
}

/** The span of the address's #start-end, or null. */
function parseSpan() {
  var m = window.location.hash.match(/^#(\d+)-(\d+)$/);
  if (!m) return null;
  var a = parseInt(m[1], 10), b = parseInt(m[2], 10);
  return b > a ? { start: a, end: b } : null;
}

/** The term the document gives itself (有效期), as staff write it: "2025-08-01 至 2030-07-31", "至 2025-12-31". */
function validityLabel(d) {
  if (!d.valid_until) return null;
  return (d.valid_from ? d.valid_from + ' 至 ' : '至 ') + d.valid_until;
}

/** The document's metadata and text, the span of the address highlighted and scrolled to. */
function paintDoc() {
  var d = docState.meta, chars = docState.chars;
  $('#doc-heading').textContent = d.title || d.id;
  var meta = clear($('#doc-meta'));
  [['文号', d.doc_no], ['发文机关', d.office], ['成文日期', d.date], ['印发日期', d.printed], ['文种', d.kind], ['层级', LEVEL_LABEL[d.level]],
    ['规划期', d.period ? d.period.join('—') + '年' : null], ['有效期', validityLabel(d)],
    ['任务条目', d.items !== undefined ? d.items + ' 项' : null]]
    .forEach(function (kv) { if (kv[1]) meta.appendChild(h('span', null, h('b', null, kv[0] + '：'), kv[1])); });
  // 依据: what the document cites (a link where the library holds it); 被引用: who cites it.
  var cites = (d.cites || []).map(function (c) {
    var label = '《' + c.title + '》' + (c.implements ? '（贯彻落实）' : '');
    return c.doc ? h('a', { href: docHref(c.doc), class: 'doc-link', dataset: { doc: c.doc } }, label) : h('span', null, label);
  });
  if (cites.length) meta.appendChild(h('span', { class: 'doc-cites' }, h('b', null, '依据：'), joinNodes(cites, '；')));
  var citedBy = (d.cited_by || []).map(function (c) {
    return h('a', { href: docHref(c.doc), class: 'doc-link', dataset: { doc: c.doc } }, c.doc + (c.implements ? '（贯彻落实）' : ''));
  });
  if (citedBy.length) meta.appendChild(h('span', { class: 'doc-cited-by' }, h('b', null, '被引用：'), joinNodes(citedBy, '；')));
  var textEl = clear($('#doc-text'));
  var span = parseSpan();
  var note = $('#doc-span-note');
  if (span && span.end <= chars.length) {
    textEl.appendChild(document.createTextNode(cpSlice(chars, 0, span.start)));
    var mark = h('mark', { id: 'doc-highlight', class: 'doc-highlight', tabindex: '-1' }, cpSlice(chars, span.start, span.end));
    textEl.appendChild(mark);
    textEl.appendChild(document.createTextNode(cpSlice(chars, span.end)));
    textEl.dataset.hlStart = String(span.start);
    textEl.dataset.hlEnd = String(span.end);
    note.hidden = false;
    clear(note).appendChild(h('span', null, '高亮部分为引用的原文（第 ' + (span.start + 1) + '–' + span.end + ' 字）。'));
    requestAnimationFrame(function () { mark.scrollIntoView({ block: 'center' }); });
  } else {
    textEl.appendChild(document.createTextNode(chars.join('')));
    delete textEl.dataset.hlStart;
    delete textEl.dataset.hlEnd;
    note.hidden = !span;
    if (span) clear(note).appendChild(h('span', null, '指定的引用位置超出了文件范围，显示全文。'));
  }
  textEl.dataset.state = 'done';
}
