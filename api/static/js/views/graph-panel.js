/* The graph's side panel: what the API knows of the node tapped (a task, a unit, an industry or region, a document). */
import { h, $, clear, append, loading, dl } from '../dom.js';
import { cached } from '../api.js';
import { errorBox } from '../messages.js';
import { KIND_LABEL, CLUSTER_ROLE_LABEL, TYPE_LABEL, TYPE_COLOR } from '../labels.js';
import { docHref, formatValue, roleBadge, sourceLink } from '../text.js';

/** A task's public id (<doc>.<ordinal>) from its IRI, or null. */
function taskIdFromIri(iri) {
  var m = String(iri).match(/\/doc\/([^/]+)\/item\/(\d+)$/);
  return m ? decodeURIComponent(m[1]) + '.' + m[2] : null;
}

/** A document's id from its IRI, or null. */
function docIdFromIri(iri) {
  var m = String(iri).match(/\/doc\/([^/]+)$/);
  return m ? decodeURIComponent(m[1]) : null;
}

/** Fill the side panel with what the API knows of the node (fetched lazily, cached). */
export function showNodeDetails(node) {
  var panel = clear($('#node-panel'));
  var type = node.data('type'), label = node.data('label'), id = node.id();
  panel.dataset.nodeId = id;
  panel.appendChild(h('div', { class: 'panel-type', style: 'color:' + (TYPE_COLOR[type] || '#334155') }, TYPE_LABEL[type] || type));
  panel.appendChild(h('h2', { class: 'panel-title' }, label));
  var body = h('div', { class: 'panel-body' }, loading('正在加载详情…'));
  panel.appendChild(body);
  var degree = node.connectedEdges();
  var done = function (content) { if (panel.dataset.nodeId === id) { clear(body); append(body, content); } };
  var fail = function (err) { if (panel.dataset.nodeId === id) { clear(body); body.appendChild(errorBox(err)); } };

  if (type === 'task' || type === 'requirement') {
    var tid = taskIdFromIri(id);
    if (!tid) { done(h('p', { class: 'muted' }, '无法识别任务编号。')); return; }
    cached('/api/tasks/' + encodeURIComponent(tid)).then(function (t) {
      done([
        dl([['编号', t.number], ['类别', KIND_LABEL[t.kind] || t.kind], ['牵头单位', t.lead], ['配合单位', t.co],
          ['涉及产业', t.industries], ['涉及地区', t.regions]]),
        t.targets.length ? h('div', null, h('h3', null, '量化目标'), h('ul', { class: 'target-mini' }, t.targets.map(function (x) {
          return h('li', null, h('span', { class: 'target-value' }, formatValue(x)), ' ', x.metric, x.year ? '（' + x.year + '年）' : '');
        }))) : null,
        t.text ? h('details', { class: 'task-text' }, h('summary', null, '任务原文'), h('p', null, t.text)) : null,
        h('div', { class: 'item-links' }, sourceLink(t.doc, t.evidence, '在文件中查看'),
          h('a', { href: '/?q=' + encodeURIComponent(t.title) }, '检索相关内容'))
      ]);
    }, fail);
  } else if (type === 'unit') {
    Promise.all([cached('/api/units'), cached('/api/units/' + encodeURIComponent(label) + '/tasks')]).then(function (r) {
      var u = r[0].units.filter(function (x) { return x.name === label; })[0] || {};
      var tasks = r[1].tasks;
      done([
        dl([['简称/别名', u.aliases], ['牵头任务', u.lead !== undefined ? u.lead + ' 项' : null], ['配合任务', u.co !== undefined ? u.co + ' 项' : null],
          ['所属集合', u.member_of], ['包含成员', u.members], ['说明', u.collective ? '集合性单位（泛指多个单位）' : null]]),
        tasks.length ? h('div', null, h('h3', null, '承担的任务'), h('ul', { class: 'panel-list' }, tasks.map(function (t) {
          return h('li', null, t.role ? roleBadge(t.role) : null, ' ', h('a', { href: '/graph?focus=' + encodeURIComponent(t.id) }, t.number + ' ' + t.title));
        }))) : null,
        h('div', { class: 'item-links' }, h('a', { href: '/?q=' + encodeURIComponent('哪些任务由' + label + '负责') }, '检索该单位的任务'),
          h('a', { href: '/matrix' }, '责任矩阵'))
      ]);
    }, fail);
  } else if (type === 'industry' || type === 'region') {
    cached('/api/industries').then(function (r) {
      var roles = r.cluster_roles.filter(function (c) { return type === 'industry' ? c.industry === label : c.region === label; });
      var ind = r.industries.filter(function (x) { return x.label === label; })[0];
      var children = r.industries.filter(function (x) { return x.broader === label; }).map(function (x) { return x.label; });
      done([
        ind ? dl([['别名', ind.alt], ['上位产业', ind.broader], ['下位产业', children], ['主导产业集群', ind.leading_cluster ? '是' : null],
          ['相关任务', ind.tasks + ' 项']]) : dl([['相邻节点', degree.length + ' 个']]),
        roles.length ? h('div', null, h('h3', null, type === 'industry' ? '承建地区' : '承建的产业集群'), h('ul', { class: 'panel-list' }, roles.map(function (c) {
          return h('li', null, roleBadge(c.role, CLUSTER_ROLE_LABEL), ' ', type === 'industry' ? c.region : c.industry + '集群', ' ',
            sourceLink(c.evidence.doc, c.evidence, '原文'));
        }))) : null
      ]);
    }, fail);
  } else if (type === 'document') {
    cached('/api/documents').then(function (r) {
      var did = docIdFromIri(id);
      var d = r.documents.filter(function (x) { return x.id === did || x.title === label; })[0];
      if (!d) { done(dl([['相邻节点', degree.length + ' 个']])); return; }
      done([
        dl([['发文机关', d.office], ['成文日期', d.date], ['印发日期', d.printed], ['规划期', d.period ? d.period.join('—') + '年' : null],
          ['任务条目', d.items + ' 项'], ['依据文件', d.references]]),
        h('div', { class: 'item-links' }, h('a', { href: docHref(d.id) }, '阅读全文'))
      ]);
    }, fail);
  } else {
    done(dl([['相邻节点', degree.length + ' 个']]));
  }
}
