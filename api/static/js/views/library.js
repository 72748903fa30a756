/* 文件库: the documents with their 文号, issuer and dates, deletion, and uploads (dropped or chosen, one request per
 * file in turn, with progress and the ingest's report in Chinese). */
import { h, $, clear, loading } from '../dom.js';
import { ApiError, api } from '../api.js';
import { showError, mb, writeErrorBox } from '../messages.js';
import { LEVEL_LABEL, UPLOAD_STATUS, DOC_STATUS } from '../labels.js';
import { docHref } from '../text.js';
import { currentView } from '../router.js';
import { onWriteChange, writeBlocked, writeChanged, writeRequest, dataChanged } from '../write.js';

var uploadQueue = [];
var uploading = false;
var librarySeq = 0;

/** The file picker and drop zone, and the controls writes enable. */
export function initLibrary() {
  var zone = $('#drop-zone');
  var input = $('#library-file');
  $('#library-pick').addEventListener('click', function () { input.click(); });
  input.addEventListener('change', function () {
    queueUploads(input.files);
    input.value = '';
  });
  zone.addEventListener('dragenter', function (ev) { ev.preventDefault(); if (!writeBlocked()) zone.dataset.state = 'over'; });
  zone.addEventListener('dragover', function (ev) {
    ev.preventDefault();
    ev.dataTransfer.dropEffect = writeBlocked() ? 'none' : 'copy';
  });
  zone.addEventListener('dragleave', function (ev) { if (!zone.contains(ev.relatedTarget)) zone.dataset.state = 'idle'; });
  zone.addEventListener('drop', function (ev) {
    ev.preventDefault();
    zone.dataset.state = 'idle';
    queueUploads(ev.dataTransfer.files);
  });
  // A file dropped beside the zone must not make the browser leave the page.
  ['dragover', 'drop'].forEach(function (type) {
    document.addEventListener(type, function (ev) {
      if (currentView() === 'library' && ev.dataTransfer && !zone.contains(ev.target)) {
        ev.preventDefault();
        ev.dataTransfer.dropEffect = 'none';
      }
    });
  });
  onWriteChange(function (why) {
    $('#library-pick').disabled = !!why;
    zone.classList.toggle('is-disabled', !!why);
    zone.setAttribute('aria-disabled', String(!!why));
    var note = $('#upload-disabled');
    note.textContent = why;
    note.hidden = !why;
    var del = $('#delete-disabled');
    del.textContent = why ? '删除文件同样需要管理员令牌。' : '';
    del.hidden = !why;
    document.querySelectorAll('#library-table .doc-delete').forEach(function (b) {
      b.disabled = !!why;
      b.title = why || '删除该文件';
    });
  });
}

/** Show the library (and the token bars). */
export function view() {
  writeChanged();
  loadLibrary();
}

/** Read the documents and paint the table. */
function loadLibrary() {
  var seq = ++librarySeq;
  var table = $('#library-table');
  table.dataset.state = 'loading';
  if (!table.rows.length) {
    clear(table);
    table.appendChild(h('tbody', null, h('tr', null, h('td', null, loading('正在加载文件列表…')))));
  }
  return api('/api/documents').then(function (r) {
    if (seq !== librarySeq) return;
    paintLibrary(r.documents || []);
  }).catch(function (err) {
    if (seq !== librarySeq) return;
    table.dataset.state = 'error';
    clear(table);
    showError($('#library-message'), err);
  });
}

/** The documents newest first, each with a delete button. */
function paintLibrary(docs) {
  var table = clear($('#library-table'));
  var why = writeBlocked();
  docs = docs.slice().sort(function (a, b) {
    return String(b.date || '').localeCompare(String(a.date || '')) || String(a.title || a.id).localeCompare(String(b.title || b.id), 'zh-CN');
  });
  $('#library-count').textContent = '共 ' + docs.length + ' 份文件';
  table.dataset.count = String(docs.length);
  table.appendChild(h('thead', null, h('tr', null,
    ['标题', '文号', '发文机关', '成文日期', '文种', '层级', '任务条目', '操作'].map(function (t, i) {
      return h('th', { scope: 'col', class: i === 6 ? 'col-num' : null }, t);
    }))));
  var body = h('tbody');
  if (!docs.length) {
    body.appendChild(h('tr', null, h('td', { colspan: '8', class: 'muted empty-row' }, '文件库是空的：上传第一份政策文件后，这里将列出文件及其文号、发文机关等信息。')));
  }
  docs.forEach(function (d) {
    var title = d.title || d.id;
    var del = h('button', { type: 'button', class: 'btn btn-small btn-danger doc-delete', title: why || '删除该文件' }, '删除');
    del.disabled = !!why;
    var actions = h('td', { class: 'col-actions' }, del);
    var tr = h('tr', { dataset: { doc: d.id } },
      h('th', { scope: 'row', class: 'col-title' }, h('a', { href: docHref(d.id), class: 'doc-title-link' }, title),
        d.source ? h('div', { class: 'muted small doc-source' }, d.source) : null),
      h('td', { dataset: { field: 'doc_no' }, class: 'nowrap' }, d.doc_no || '—'),
      h('td', { dataset: { field: 'office' } }, d.office || '—'),
      h('td', { dataset: { field: 'date' }, class: 'nowrap' }, d.date || '—'),
      h('td', { dataset: { field: 'kind' }, class: 'nowrap' }, d.kind || '—'),
      h('td', { dataset: { field: 'level' }, class: 'nowrap' }, LEVEL_LABEL[d.level] || '—'),
      h('td', { dataset: { field: 'items' }, class: 'col-num' }, d.items !== undefined && d.items !== null ? String(d.items) : '—'),
      actions);
    del.addEventListener('click', function () { confirmDelete(tr, actions, d, title); });
    body.appendChild(tr);
  });
  table.appendChild(body);
  table.dataset.state = 'ready';
}

/** Ask in place before deleting (cancel puts the button back). */
function confirmDelete(tr, cell, d, title) {
  var back = Array.prototype.slice.call(cell.childNodes);
  tr.classList.add('is-confirming');
  clear(cell).appendChild(h('div', { class: 'confirm-delete', role: 'group', 'aria-label': '确认删除' },
    h('span', { class: 'small' }, '确定删除？'),
    h('button', { type: 'button', class: 'btn btn-small btn-danger doc-delete-confirm', onclick: function (ev) {
      ev.currentTarget.disabled = true;
      deleteDocument(d, title, tr);
    } }, '确认删除'),
    h('button', { type: 'button', class: 'btn btn-small doc-delete-cancel', onclick: function () {
      tr.classList.remove('is-confirming');
      clear(cell);
      back.forEach(function (n) { cell.appendChild(n); });
    } }, '取消')));
  cell.querySelector('.doc-delete-confirm').focus();
}

/** Delete a document, then read the library again. */
function deleteDocument(d, title, tr) {
  var msg = clear($('#library-message'));
  tr.dataset.state = 'deleting';
  writeRequest('DELETE', '/api/documents/' + encodeURIComponent(d.id)).then(function () {
    dataChanged();
    msg.appendChild(h('div', { class: 'alert alert-info', role: 'status', id: 'library-deleted', dataset: { doc: d.id } },
      h('strong', null, '已删除'), h('p', null, '《' + title + '》已从文件库中删除，检索索引已更新。')));
    return loadLibrary();
  }).catch(function (err) {
    tr.dataset.state = 'error';
    msg.appendChild(writeErrorBox(err, '删除失败：《' + title + '》'));
    loadLibrary();
  });
}

/** Queue files for upload, each with its progress row. */
function queueUploads(fileList) {
  var files = Array.prototype.slice.call(fileList || []);
  if (!files.length) return;
  var why = writeBlocked();
  if (why) {
    var msg = clear($('#library-message'));
    msg.appendChild(h('div', { class: 'alert alert-error', role: 'alert', dataset: { errorCode: 'no_token' } }, h('strong', null, '无法上传'), h('p', null, why)));
    return;
  }
  clear($('#library-message'));
  files.forEach(function (f) {
    var item = { file: f, el: null };
    item.el = h('li', { class: 'upload-item', dataset: { status: 'queued', file: f.name } },
      h('div', { class: 'upload-head' },
        h('span', { class: 'upload-name' }, f.name),
        h('span', { class: 'muted small' }, mb(f.size)),
        h('span', { class: 'upload-status' }, UPLOAD_STATUS.queued)),
      h('progress', { max: '100', value: '0', 'aria-label': f.name + ' 上传进度' }),
      h('div', { class: 'upload-detail' }));
    $('#upload-list').appendChild(item.el);
    uploadQueue.push(item);
  });
  if (!uploading) nextUpload();
}

/** An upload row's status and text. */
function setUpload(item, status, text) {
  item.el.dataset.status = status;
  item.el.querySelector('.upload-status').textContent = text || UPLOAD_STATUS[status];
}

/** One request per file, one after another: the server ingests and re-indexes each in turn. */
function nextUpload() {
  var item = uploadQueue.shift();
  if (!item) { uploading = false; return; }
  uploading = true;
  var bar = item.el.querySelector('progress');
  var detail = item.el.querySelector('.upload-detail');
  if (writeBlocked()) {
    setUpload(item, 'error');
    detail.appendChild(writeErrorBox(new ApiError(0, 'no_token', writeBlocked()), '未上传'));
    nextUpload();
    return;
  }
  setUpload(item, 'uploading');
  writeRequest('POST', '/api/documents', item.file, function (fraction) {
    bar.value = Math.round(fraction * 100);
    setUpload(item, fraction >= 1 ? 'processing' : 'uploading', fraction >= 1 ? null : UPLOAD_STATUS.uploading + ' ' + Math.round(fraction * 100) + '%');
  }).then(function (res) {
    bar.value = 100;
    var report = res.body || {};
    var errors = report.errors || [];
    var done = report.ingested || [];
    if (errors.length) {
      setUpload(item, 'error');
      errors.forEach(function (e) { detail.appendChild(writeErrorBox(e.error, '导入失败：' + (e.source || item.file.name))); });
    }
    done.forEach(function (x) {
      if (!errors.length) setUpload(item, x.status === 'unchanged' ? 'unchanged' : 'done');
      detail.appendChild(h('p', { class: 'upload-ok', dataset: { doc: x.doc } },
        x.kind === 'chain' ? '产业链图谱：' : null,
        h('a', { href: x.kind === 'chain' ? '/chains' : docHref(x.doc) }, x.title ? '《' + x.title + '》' : x.doc),
        ' · ' + (DOC_STATUS[x.status] || x.status),
        x.items !== undefined ? ' · ' + x.items + ' 项任务' : '',
        x.units !== undefined ? ' · ' + x.units + ' 个责任单位' : '',
        x.targets !== undefined ? ' · ' + x.targets + ' 项目标' : ''));
    });
    if ((report.warnings || []).length) {
      detail.appendChild(h('p', { class: 'muted small' }, '解析提示 ' + report.warnings.length + ' 条（部分内容可能未能识别）。'));
    }
    if (done.length) { dataChanged(); loadLibrary(); }
  }).catch(function (err) {
    setUpload(item, 'error');
    detail.appendChild(writeErrorBox(err, '导入失败：' + item.file.name));
  }).then(nextUpload);
}
