/* The exact answer card of a search: the graph's answers to the question's intent, grouped by document
 * when they come from several, with "did you mean" for a unit name the graph does not know. */
import { h, uniq, joinNodes } from '../dom.js';
import { cached } from '../api.js';
import { ROLE_LABEL, CLUSTER_ROLE_LABEL, INTENT_LABEL, STAGE_LABEL, STATUS_LABEL } from '../labels.js';
import { highlighted, formatValue, roleBadge, sourceLink } from '../text.js';
import { viewUrl } from '../filters.js';

/** What the question was understood to be about: unit, task, industry, region, year, role. */
function entitySummary(ents) {
  var names = { unit: '单位', task: '任务', industry: '产业', region: '地区', year: '年份' };
  var parts = [];
  Object.keys(names).forEach(function (k) {
    if (ents && ents[k]) parts.push(h('span', { class: 'entity' }, names[k] + '：', h('strong', null, String(ents[k]))));
  });
  if (ents && ents.role && ents.role !== 'any') parts.push(h('span', { class: 'entity' }, '角色：', h('strong', null, ROLE_LABEL[ents.role] || ents.role)));
  return parts;
}

/** The server's note on an answer, in Chinese when it is one the page knows. */
function translateNote(note) {
  var m = String(note || '').match(/^(.*) is not named as a responsible unit in any ingested plan$/);
  if (m) return '“' + m[1] + '”不是已导入规划中的责任单位，因此没有精确答案；下面是语义相关的条目。';
  return note;
}

/** The exact answer card: a summary line, then the answers (grouped by document when from several). */
export function renderAnswer(answer, terms) {
  var items = answer.answers || [];
  var card = h('section', { class: 'card answer-card', id: 'answer', dataset: { intent: answer.intent, answerCount: String(items.length) } });
  var head = h('div', { class: 'card-head' },
    h('h2', null, h('span', { class: 'tag tag-exact' }, '精确答案'), ' ', INTENT_LABEL[answer.intent] || '结构化回答'),
    h('div', { class: 'entities' }, entitySummary(answer.entities)));
  card.appendChild(head);

  if (!items.length) {
    card.appendChild(h('p', { class: 'muted' }, answer.note ? translateNote(answer.note) : '图谱中没有符合条件的答案。'));
    var ents = answer.entities || {};
    if (ents.suggestions && ents.suggestions.length && ents.unit) {
      // "市科机局负责什么" -> the same question about each close name.
      card.appendChild(h('p', { class: 'suggestions' }, '您是不是要找：', joinNodes(ents.suggestions.map(function (name) {
        var q = answer.question.split(ents.unit).join(name);
        return h('a', { class: 'chip suggestion', href: viewUrl({ q: q }), dataset: { unit: name } }, name);
      }), ' ')));
    }
    return card;
  }
  var summary = '共 ' + items.length + ' 项';
  var leads = items.filter(function (a) { return a.role === 'lead'; }).length;
  if (answer.intent === 'tasks_of_unit' || answer.intent === 'units_of_task') {
    summary += '，其中牵头 ' + leads + ' 项、配合 ' + (items.length - leads) + ' 项';
  }
  var docs = uniq(items.map(function (a) { return a.doc; }).filter(Boolean));
  if (docs.length > 1) summary += '，分属 ' + docs.length + ' 份文件';
  card.appendChild(h('p', { class: 'answer-summary' }, summary + '。'));

  if (docs.length <= 1) {
    var list = h('ol', { class: 'answer-list', id: 'answer-list' });
    items.forEach(function (a) { list.appendChild(renderAnswerItem(answer.intent, a, terms, answer.entities)); });
    card.appendChild(list);
    return card;
  }
  // Answers from several documents: one group per document, titled once the document list arrives.
  var groups = h('div', { class: 'answer-groups', id: 'answer-list' });
  docs.forEach(function (doc) {
    var title = h('h3', { class: 'answer-doc' }, doc);
    var ol = h('ol', { class: 'answer-list' });
    items.filter(function (a) { return a.doc === doc; }).forEach(function (a) { ol.appendChild(renderAnswerItem(answer.intent, a, terms, answer.entities)); });
    groups.appendChild(h('section', { class: 'answer-group', dataset: { doc: doc } }, title, ol));
  });
  cached('/api/documents').then(function (r) {
    var titles = {};
    r.documents.forEach(function (d) { titles[d.id] = d.title || d.id; });
    groups.querySelectorAll('.answer-group').forEach(function (g) {
      g.querySelector('.answer-doc').textContent = titles[g.dataset.doc] || g.dataset.doc;
    });
  }, function () { /* the ids stay as titles */ });
  card.appendChild(groups);
  return card;
}

/** One answer, shaped by the intent: role, task number, unit, figure, segment status … */
function renderAnswerItem(intent, a, terms, ents) {
  var ev = a.evidence;
  var li = h('li', { class: 'answer-item', dataset: { role: a.role || '' } });
  var main;
  if (intent === 'tasks_of_unit') {
    main = h('div', { class: 'answer-main' }, roleBadge(a.role),
      h('span', { class: 'task-no' }, a.number), h('span', { class: 'answer-title' }, a.title));
  } else if (intent === 'units_of_task') {
    main = h('div', { class: 'answer-main' }, roleBadge(a.role), h('span', { class: 'answer-title' }, a.unit),
      h('span', { class: 'muted' }, '　任务 ' + a.number + ' ' + a.title));
  } else if (intent === 'targets') {
    main = h('div', { class: 'answer-main' },
      h('span', { class: 'target-value' }, formatValue(a)), h('span', { class: 'answer-title' }, a.metric),
      h('span', { class: 'muted' }, '　' + [a.deadline || (a.year ? a.year + '年' : ''), a.title ? '任务：' + a.title : '总体目标'].filter(Boolean).join(' · ')));
  } else if (intent === 'clusters_of_region' || intent === 'regions_of_cluster') {
    main = h('div', { class: 'answer-main' }, roleBadge(a.role, CLUSTER_ROLE_LABEL),
      h('span', { class: 'answer-title' }, a.region), h('span', { class: 'muted' }, '　' + a.industry + '集群'));
  } else if (intent === 'chain_gaps') {
    // One card per segment: its stage and status, why, and a way into the chain view.
    main = h('div', { class: 'answer-main' },
      h('span', { class: 'status-pill status-' + a.status, dataset: { status: a.status } }, STATUS_LABEL[a.status] || a.status),
      h('span', { class: 'answer-title' }, a.segment),
      h('span', { class: 'muted' }, '　' + (STAGE_LABEL[a.stage] || '') + (a.policy_priority ? ' · 方案重点' : '')));
    li.dataset.segment = a.id;
    li.appendChild(main);
    if (a.reasons && a.reasons.length) li.appendChild(h('ul', { class: 'reasons small' }, a.reasons.map(function (r) { return h('li', null, r); })));
    main.appendChild(h('span', { class: 'item-links' },
      h('a', { href: '/chains?cluster=' + encodeURIComponent((ents && ents.chain) || '') + '&segment=' + encodeURIComponent(a.id) }, '产业链图')));
    return li;
  } else if (intent === 'segment_policy') {
    main = h('div', { class: 'answer-main' }, h('span', { class: 'task-no' }, a.number), h('span', { class: 'answer-title' }, a.title),
      a.calls ? h('span', { class: 'muted' }, '　' + a.calls) : null);
  } else {
    // An intent this page does not know yet: its title, never raw JSON.
    main = h('div', { class: 'answer-main' }, h('span', { class: 'answer-title' }, a.title || a.unit || a.segment || a.text || '（无标题）'));
  }
  var links = h('span', { class: 'item-links' }, sourceLink(a.doc, ev, '原文出处'));
  if (a.id && /^[^/]+\.\d+$/.test(a.id)) links.appendChild(h('a', { href: '/graph?focus=' + encodeURIComponent(a.id) }, '图谱'));
  main.appendChild(links);
  li.appendChild(main);
  if (ev && ev.text) {
    li.appendChild(h('blockquote', { class: 'evidence' }, highlighted(ev.text, terms)));
  }
  return li;
}
