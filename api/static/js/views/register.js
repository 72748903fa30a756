/* 企业名录 (in the chain view): a .csv or .xlsx register previewed row by row against the chains' segments, then
 * imported in place of the current one; the chain shown is read again with its new statuses. */
import { h, $, clear, loading } from '../dom.js';
import { REGISTER_ERRORS, writeErrorBox } from '../messages.js';
import { STAGE_LABEL, STATUS_LABEL, STATUS_ORDER } from '../labels.js';
import { onWriteChange, writeBlocked, writeRequest, dataChanged } from '../write.js';
import { chainUrl, reload as reloadChain } from './chains.js';

var registerState = { file: null, seq: 0 };

/** The register file picker, enabled when writes are possible. */
export function initRegister() {
  var input = $('#register-file');
  $('#register-pick').addEventListener('click', function () { input.click(); });
  input.addEventListener('change', function () {
    var f = input.files && input.files[0];
    input.value = '';
    if (f) previewRegister(f);
  });
  onWriteChange(function (why) {
    $('#register-pick').disabled = !!why;
    var note = $('#register-disabled');
    note.textContent = why;
    note.hidden = !why;
    var confirm = $('#register-confirm');
    if (confirm) confirm.disabled = !!why;
  });
}

/** Ask the server how each row of the file would match (nothing is imported yet). */
function previewRegister(file) {
  var seq = ++registerState.seq;
  registerState.file = file;
  var box = clear($('#register-preview'));
  var msg = clear($('#register-message'));
  box.dataset.state = 'loading';
  box.appendChild(loading('正在读取名录并匹配产业链环节…'));
  writeRequest('POST', '/api/enterprises/preview', file).then(function (res) {
    if (seq !== registerState.seq) return;
    paintRegisterPreview(res.body, file);
  }).catch(function (err) {
    if (seq !== registerState.seq) return;
    clear(box).dataset.state = 'error';
    msg.appendChild(writeErrorBox(err, '无法预览企业名录：' + file.name, REGISTER_ERRORS));
  });
}

/** How a row matched a segment, in Chinese. */
function matchLabel(m) {
  return m.by === 'segment' ? '名录登记为该环节' : '产品匹配：' + (m.terms || []).join('、');
}

var SKIP_REASON = {
  no_name: function () { return '缺少企业名称'; },
  no_products: function (x) { var m = x.message.match(/row \d+: (.*) has neither/); return (m ? '“' + m[1] + '”' : '') + '既没有主营产品，也没有登记产业链环节'; },
  rows_truncated: function (x) { var m = x.message.match(/first (\d+) rows/); return '只读取了前 ' + (m ? m[1] : '') + ' 行，其余行未读取'; }
};

/** The preview: a summary, status changes per chain, each row's matches, the rows skipped, confirm and cancel. */
function paintRegisterPreview(p, file) {
  var box = clear($('#register-preview'));
  var rows = p.rows || [];
  var unmatched = rows.filter(function (r) { return !r.matches.length; });
  var skippedRows = (p.skipped || []).filter(function (x) { return x.row !== null; }).length;
  box.dataset.state = 'ready';
  box.dataset.matched = String(p.matched);
  box.dataset.skipped = String((p.skipped || []).length);
  box.appendChild(h('div', { class: 'alert alert-info', id: 'register-summary', role: 'status' },
    h('strong', null, '预览：' + p.file + '（尚未导入）'),
    h('p', null, '共 ' + (rows.length + skippedRows) + ' 行企业数据：' + p.matched + ' 行匹配到产业链环节，' +
      unmatched.length + ' 行未匹配任何环节（仍会导入），' + skippedRows + ' 行将被跳过；确认后将导入 ' + p.enterprises + ' 家企业。'),
    h('p', null, p.register.loaded
      ? '确认后将替换现有企业名录（现有 ' + p.register.enterprises + ' 家企业）。'
      : '当前尚未导入企业名录；确认后各环节将据此判断缺失、薄弱或已有。')));

  if ((p.chains || []).length) {
    box.appendChild(h('h3', null, '各产业链环节状态变化'));
    box.appendChild(h('div', { class: 'table-wrap' }, h('table', { class: 'data-table', id: 'register-chains' },
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, '产业链'), h('th', { scope: 'col' }, '导入前'), h('th', { scope: 'col' }, '导入后'))),
      h('tbody', null, p.chains.map(function (c) {
        return h('tr', { dataset: { chain: c.id } }, h('th', { scope: 'row' }, c.cluster + ' · ' + c.label),
          h('td', null, countPills(c.before)), h('td', null, countPills(c.after)));
      })))));
  }

  box.appendChild(h('h3', null, '逐行匹配结果'));
  box.appendChild(h('div', { class: 'table-wrap register-rows' }, h('table', { class: 'data-table', id: 'register-rows' },
    h('thead', null, h('tr', null, ['行', '企业名称', '主营产品 / 登记环节', '县区', '规模', '匹配的产业链环节'].map(function (t) { return h('th', { scope: 'col' }, t); }))),
    h('tbody', null, rows.map(function (r) {
      var what = [r.products.length ? r.products.join('、') : '', r.segment ? '登记环节：' + r.segment : ''].filter(Boolean).join('；');
      var match = r.matches.length
        ? h('ul', { class: 'match-list' }, r.matches.map(function (m) {
          return h('li', { dataset: { segment: m.segment, chain: m.chain } },
            h('a', { href: chainUrl(m.cluster, m.segment) }, m.cluster + ' · ' + m.label),
            h('span', { class: 'muted small' }, '（' + (STAGE_LABEL[m.stage] || m.stage) + '，' + matchLabel(m) + '）'));
        }))
        : h('span', { class: 'unmatched' }, r.unmatched === 'unknown_segment'
          ? '未匹配：登记的环节“' + r.segment + '”不在已导入的产业链图谱中'
          : '未匹配：主营产品不含任何环节的名称或关键词');
      return h('tr', { dataset: { row: String(r.row), name: r.name, matched: String(!!r.matches.length) }, class: r.matches.length ? null : 'row-unmatched' },
        h('td', { class: 'col-num' }, String(r.row)),
        h('th', { scope: 'row' }, r.name, r.merged ? h('span', { class: 'muted small' }, '（同名企业，与前面的行合并）') : null),
        h('td', null, what), h('td', null, r.region || ''), h('td', null, r.scale || ''), h('td', null, match));
    })))));

  var skipped = p.skipped || [];
  if (skipped.length) {
    box.appendChild(h('h3', null, '将被跳过的行（' + skipped.length + '）'));
    box.appendChild(h('ul', { class: 'skip-list', id: 'register-skipped' }, skipped.map(function (x) {
      var why = SKIP_REASON[x.code] ? SKIP_REASON[x.code](x) : x.message;
      return h('li', { dataset: { row: x.row === null ? '' : String(x.row), code: x.code } },
        x.row !== null ? h('strong', null, '第 ' + x.row + ' 行：') : null, why,
        SKIP_REASON[x.code] ? null : h('span', { class: 'muted small' }, '（服务器信息）'));
    })));
  }

  var confirm = h('button', { type: 'button', class: 'btn btn-primary', id: 'register-confirm' },
    p.register.loaded ? '确认导入（替换现有名录）' : '确认导入');
  confirm.disabled = !!writeBlocked();
  confirm.addEventListener('click', function () { importRegister(file, confirm); });
  box.appendChild(h('div', { class: 'register-actions' }, confirm,
    h('button', { type: 'button', class: 'btn', id: 'register-cancel', onclick: function () {
      registerState.seq += 1;
      clear($('#register-preview')).dataset.state = 'idle';
    } }, '取消')));
}

/** Counts per status as pills, or a dash. */
function countPills(counts) {
  var keys = STATUS_ORDER.filter(function (st) { return counts && counts[st]; });
  return keys.length ? keys.map(function (st) { return h('span', { class: 'status-pill status-' + st, dataset: { status: st } }, STATUS_LABEL[st] + ' ' + counts[st]); }) : '—';
}

/** Import the previewed file in place of the register, then show the chain again. */
function importRegister(file, button) {
  var seq = ++registerState.seq;
  var box = $('#register-preview');
  var msg = clear($('#register-message'));
  button.disabled = true;
  box.dataset.state = 'importing';
  writeRequest('POST', '/api/enterprises', file).then(function (res) {
    if (seq !== registerState.seq) return;
    clear(box).dataset.state = 'imported';
    msg.appendChild(h('div', { class: 'alert alert-info', role: 'status', id: 'register-imported' },
      h('strong', null, '企业名录已导入'),
      h('p', null, '已从 ' + file.name + ' 导入 ' + res.body.imported + ' 家企业' +
        ((res.body.errors || []).length ? '，跳过 ' + res.body.errors.length + ' 行' : '') + '；各环节状态已更新。')));
    dataChanged();
    reloadChain();
  }).catch(function (err) {
    if (seq !== registerState.seq) return;
    button.disabled = !!writeBlocked();
    box.dataset.state = 'ready';
    msg.appendChild(writeErrorBox(err, '企业名录导入失败', REGISTER_ERRORS));
  });
}
