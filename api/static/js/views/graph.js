/* 关系图谱: the graph around a focus in cytoscape (loaded on first use), expanded node by node; a node's
 * details go to the side panel (views/graph-panel.js), and a list of the nodes serves keyboard users. */
import { h, $, clear } from '../dom.js';
import { ApiError, api } from '../api.js';
import { showError } from '../messages.js';
import { TYPE_LABEL, TYPE_COLOR, TYPE_SHAPE } from '../labels.js';
import { navigate } from '../router.js';
import { showNodeDetails } from './graph-panel.js';

var cy = null;
var cyLoading = null;
var graphSeq = 0;

/** The vendored cytoscape, loaded as a classic script on the graph view's first use. */
function loadCytoscape() {
  if (window.cytoscape) return Promise.resolve(window.cytoscape);
  if (!cyLoading) {
    cyLoading = new Promise(function (resolve, reject) {
      var el = document.createElement('script');
      el.src = '/static/vendor/cytoscape.min.js';
      el.onload = function () { resolve(window.cytoscape); };
      el.onerror = function () { cyLoading = null; reject(new ApiError(0, 'network', '图谱组件加载失败，请刷新页面重试。')); };
      document.head.appendChild(el);
    });
  }
  return cyLoading;
}

var FONT = '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif';

/** Cytoscape's style: node colours and shapes by type, edge styles by relation. */
function graphStyle() {
  var st = [
    { selector: 'node', style: {
      'label': 'data(short)', 'font-family': FONT, 'font-size': 11, 'color': '#1f2937',
      'text-wrap': 'wrap', 'text-max-width': 96, 'text-valign': 'bottom', 'text-margin-y': 4,
      'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': 1,
      'width': 26, 'height': 26, 'border-width': 2, 'border-color': '#ffffff'
    } },
    { selector: 'node[?focus]', style: { 'width': 40, 'height': 40, 'font-size': 13, 'font-weight': 'bold', 'border-color': '#111827', 'border-width': 3 } },
    { selector: 'node[?expanded]', style: { 'border-color': '#111827', 'border-style': 'double', 'border-width': 4 } },
    { selector: 'node:selected', style: { 'overlay-color': '#f59e0b', 'overlay-opacity': 0.25, 'overlay-padding': 6 } },
    // A crowded view labels only what orients: the focus, documents, units and well-connected nodes;
    // the others show theirs when selected or hovered.
    { selector: 'node.quiet', style: { 'label': '' } },
    { selector: 'node.quiet:selected, node.quiet.hover', style: { 'label': 'data(short)' } },
    { selector: 'edge', style: {
      'width': 1.2, 'line-color': '#cbd5e1', 'curve-style': 'bezier', 'target-arrow-shape': 'triangle',
      'target-arrow-color': '#cbd5e1', 'arrow-scale': 0.7
    } },
    { selector: 'edge[type = "lead"]', style: { 'width': 4, 'line-color': '#dc2626', 'target-arrow-color': '#dc2626', 'line-style': 'solid' } },
    { selector: 'edge[type = "co"]', style: { 'width': 1.5, 'line-color': '#9ca3af', 'target-arrow-color': '#9ca3af', 'line-style': 'dashed', 'line-dash-pattern': [6, 4] } },
    { selector: 'edge[type = "leads_cluster"]', style: { 'width': 3, 'line-color': '#f97316', 'target-arrow-color': '#f97316' } },
    { selector: 'edge[type = "co_builds_cluster"]', style: { 'line-color': '#fdba74', 'target-arrow-color': '#fdba74', 'line-style': 'dashed' } },
    { selector: 'edge[type = "broader"]', style: { 'line-color': '#6ee7b7', 'target-arrow-color': '#6ee7b7' } },
    { selector: 'edge[type = "has_member"]', style: { 'line-color': '#fcd34d', 'target-arrow-color': '#fcd34d', 'line-style': 'dotted' } },
    { selector: 'edge[type = "mentions"]', style: { 'line-color': '#93c5fd', 'target-arrow-color': '#93c5fd', 'line-style': 'dotted' } }
  ];
  Object.keys(TYPE_COLOR).forEach(function (t) {
    st.splice(1, 0, { selector: 'node[type = "' + t + '"]', style: { 'background-color': TYPE_COLOR[t], 'shape': TYPE_SHAPE[t] } });
  });
  return st;
}

/** The legend and the focus form, fit and relayout buttons. */
export function initGraphView() {
  var legend = $('#graph-legend');
  legend.appendChild(h('span', { class: 'legend-title' }, '节点：'));
  Object.keys(TYPE_LABEL).forEach(function (t) {
    legend.appendChild(h('span', { class: 'legend-item', dataset: { type: t } },
      h('span', { class: 'legend-dot shape-' + TYPE_SHAPE[t], style: 'background:' + TYPE_COLOR[t] }), TYPE_LABEL[t]));
  });
  legend.appendChild(h('span', { class: 'legend-title' }, '关系：'));
  legend.appendChild(h('span', { class: 'legend-item' }, h('span', { class: 'legend-line line-lead' }), '牵头'));
  legend.appendChild(h('span', { class: 'legend-item' }, h('span', { class: 'legend-line line-co' }), '配合'));
  legend.appendChild(h('span', { class: 'legend-item' }, h('span', { class: 'legend-line line-other' }), '其他（属于、涉及、上位产业等）'));

  $('#graph-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var box = $('#graph-focus');
    var focus = box.value.trim();
    if (box.dataset.focusLabel && focus === box.dataset.focusLabel) focus = box.dataset.focusId;  // unchanged name
    var depth = $('#graph-depth').value;
    var qs = new URLSearchParams();
    if (focus) qs.set('focus', focus);
    if (depth !== '1') qs.set('depth', depth);
    var url = '/graph' + (qs.toString() ? '?' + qs.toString() : '');
    navigate(url, url === window.location.pathname + window.location.search);
  });
  $('#graph-fit').addEventListener('click', function () { if (cy) cy.fit(undefined, 30); });
  $('#graph-relayout').addEventListener('click', function () { if (cy) runLayout(true); });
}

/** A node's label cut to fit under it. */
function shortLabel(label) {
  label = String(label || '').replace(/^(\d+\.) /, '$1');  // "9.发掘…": no space for the wrap to break at
  return label.length > 18 ? label.slice(0, 17) + '…' : label;
}

/** A node of the API as a cytoscape element. */
function nodeData(n, focusIds) {
  return { group: 'nodes', data: { id: n.id, label: n.label, short: shortLabel(n.label), type: n.type, focus: focusIds.indexOf(n.id) !== -1 } };
}

/** An edge of the API as a cytoscape element (its id from source, type and target). */
function edgeData(e) {
  return { group: 'edges', data: { id: e.source + '|' + e.type + '|' + e.target, source: e.source, target: e.target, type: e.type } };
}

var CROWDED = 30;  // nodes beyond which labels are thinned out

/** Thin labels out in a crowded view, and list the nodes for keyboard users (the canvas is not focusable). */
function tidyGraph() {
  var crowded = cy.nodes().length > CROWDED;
  var roots = cy.nodes('[?focus]');
  var near = roots.union(roots.neighborhood('node'));
  cy.nodes().forEach(function (n) {
    // The focus and its neighbours keep their labels (without a focus: documents and busy units).
    var keep = !crowded || (roots.length ? near.contains(n) : n.data('type') === 'document' || n.degree() >= 6);
    n.toggleClass('quiet', !keep);
  });
  var list = $('#graph-node-list');
  // The list is drawn anew after each expansion: the button that had the focus gets it back.
  var focused = list.contains(document.activeElement) ? document.activeElement.dataset.node : null;
  clear(list);
  var types = Object.keys(TYPE_LABEL);
  cy.nodes().toArray().sort(function (a, b) {
    return types.indexOf(a.data('type')) - types.indexOf(b.data('type')) ||
      String(a.data('label')).localeCompare(String(b.data('label')), 'zh-CN', { numeric: true });
  }).forEach(function (n) {
    list.appendChild(h('li', null, h('button', { type: 'button', class: 'node-button', dataset: { node: n.id(), type: n.data('type') },
      onclick: function () { cy.nodes().unselect(); n.select(); cy.animate({ center: { eles: n } }, { duration: 200 }); onNodeTap(n); } },
      h('span', { class: 'legend-dot shape-' + TYPE_SHAPE[n.data('type')], style: 'background:' + (TYPE_COLOR[n.data('type')] || '#9ca3af') }),
      (TYPE_LABEL[n.data('type')] || '') + '：' + n.data('label'))));
  });
  $('#graph-node-count').textContent = String(cy.nodes().length);
  if (focused) {
    var again = Array.prototype.find.call(list.querySelectorAll('button'), function (b) { return b.dataset.node === focused; });
    if (again) again.focus();
  }
}

/** The canvas's data-* hooks and the status line, after each render. */
function updateGraphHooks(state) {
  var el = $('#cy');
  if (cy && state === 'ready') tidyGraph();
  el.dataset.nodeCount = String(cy ? cy.nodes().length : 0);
  el.dataset.edgeCount = String(cy ? cy.edges().length : 0);
  el.dataset.state = state;
  el.dataset.renders = String((parseInt(el.dataset.renders || '0', 10) || 0) + 1);
  var status = $('#graph-status');
  status.textContent = cy ? cy.nodes().length + ' 个节点 · ' + cy.edges().length + ' 条关系' : '';
}

/** Rings by distance from the focus nodes (force-directed when asked, or when nothing is in focus). */
function runLayout(force) {
  var roots = cy.nodes('[?focus]');
  var opts;
  if (force || roots.empty()) {
    var n = cy.nodes().length;
    opts = {
      name: 'cose', animate: false, randomize: true, fit: true, padding: 30, nodeDimensionsIncludeLabels: true,
      nodeRepulsion: function () { return 12000; }, idealEdgeLength: function () { return n > 40 ? 70 : 110; },
      nodeOverlap: 16, gravity: 0.5, numIter: 1500, componentSpacing: 80
    };
  } else {
    var dist = {};
    var typeRank = { document: 0, unit: 1, task: 2, requirement: 3, industry: 4, region: 5 };
    cy.elements().bfs({ roots: roots, directed: false, visit: function (v, e, u, i, depth) { dist[v.id()] = depth; return undefined; } });  // a truthy return would stop the search
    var maxD = 0;
    Object.keys(dist).forEach(function (k) { maxD = Math.max(maxD, dist[k]); });
    // Within a ring, nodes go round by type, then by label (the fraction below orders them).
    var order = cy.nodes().toArray().sort(function (a, b) {
      return (typeRank[a.data('type')] || 0) - (typeRank[b.data('type')] || 0) ||
        String(a.data('label')).localeCompare(String(b.data('label')), 'zh-CN', { numeric: true });
    });
    var pos = {};
    order.forEach(function (node, i) { pos[node.id()] = 1 - (i + 1) / (order.length + 1); });
    opts = {
      name: 'concentric', animate: false, fit: true, padding: 40, avoidOverlap: true,
      minNodeSpacing: 64, startAngle: 1.5 * Math.PI,
      concentric: function (node) { var d = dist[node.id()]; return (d === undefined ? 0 : (maxD + 1 - d) * 100) + pos[node.id()]; },
      levelWidth: function () { return 50; }
    };
  }
  cy.layout(opts).run();
  if (cy.zoom() > 1.25) { cy.zoom(1.25); cy.center(); }
}

/** The one cytoscape instance, created on first use (window.__cy is a test hook). */
function ensureCy() {
  return loadCytoscape().then(function (cytoscape) {
    if (cy) { cy.resize(); return cy; }
    cy = cytoscape({
      container: $('#cy'), style: graphStyle(), elements: [],
      minZoom: 0.2, maxZoom: 3, boxSelectionEnabled: false
    });
    window.__cy = cy;
    cy.on('tap', 'node', function (evt) { onNodeTap(evt.target); });
    cy.on('mouseover', 'node', function (evt) { evt.target.addClass('hover'); });
    cy.on('mouseout', 'node', function (evt) { evt.target.removeClass('hover'); });
    return cy;
  });
}

/** Show the graph around the address's focus, to its depth. */
export function view() {
  var params = new URLSearchParams(window.location.search);
  var focus = (params.get('focus') || '').trim();
  var depth = params.get('depth') || '1';
  if (['1', '2', '3'].indexOf(depth) === -1) depth = '1';
  $('#graph-focus').value = focus;
  delete $('#graph-focus').dataset.focusId;
  delete $('#graph-focus').dataset.focusLabel;
  $('#graph-depth').value = depth;
  var msg = clear($('#graph-message'));
  var seq = ++graphSeq;
  $('#cy').dataset.state = 'loading';
  $('#graph-status').textContent = '正在加载图谱…';
  Promise.all([ensureCy(), api('/api/graph', { focus: focus, depth: depth })]).then(function (r) {
    if (seq !== graphSeq) return;
    var g = r[1];
    cy.elements().remove();
    cy.add(g.nodes.map(function (n) { return nodeData(n, g.focus || []); }));
    cy.add(g.edges.map(edgeData));
    runLayout(false);
    clear($('#node-panel')).appendChild(h('p', { class: 'muted' }, focus
      ? '已显示“' + focus + '”周围 ' + depth + ' 层的关系。点击节点可展开并查看详情。'
      : '未指定中心节点，显示全部规划文件及其任务。点击节点可展开并查看详情。'));
    if (g.truncated) msg.appendChild(h('div', { class: 'alert alert-info' }, '节点过多，仅显示离中心最近的部分节点。'));
    var focusNode = cy.nodes('[?focus]');
    if (focusNode.length === 1) {
      focusNode.select();
      showNodeDetails(focusNode);
      // An id in the address (a task's "<doc>.4", an IRI) shows as the node's name in the box; the id stays
      // behind it for the next submit. A name the user typed stays as typed.
      if (!/[\u4e00-\u9fff]/.test(focus) || /\.\d+$/.test(focus)) {
        var box = $('#graph-focus');
        box.value = focusNode.data('label');
        box.dataset.focusId = focus;
        box.dataset.focusLabel = focusNode.data('label');
      }
    }
    updateGraphHooks('ready');
  }).catch(function (err) {
    if (seq !== graphSeq) return;
    if (cy) cy.elements().remove();
    showError(msg, err);
    updateGraphHooks('error');
  });
}

/** The graph API takes a node IRI as focus; IRIs longer than its limit go by label instead. */
function focusKey(node) {
  var id = node.id();
  return id.length <= 200 ? id : node.data('label');
}

/** A tapped node: its details, and its neighbours added around it (once). */
function onNodeTap(node) {
  showNodeDetails(node);
  if (node.data('expanded')) return;
  var seq = graphSeq;
  $('#cy').dataset.state = 'expanding';
  api('/api/graph', { focus: focusKey(node), depth: 1 }).then(function (g) {
    if (seq !== graphSeq) return;
    var center = node.position();
    var fresh = g.nodes.filter(function (n) { return cy.getElementById(n.id).empty(); });
    var added = cy.add(fresh.map(function (n) { return nodeData(n, []); }));
    added.forEach(function (n, i) {
      var a = (2 * Math.PI * i) / Math.max(1, added.length);
      n.position({ x: center.x + 120 * Math.cos(a), y: center.y + 120 * Math.sin(a) });
    });
    cy.add(g.edges.filter(function (e) { return cy.getElementById(e.source + '|' + e.type + '|' + e.target).empty(); }).map(edgeData));
    node.data('expanded', true);
    if (added.length) runLayout(false);
    updateGraphHooks('ready');
    $('#graph-status').textContent += added.length ? '（新增 ' + added.length + ' 个节点）' : '（没有新的相邻节点）';
  }).catch(function (err) {
    updateGraphHooks('ready');
    showError(clear($('#graph-message')), err);
  });
}
