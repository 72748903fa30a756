/* The chain view's side panel (the chain's weak spots, or one segment: why its status, the plans' sentences, units,
 * regions, local enterprises, targets, neighbours) and the cluster overview below the diagram. */
import { h, $, clear, dl } from '../dom.js';
import { CLUSTER_ROLE_LABEL, STAGE_LABEL, SEGMENT_KIND_LABEL, STATUS_LABEL } from '../labels.js';
import { docHref, highlighted, roleBadge, sourceLink, targetItem } from '../text.js';

/** A segment as a chip that selects it. */
function segButton(seg, select) {
  return h('button', { type: 'button', class: 'seg-chip status-' + seg.status, dataset: { segmentId: seg.id }, onclick: function () { select(seg.id, true); } },
    seg.policy_priority ? h('span', { class: 'star-inline', 'aria-hidden': 'true' }, '★') : null, seg.label,
    h('span', { class: 'visually-hidden' }, '（' + (STATUS_LABEL[seg.status] || seg.status) + '）'));
}

/** A segment's status as a coloured pill. */
function statusBadge(status) {
  return h('span', { class: 'status-pill status-' + status, dataset: { status: status } }, STATUS_LABEL[status] || status);
}

/** A titled section of the side panel. */
function panelSection(title, content, cls) {
  return h('section', { class: 'panel-section ' + (cls || '') }, h('h3', null, title), content);
}

/** A unit as a chip linking to the graph around it. */
function unitLink(name) {
  return h('a', { class: 'chip', href: '/graph?focus=' + encodeURIComponent(name) }, name);
}

/** The side panel before a segment is selected: the chain's gaps and weak spots, and its policy priorities. */
export function paintChainPanelIntro(data, select) {
  var panel = clear($('#segment-panel'));
  delete panel.dataset.segmentId;
  var button = function (x) { return segButton(x, select); };
  panel.appendChild(h('div', { class: 'panel-type' }, '产业链'));
  panel.appendChild(h('h2', { class: 'panel-title' }, data.label));
  panel.appendChild(h('p', { class: 'muted small' }, '点击图中的环节，查看判断依据、方案原文、对接单位和本地企业。'));
  var order = { gap: 0, unknown: 1, weak: 2, present: 3 };
  var todo = data.segments.filter(function (x) { return x.status === 'gap' || x.status === 'weak'; })
    .sort(function (a, b) { return order[a.status] - order[b.status] || (b.policy_priority - a.policy_priority); });
  if (todo.length) {
    panel.appendChild(panelSection('待补强环节', h('div', { class: 'seg-chips' }, todo.map(button))));
  }
  var pri = data.segments.filter(function (x) { return x.policy_priority; });
  if (pri.length) panel.appendChild(panelSection('政策重点环节', h('div', { class: 'seg-chips' }, pri.map(button))));
  if (!data.register.loaded) panel.appendChild(h('p', { class: 'notice-register small' }, '未导入企业名录：各环节状态待核实。'));
}

/** The side panel of one segment: status and why, the plans' sentences, units, regions, enterprises, targets, neighbours. */
export function paintSegmentPanel(seg, data, select) {
  var panel = clear($('#segment-panel'));
  panel.dataset.segmentId = seg.id;
  var button = function (x) { return segButton(x, select); };
  panel.appendChild(h('div', { class: 'panel-type' },
    (STAGE_LABEL[seg.stage] || seg.stage) + ' · ' + (SEGMENT_KIND_LABEL[seg.kind] || seg.kind)));
  panel.appendChild(h('h2', { class: 'panel-title' }, seg.label));
  panel.appendChild(h('div', { class: 'panel-badges' }, statusBadge(seg.status),
    seg.policy_priority ? h('span', { class: 'status-pill status-priority' }, '★ 政策重点') : null));

  // Why this status
  panel.appendChild(panelSection('判断依据', h('ul', { class: 'reason-list' }, (seg.reasons || []).map(function (r) { return h('li', null, r); })), 'sec-reasons'));

  // Policy sentences
  var pol = seg.policy || [];
  panel.appendChild(panelSection('方案原文' + (pol.length ? '（' + pol.length + ' 处）' : ''), pol.length
    ? h('ol', { class: 'policy-list' }, pol.map(function (p) {
      return h('li', { class: 'policy-item', dataset: { taskId: p.task_id || '' } },
        h('div', { class: 'policy-head' },
          h('span', { class: 'task-no' }, p.number),
          h('a', { class: 'task-link', href: '/graph?focus=' + encodeURIComponent(p.task_id) }, p.task),
          p.priority ? h('span', { class: 'tag tag-exact' }, '★ 政策重点') : null),
        h('blockquote', { class: 'evidence' }, highlighted(p.text, p.matched || [])),
        (p.calls || []).length ? h('div', { class: 'muted small' }, '要求用语：' + p.calls.join('、')) : null,
        h('div', { class: 'item-links' },
          h('a', { class: 'source-link', href: docHref(p.doc, p.start, p.end) }, '原文出处'),
          h('a', { href: '/graph?focus=' + encodeURIComponent(p.task_id) }, '任务详情')));
    }))
    : h('p', { class: 'muted' }, '已导入的规划方案未直接提及该环节。'), 'sec-policy'));

  // Units
  var contact = seg.contact || [];
  var others = (seg.units || []).filter(function (u) { return contact.indexOf(u) === -1; });
  panel.appendChild(panelSection('对接单位', contact.length || others.length
    ? h('div', null,
      contact.length ? h('div', { class: 'unit-row' }, h('span', { class: 'unit-role' }, '建议对接（牵头）'), h('div', { class: 'chips' }, contact.map(unitLink))) : null,
      others.length ? h('div', { class: 'unit-row' }, h('span', { class: 'unit-role' }, '相关单位'), h('div', { class: 'chips' }, others.map(unitLink))) : null)
    : h('p', { class: 'muted' }, '方案未就该环节指定责任单位。'), 'sec-units'));

  // Regions
  var regions = seg.regions || [];
  panel.appendChild(panelSection('承载地区', regions.length
    ? h('ul', { class: 'panel-list' }, regions.map(function (r) {
      return h('li', null, roleBadge(r.role, CLUSTER_ROLE_LABEL), r.region);
    }))
    : h('p', { class: 'muted' }, '方案未指定承载地区。'), 'sec-regions'));

  // Enterprises
  var ents;
  if (!data.register.loaded) {
    ents = h('p', { class: 'notice-register' }, '未导入企业名录，无法判断本地是否已有该环节企业。');
  } else if (!(seg.enterprise_details || []).length) {
    ents = h('p', { class: 'muted' }, '企业名录（共 ' + data.register.enterprises + ' 家）中没有该环节的企业。');
  } else {
    ents = h('ul', { class: 'enterprise-list' }, seg.enterprise_details.map(function (e) {
      return h('li', { class: 'enterprise', dataset: { name: e.name } },
        h('div', { class: 'enterprise-name' }, e.name, e.scale ? h('span', { class: 'tag tag-goal' }, e.scale) : null),
        h('div', { class: 'muted small' }, [e.region, e.products && e.products.length ? '产品：' + e.products.join('、') : '',
          /^segment$/.test(e.matched) ? '名录登记为该环节' : (e.matched ? '按' + String(e.matched).replace(/^products: /, '产品匹配：') : '')].filter(Boolean).join(' · ')));
    }));
  }
  panel.appendChild(panelSection('本地企业' + (data.register.loaded ? '（' + (seg.enterprises || []).length + ' 家）' : ''), ents, 'sec-enterprises'));

  // Targets
  var targets = seg.targets || [];
  if (targets.length) panel.appendChild(panelSection('相关目标', h('ul', { class: 'target-mini' }, targets.map(targetItem)), 'sec-targets'));

  // Neighbours
  var ups = data.segments.filter(function (x) { return (x.next || []).indexOf(seg.id) !== -1; });
  var downs = (seg.next || []).map(function (id) { return data.segments.filter(function (x) { return x.id === id; })[0]; }).filter(Boolean);
  if (ups.length || downs.length) {
    panel.appendChild(panelSection('上下游', h('div', null,
      ups.length ? h('div', { class: 'unit-row' }, h('span', { class: 'unit-role' }, '上游环节'), h('div', { class: 'seg-chips' }, ups.map(button))) : null,
      downs.length ? h('div', { class: 'unit-row' }, h('span', { class: 'unit-role' }, '下游环节'), h('div', { class: 'seg-chips' }, downs.map(button))) : null), 'sec-neighbours'));
  }

  // Where the segment comes from
  if (seg.source) panel.appendChild(panelSection('环节划分依据', h('p', { class: 'source-note' }, seg.source), 'sec-source'));
}

/** The cluster below the diagram: its regions, the chain's tasks and the cluster's targets. */
export function paintChainOverview(data) {
  var box = clear($('#chain-overview'));
  var card = h('section', { class: 'card', id: 'chain-summary' },
    h('div', { class: 'card-head' }, h('h2', null, '集群概况：' + data.cluster)),
    dl([['产业链', data.label], ['企业名录', data.register.loaded ? '已导入 ' + data.register.enterprises + ' 家企业' : '未导入（各环节状态待核实）'],
      ['图谱依据', data.source]]));
  var regions = data.regions || [];
  card.appendChild(h('h3', null, '承载地区'));
  card.appendChild(regions.length
    ? h('ul', { class: 'panel-list', id: 'chain-regions' }, regions.map(function (r) {
      return h('li', { dataset: { region: r.region } }, roleBadge(r.role, CLUSTER_ROLE_LABEL), h('strong', null, r.region), ' ',
        h('span', { class: 'muted' }, r.industry + '集群'), ' ',
        r.evidence ? sourceLink(r.evidence.doc, r.evidence, '原文') : null,
        r.evidence && r.evidence.text ? h('blockquote', { class: 'evidence' }, highlighted(r.evidence.text, [r.region])) : null);
    }))
    : h('p', { class: 'muted', id: 'chain-regions' }, '方案未指定该集群的承载地区。'));
  box.appendChild(card);

  var tasks = data.chain_policy || [];
  if (tasks.length) {
    box.appendChild(h('section', { class: 'card', id: 'chain-policy' },
      h('div', { class: 'card-head' }, h('h2', null, '产业链相关任务'), h('span', { class: 'muted small' }, '方案中涉及该集群或补链、延链、招商等要求的任务')),
      h('ul', { class: 'chain-task-list' }, tasks.map(function (t) {
        return h('li', null,
          h('span', { class: 'task-no' }, t.number),
          h('a', { href: '/graph?focus=' + encodeURIComponent(t.id) }, t.title),
          (t.calls || []).filter(function (c) { return c !== '产业链'; }).map(function (c) { return h('span', { class: 'tag tag-exact' }, c); }),
          t.lead && t.lead.length ? h('span', { class: 'units muted small' }, roleBadge('lead'), t.lead.join('、')) : null);
      }))));
  }
  var targets = data.targets || [];
  if (targets.length) {
    box.appendChild(h('section', { class: 'card', id: 'chain-targets' },
      h('div', { class: 'card-head' }, h('h2', null, '集群目标')),
      h('ul', { class: 'target-mini' }, targets.map(targetItem))));
  }
}
