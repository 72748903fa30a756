/* 责任矩阵: units × tasks of the documents the filters keep (● 牵头, ○ 配合), sortable and filtered by a unit's
 * name or alias, above it each unit's workload as stacked bars. */
import { h, $, clear, loading, joinNodes } from '../dom.js';
import { api, cached } from '../api.js';
import { showError } from '../messages.js';
import { ROLE_LABEL, KIND_LABEL } from '../labels.js';
import { docFilters, scopeParams, showDocFilter } from '../filters.js';
import { barChart } from '../charts.js';

var matrixData = null;
var matrixSort = { key: 'total', dir: -1 };

/** Forget the table built last (the tasks may have changed). */
export function reset() { matrixData = null; }

/** The sort selector and the unit filter. */
export function initMatrix() {
  $('#matrix-sort').addEventListener('change', function (ev) {
    matrixSort = { key: ev.target.value, dir: ev.target.value === 'name' ? 1 : -1 };
    paintMatrix();
  });
  $('#matrix-filter').addEventListener('input', paintMatrix);
}

/** Show the matrix of the documents the filters keep (built once per filter setting). */
export function view() {
  var msg = clear($('#matrix-message'));
  var filters = showDocFilter('matrix'), key = JSON.stringify(filters);
  if (matrixData && matrixData.key === key) { paintMatrix(); return; }
  var table = clear($('#matrix-table'));
  table.dataset.state = 'loading';
  clear($('#workload-chart')).appendChild(loading());
  // The tasks of the documents the filters keep; units and their aliases come from the whole library.
  Promise.all([cached('/api/tasks', scopeParams(filters)), cached('/api/units')]).then(function (r) {
    if (JSON.stringify(docFilters()) !== key) return;  // the filters changed while loading
    var tasks = r[0].tasks;
    var rows = {};
    tasks.forEach(function (t) {
      [['lead', t.lead], ['co', t.co]].forEach(function (pair) {
        pair[1].forEach(function (name) {
          var row = rows[name] || (rows[name] = { name: name, lead: 0, co: 0, cells: {} });
          row[pair[0]] += 1;
          row.cells[t.id] = pair[0];
        });
      });
    });
    // Each row is found by its name or any alias: 市科技局, 科技局 and 市科学技术局 are one unit.
    var aliases = {};
    r[1].units.forEach(function (u) { aliases[u.name] = [u.name].concat(u.aliases || []); });
    var list = Object.keys(rows).map(function (k) { rows[k].names = aliases[k] || [k]; return rows[k]; });
    matrixData = { key: key, tasks: tasks, rows: list };
    // The workload of the tasks shown, counted as the table counts them (by unit name).
    paintWorkloadChart(list);
    paintMatrix();
  }).catch(function (err) {
    clear($('#workload-chart'));
    table.dataset.state = 'error';
    showError(msg, err);
  });
}

/** "Did you mean": the server's close unit names for a filter that matches none, as buttons that set it. */
function suggestUnits(filter, where) {
  api('/api/tasks', { unit: filter }).catch(function (err) {
    var names = (err.params && err.params.suggestions) || [];
    if (!names.length || $('#matrix-filter').value.trim() !== filter) return;
    where.appendChild(h('span', { class: 'suggestions' }, ' 您是不是要找：', joinNodes(names.map(function (name) {
      return h('button', { type: 'button', class: 'chip suggestion', dataset: { unit: name }, onclick: function () {
        $('#matrix-filter').value = name;
        paintMatrix();
      } }, name);
    }), ' ')));
  });
}

/** The rows in the chosen order (ties: more lead tasks first, then by name). */
function sortRows(rows) {
  var k = matrixSort.key, dir = matrixSort.dir;
  return rows.slice().sort(function (a, b) {
    if (k === 'name') return dir * a.name.localeCompare(b.name, 'zh-CN');
    var va = k === 'total' ? a.lead + a.co : a[k], vb = k === 'total' ? b.lead + b.co : b[k];
    if (va !== vb) return dir * (va - vb);
    if (a.lead !== b.lead) return b.lead - a.lead;
    return a.name.localeCompare(b.name, 'zh-CN');
  });
}

/** The table: sortable headers, a row per unit, a column per task, counts below. */
function paintMatrix() {
  if (!matrixData) return;
  var table = clear($('#matrix-table'));
  var filter = $('#matrix-filter').value.trim();
  var rows = sortRows(matrixData.rows).filter(function (r) {
    return !filter || r.names.some(function (n) { return n.indexOf(filter) !== -1; });
  });
  $('#matrix-sort').value = matrixSort.key;

  function sortHeader(key, text, cls) {
    var active = matrixSort.key === key;
    return h('th', { scope: 'col', class: 'sortable ' + (cls || ''), 'aria-sort': active ? (matrixSort.dir > 0 ? 'ascending' : 'descending') : 'none' },
      h('button', { type: 'button', dataset: { sort: key }, onclick: function () {
        matrixSort = { key: key, dir: active ? -matrixSort.dir : (key === 'name' ? 1 : -1) };
        paintMatrix();
      } }, text, h('span', { class: 'sort-ind', 'aria-hidden': 'true' }, active ? (matrixSort.dir > 0 ? '▲' : '▼') : '↕')));
  }

  var headRow = h('tr', null, sortHeader('name', '责任单位', 'col-unit'), sortHeader('lead', '牵头', 'col-num'),
    sortHeader('co', '配合', 'col-num'), sortHeader('total', '合计', 'col-num'));
  matrixData.tasks.forEach(function (t) {
    headRow.appendChild(h('th', { scope: 'col', class: 'col-task kind-' + t.kind, title: t.number + ' ' + t.title + '（' + (KIND_LABEL[t.kind] || '') + '）' },
      h('a', { href: '/graph?focus=' + encodeURIComponent(t.id) },
        h('span', { class: 'task-num' }, t.number), h('span', { class: 'task-vert' }, t.title))));
  });
  table.appendChild(h('thead', null, headRow));

  var tbody = h('tbody');
  rows.forEach(function (r) {
    var tr = h('tr', { dataset: { unit: r.name } },
      h('th', { scope: 'row', class: 'col-unit' }, h('a', { href: '/graph?focus=' + encodeURIComponent(r.name) }, r.name)),
      h('td', { class: 'col-num' + (r.lead ? ' num-lead' : ' num-zero') }, String(r.lead)), h('td', { class: 'col-num' }, String(r.co)),
      h('td', { class: 'col-num num-total' }, String(r.lead + r.co)));
    matrixData.tasks.forEach(function (t) {
      var role = r.cells[t.id];
      tr.appendChild(role
        ? h('td', { class: 'cell cell-' + role, title: r.name + ' · ' + t.number + ' ' + t.title + ' · ' + ROLE_LABEL[role], dataset: { role: role } },
          h('span', { 'aria-hidden': 'true' }, role === 'lead' ? '●' : '○'), h('span', { class: 'visually-hidden' }, ROLE_LABEL[role]))
        : h('td', { class: 'cell' }));
    });
    tbody.appendChild(tr);
  });
  if (!rows.length) {
    var cell = h('td', { colspan: String(4 + matrixData.tasks.length), class: 'muted' }, '没有匹配的单位。');
    tbody.appendChild(h('tr', null, cell));
    suggestUnits(filter, cell);
  }
  table.appendChild(tbody);

  var foot = h('tr', null, h('th', { scope: 'row', class: 'col-unit' }, '责任单位数'), h('td'), h('td'), h('td'));
  matrixData.tasks.forEach(function (t) { foot.appendChild(h('td', { class: 'cell cell-count' }, String(t.lead.length + t.co.length))); });
  table.appendChild(h('tfoot', null, foot));
  table.dataset.rowCount = String(rows.length);
  table.dataset.state = 'done';
}

/** Horizontal stacked bars (lead + co) per unit, drawn in SVG. */
function paintWorkloadChart(units) {
  var box = $('#workload-chart');
  var data = units.filter(function (u) { return u.lead + u.co > 0; })
    .sort(function (a, b) { return (b.lead + b.co) - (a.lead + a.co) || b.lead - a.lead; });
  barChart(box, data.map(function (u) {
    return {
      label: u.name, parts: [{ value: u.lead, cls: 'bar-lead' }, { value: u.co, cls: 'bar-co' }],
      text: (u.lead ? u.lead + ' + ' : '') + u.co, title: u.name + '：牵头 ' + u.lead + ' 项，配合 ' + u.co + ' 项',
      attrs: { class: 'bar-row', dataset: { unit: u.name } }
    };
  }), { labelW: 230, barW: 520, right: 60, top: 8, bottom: 24, clip: 15, grid: true, aria: '各单位牵头与配合任务数' });
  if (data.length) box.dataset.barCount = String(data.length);
}
