/* 目标指标: the plans' quantified targets by year or by industry (each industry's as the server answers for it),
 * with counts and charts, and the incentives (奖励、补贴 …) on their own tab; the filter bar applies to all three. */
import { h, $, clear, uniq, loading, stat } from '../dom.js';
import { api, cached } from '../api.js';
import { showError } from '../messages.js';
import { COMPARATOR, INCENTIVE_KIND } from '../labels.js';
import { roleBadge, sourceLink } from '../text.js';
import { scopeParams, viewUrl, showDocFilter } from '../filters.js';
import { navigate } from '../router.js';
import { barChart, columnChart } from '../charts.js';

var targetsData = null;

/** Forget the targets read last (the documents may have changed). */
export function reset() { targetsData = null; }

/** The grouping tabs and the incentive kind selector (both kept in the address). */
export function initTargets() {
  document.querySelectorAll('#view-targets [role=tab]').forEach(function (b) {
    b.addEventListener('click', function () {
      navigate(viewUrl({ by: b.dataset.group === 'year' ? '' : b.dataset.group, kind: '' }), true);
    });
  });
  $('#incentive-kind').addEventListener('change', function (e) {
    navigate(viewUrl({ by: 'incentive', kind: e.target.value }), true);
  });
}

/** Incentives grouped by document; the kind filter runs in the API (GET /api/incentives?kind=). */
function paintIncentives(kind, filters) {
  var box = clear($('#targets-groups'));
  var msg = $('#targets-message');
  box.appendChild(loading());
  box.dataset.state = 'loading';
  $('#incentive-kind').value = kind;
  var query = Object.assign({ kind: kind }, scopeParams(filters));
  Promise.all([api('/api/incentives', query), cached('/api/documents')]).then(function (res) {
    var r = res[0];
    var titles = {};
    res[1].documents.forEach(function (d) { titles[d.id] = d.title || d.id; });
    clear(box);
    var byDoc = {};
    r.incentives.forEach(function (x) { (byDoc[x.doc] = byDoc[x.doc] || []).push(x); });
    Object.keys(byDoc).sort().forEach(function (doc) {
      box.appendChild(h('section', { class: 'target-group', dataset: { group: doc } },
        h('div', { class: 'group-head' }, h('h2', null, titles[doc] || doc), h('span', { class: 'count' }, byDoc[doc].length + ' 项')),
        h('div', { class: 'target-grid' }, byDoc[doc].map(incentiveCard))));
    });
    if (!r.incentives.length) box.appendChild(h('p', { class: 'muted empty' }, '没有找到符合条件的激励措施。'));
    box.dataset.state = 'done';
    box.dataset.groupBy = 'incentive';
  }).catch(function (err) {
    clear(box);
    box.dataset.state = 'error';
    showError(msg, err);
  });
}

/** One incentive: kind, beneficiary, amount, condition, task and source. */
function incentiveCard(x) {
  return h('article', { class: 'target-card incentive-card', dataset: { kind: x.kind } },
    h('div', { class: 'target-metric' }, h('span', { class: 'tag tag-exact' }, INCENTIVE_KIND[x.kind] || x.kind),
      x.beneficiary ? ' ' + x.beneficiary : ''),
    h('div', { class: 'target-figure' }, h('span', { class: 'num' }, String(x.amount)), h('span', { class: 'unit' }, x.unit)),
    x.condition ? h('div', { class: 'target-qual' }, '条件：' + x.condition) : null,
    h('div', { class: 'target-task' }, h('span', { class: 'task-no' }, x.number),
      h('a', { href: '/graph?focus=' + encodeURIComponent(x.task_id) }, x.task)),
    h('blockquote', { class: 'evidence' }, x.text),
    h('div', { class: 'item-links' }, sourceLink(x.doc, x.evidence, '原文出处')));
}

/** Show the targets by year or industry, or the incentives, of the documents the filters keep. */
export function view() {
  var params = new URLSearchParams(window.location.search);
  var by = ['industry', 'incentive'].indexOf(params.get('by')) >= 0 ? params.get('by') : 'year';
  document.querySelectorAll('#view-targets [role=tab]').forEach(function (b) {
    b.setAttribute('aria-selected', String(b.dataset.group === by));
  });
  $('#incentive-filter').hidden = by !== 'incentive';
  $('#targets-stats').hidden = $('#view-targets .chart-row').hidden = by === 'incentive';
  var msg = clear($('#targets-message'));
  var filters = showDocFilter('targets'), filterKey = JSON.stringify(filters);
  if (by === 'incentive') {
    var kind = params.get('kind') || '';
    paintIncentives(INCENTIVE_KIND[kind] ? kind : '', filters);
    return;
  }
  if (targetsData && targetsData.filterKey === filterKey) { paintTargets(by); return; }
  var groups = clear($('#targets-groups'));
  groups.appendChild(loading());
  groups.dataset.state = 'loading';
  // Targets of the year asked for (their own year), of the documents the filters keep.
  var scope = { doc: filters.doc, issuer: filters.issuer, level: filters.level };
  var targetScope = Object.assign({ year: filters.year }, scope);
  Promise.all([cached('/api/targets', targetScope), cached('/api/tasks', scope), cached('/api/industries')]).then(function (r) {
    var tasksById = {};
    r[1].tasks.forEach(function (t) { tasksById[t.id] = t; });
    var tops = r[2].industries.filter(function (i) { return !i.broader; });
    // Each industry's targets as the server answers 直升机产业有哪些目标: one rule for the search and every tab.
    return Promise.all(tops.map(function (i) {
      return cached('/api/targets', Object.assign({ industry: i.label }, targetScope));
    })).then(function (per) {
      var byIndustry = {};
      tops.forEach(function (i, k) { byIndustry[i.label] = per[k].targets; });
      targetsData = { targets: r[0].targets, tasks: tasksById, industries: r[2].industries, byIndustry: byIndustry,
                      filterKey: filterKey };
      paintTargetStats();
      paintTargets(by);
    });
  }).catch(function (err) {
    clear(groups);
    groups.dataset.state = 'error';
    showError(msg, err);
  });
}

/** Counts and the charts per year and per lead unit. */
function paintTargetStats() {
  var d = targetsData;
  var years = uniq(d.targets.map(function (t) { return t.year; }).filter(Boolean)).sort();
  var taskCount = uniq(d.targets.map(function (t) { return t.task_id; }).filter(Boolean)).length;
  var goals = d.targets.filter(function (t) { return !t.task_id; }).length;
  var box = clear($('#targets-stats'));
  box.appendChild(stat(d.targets.length, '量化目标'));
  box.appendChild(stat(years.length ? years.join('、') : '—', '目标年份'));
  box.appendChild(stat(taskCount, '涉及任务'));
  box.appendChild(stat(goals, '总体目标'));

  var byYear = {};
  d.targets.forEach(function (t) { var y = t.year ? String(t.year) : '未注明'; byYear[y] = (byYear[y] || 0) + 1; });
  columnChart($('#targets-year-chart'), Object.keys(byYear).sort().map(function (y) { return { label: y === '未注明' ? y : y + '年', value: byYear[y] }; }),
    '各年份目标数');

  var byUnit = {};
  d.targets.forEach(function (t) {
    var task = t.task_id ? d.tasks[t.task_id] : null;
    var names = task ? task.lead : ['（总体目标）'];
    names.forEach(function (n) { byUnit[n] = (byUnit[n] || 0) + 1; });
  });
  var units = Object.keys(byUnit).sort(function (a, b) { return byUnit[b] - byUnit[a]; });
  barChart($('#targets-unit-chart'), units.map(function (n) {
    return { label: n, parts: [{ value: byUnit[n], cls: 'bar-lead' }], text: String(byUnit[n]), title: n + '：' + byUnit[n] + ' 项' };
  }), { labelW: 170, barW: 230, right: 40, top: 4, bottom: 4, clip: 12, aria: '各牵头单位目标数', fit: true });
}

/** The targets grouped by year or by top-level industry (the rest in one group). */
function paintTargets(by) {
  var d = targetsData;
  var box = clear($('#targets-groups'));
  var groups = [];
  if (by === 'year') {
    var years = {};
    d.targets.forEach(function (t) { var y = t.year ? String(t.year) : ''; (years[y] = years[y] || []).push(t); });
    Object.keys(years).sort().forEach(function (y) {
      groups.push({ key: y || 'none', title: y ? y + ' 年' : '未注明年份', targets: years[y] });
    });
  } else {
    var tops = d.industries.filter(function (i) { return !i.broader; })
      .sort(function (a, b) { return (b.leading_cluster - a.leading_cluster) || a.label.localeCompare(b.label, 'zh-CN'); });
    var placed = {};
    tops.forEach(function (top) {
      var children = d.industries.filter(function (i) { return i.broader === top.label; }).map(function (i) { return i.label; });
      var list = d.byIndustry[top.label] || [];
      list.forEach(function (t) { placed[t.id] = true; });
      groups.push({ key: top.label, title: top.label, tag: top.leading_cluster ? '主导产业集群' : null, sub: children, targets: list });
    });
    var none = d.targets.filter(function (t) { return !placed[t.id]; });
    groups.push({ key: 'none', title: '未关联具体产业', note: '未标注产业的任务目标和规划总体目标', targets: none });
  }
  groups.forEach(function (g) {
    var sec = h('section', { class: 'target-group', dataset: { group: g.key } },
      h('div', { class: 'group-head' },
        h('h2', null, g.title, g.tag ? h('span', { class: 'tag tag-exact' }, g.tag) : null),
        h('span', { class: 'count' }, g.targets.length + ' 项目标')),
      g.sub && g.sub.length ? h('div', { class: 'chips' }, h('span', { class: 'muted small' }, '细分领域：'), g.sub.map(function (x) { return h('span', { class: 'chip chip-static' }, x); })) : null,
      g.note ? h('p', { class: 'muted small' }, g.note) : null);
    if (g.targets.length) sec.appendChild(h('div', { class: 'target-grid' }, g.targets.map(targetCard)));
    else sec.appendChild(h('p', { class: 'muted empty' }, '暂无量化目标。'));
    box.appendChild(sec);
  });
  box.dataset.state = 'done';
  box.dataset.groupBy = by;
}

/** One target: metric, figure, deadline, task and lead units, source. */
function targetCard(t) {
  var task = t.task_id ? targetsData.tasks[t.task_id] : null;
  var c = COMPARATOR[t.comparator] || { sym: '', word: '' };
  var deadline = t.deadline || (t.year ? '到' + t.year + '年' : '');
  var when = [deadline, t.yearly && deadline.indexOf('每年') === -1 ? '每年' : '', t.year_inferred ? '（年份据规划期推断）' : ''].filter(Boolean).join(' ');
  return h('article', { class: 'target-card', dataset: { year: t.year ? String(t.year) : '', planWide: String(!task) } },
    h('div', { class: 'target-metric' }, t.metric),
    h('div', { class: 'target-figure', title: (c.sym ? c.sym + ' ' : '') + t.value + (t.unit || '') },
      c.word && !c.after ? h('span', { class: 'cmp-word' }, c.word) : null,
      h('span', { class: 'num' }, String(t.value)), h('span', { class: 'unit' }, t.unit || ''),
      c.word && c.after ? h('span', { class: 'cmp-word' }, c.word) : null),
    h('div', { class: 'target-when' }, when),
    t.qualifier ? h('div', { class: 'target-qual' }, '条件：' + t.qualifier) : null,
    h('div', { class: 'target-task' }, task
      ? [h('span', { class: 'task-no' }, task.number), h('a', { href: '/graph?focus=' + encodeURIComponent(task.id) }, task.title)]
      : h('span', { class: 'tag tag-goal', title: '写在规划“工作目标”中，不属于某一项任务' },
        t.via ? '规划总体目标（涵盖全部' + t.via + '）' : '规划总体目标')),
    task && task.lead.length ? h('div', { class: 'target-units' }, roleBadge('lead'), task.lead.join('、')) : null,
    h('blockquote', { class: 'evidence' }, t.text),
    h('div', { class: 'item-links' }, sourceLink(t.doc, t.evidence, '原文出处')));
}
