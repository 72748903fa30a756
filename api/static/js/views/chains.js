/* 产业链: a chain chosen by its cluster (?cluster=), its diagram (views/chain-diagram.js), the status counts and guide
 * downloads, and the side panel of the segment selected (?segment=, views/chain-panel.js). */
import { h, $, clear, loading } from '../dom.js';
import { cached } from '../api.js';
import { showError } from '../messages.js';
import { STATUS_LABEL, STATUS_HINT, STATUS_ORDER } from '../labels.js';
import { navigate } from '../router.js';
import { drawChain, markSelected } from './chain-diagram.js';
import { paintChainPanelIntro, paintSegmentPanel, paintChainOverview } from './chain-panel.js';

var chainSeq = 0;
var chainState = { data: null, selected: null, key: null };

/** Read the chain shown again (the enterprise register changed its segments' statuses). */
export function reload() {
  chainState.data = null;
  view();
}

/** The URL/API key of a chain: its cluster when no other chain shares it, else its id. */
function chainKey(c, list) {
  var same = list.filter(function (x) { return x.cluster === c.cluster; }).length;
  return same > 1 ? c.id : c.cluster;
}

/** The chain view's address for a chain key, with a selected segment. */
export function chainUrl(key, segment) {
  var qs = new URLSearchParams();
  qs.set('cluster', key);
  if (segment) qs.set('segment', segment);
  return '/chains?' + qs.toString();
}

/** The chain selector and the legend. */
export function initChains() {
  $('#chain-select').addEventListener('change', function (ev) { navigate(chainUrl(ev.target.value)); });
  $('#chain-form').addEventListener('submit', function (ev) { ev.preventDefault(); });
  var legend = $('#chain-legend');
  legend.appendChild(h('span', { class: 'legend-title' }, '环节状态：'));
  STATUS_ORDER.forEach(function (st) {
    legend.appendChild(h('span', { class: 'legend-item', title: STATUS_HINT[st], dataset: { status: st } },
      h('span', { class: 'status-swatch status-' + st }), STATUS_LABEL[st]));
  });
  legend.appendChild(h('span', { class: 'legend-item' }, h('span', { class: 'star-dot', 'aria-hidden': 'true' }, '★'), '政策重点（方案提出招引、培育、布局等）'));
  legend.appendChild(h('span', { class: 'legend-item' }, h('span', { class: 'legend-line line-chain' }), '供给下游环节'));
}

/** The guide downloads of a chain (disabled without one). */
function setGuideLinks(key) {
  ['xlsx', 'html', 'md'].forEach(function (fmt) {
    var a = $('#guide-' + fmt);
    if (key) {
      a.setAttribute('href', '/api/chains/' + encodeURIComponent(key) + '/guide.' + fmt);
      a.setAttribute('download', 'guide-' + key + '.' + fmt);
      a.removeAttribute('aria-disabled');
    } else {
      a.removeAttribute('href');
      a.setAttribute('aria-disabled', 'true');
    }
  });
}

/** Show the chain of the address (the first chain when none), selecting ?segment= when given. */
export function view() {
  var params = new URLSearchParams(window.location.search);
  var want = (params.get('cluster') || '').trim();
  var wantSeg = (params.get('segment') || '').trim();
  var seq = ++chainSeq;
  var msg = clear($('#chain-message'));
  var diagram = $('#chain-diagram');
  diagram.dataset.state = 'loading';
  if (!chainState.data) clear(diagram).appendChild(loading('正在加载产业链…'));
  cached('/api/chains').then(function (list) {
    if (seq !== chainSeq) return null;
    var chains = list.chains || [];
    fillChainSelect(chains);
    if (!chains.length) {
      chainEmpty();
      return null;
    }
    if (!want) {  // default: the first chain
      navigate(chainUrl(chainKey(chains[0], chains)), true);
      return null;
    }
    return cached('/api/chains/' + encodeURIComponent(want)).then(function (data) {
      if (seq !== chainSeq) return;
      var entry = chains.filter(function (c) { return c.id === data.id; })[0];
      var key = entry ? chainKey(entry, chains) : data.id;
      $('#chain-select').value = key;
      // A segment's label (or id) as ?cluster= selects that segment.
      var bySeg = data.segments.filter(function (x) { return x.label === want || x.id === want; })[0];
      var segId = wantSeg || (bySeg ? bySeg.id : '');
      if (!data.segments.some(function (x) { return x.id === segId; })) segId = '';
      if (key !== want || segId !== wantSeg) history.replaceState(null, '', chainUrl(key, segId));
      renderChain(data, key, segId);
    });
  }).catch(function (err) {
    if (seq !== chainSeq) return;
    chainState = { data: null, selected: null, key: null };
    clear(diagram);
    diagram.appendChild(h('p', { class: 'chain-empty muted' }, '请从上方选择一条产业链。'));
    $('#chain-select').value = '';
    setChainHooks(null, 'error');
    setGuideLinks(null);
    clear($('#chain-counts'));
    clear($('#chain-overview'));
    clear($('#segment-panel')).appendChild(h('p', { class: 'muted' }, '没有可显示的产业链。'));
    showError(msg, err);
  });
}

/** The selector's options, rebuilt only when the list of chains changed. */
function fillChainSelect(chains) {
  var sel = $('#chain-select');
  var keys = chains.map(function (c) { return chainKey(c, chains); });
  var have = Array.prototype.map.call(sel.options, function (o) { return o.value; }).filter(Boolean);
  if (have.join('\n') === keys.join('\n')) return;
  clear(sel);
  sel.appendChild(h('option', { value: '', disabled: true, hidden: true }, '选择产业链…'));
  chains.forEach(function (c, i) {
    sel.appendChild(h('option', { value: keys[i] }, c.cluster + ' · ' + c.label + '（' + c.segments + ' 个环节）'));
  });
  sel.disabled = !chains.length;
}

/** No chain ingested yet: say how to add one. */
function chainEmpty() {
  chainState = { data: null, selected: null, key: null };
  var diagram = clear($('#chain-diagram'));
  diagram.appendChild(h('div', { class: 'chain-empty' },
    h('p', null, '尚未导入产业链图谱。'),
    h('p', { class: 'muted small' }, '用 policykg ingest 导入产业链图谱（YAML 文件）后，这里将按上游、中游、下游显示各环节。')));
  setChainHooks(null, 'empty');
  setGuideLinks(null);
  clear($('#chain-counts'));
  clear($('#chain-overview'));
  clear($('#segment-panel')).appendChild(h('p', { class: 'muted' }, '没有可显示的产业链。'));
}

/** The diagram's data-* hooks: state, chain, counts, statuses, register, selection. */
function setChainHooks(data, state) {
  var el = $('#chain-diagram');
  var segs = data ? data.segments : [];
  el.dataset.state = state;
  el.dataset.chain = data ? data.id : '';
  el.dataset.cluster = data ? data.cluster : '';
  el.dataset.segmentCount = String(segs.length);
  el.dataset.edgeCount = String(el.querySelectorAll('path.chain-edge').length);
  el.dataset.status = segs.map(function (x) { return x.status; }).join(',');
  el.dataset.registerLoaded = data ? String(!!data.register.loaded) : '';
  el.dataset.selected = chainState.selected || '';
}

/** Paint a chain: counts, diagram, overview, and the side panel (of segId when given). */
function renderChain(data, key, segId) {
  chainState = { data: data, selected: null, key: key };
  setGuideLinks(key);
  var msg = $('#chain-message');
  if (!data.register.loaded) {
    msg.appendChild(h('div', { class: 'alert alert-info', id: 'register-notice', role: 'note' },
      h('strong', null, '未导入企业名录'),
      h('p', null, '无法判断本地是否已有各环节的企业，因此各环节状态均为“待核实”。在本页下方', h('a', { href: '#register-card' }, '“企业名录”'), '处上传名录（或 policykg enterprises import 名录.xlsx）后即可区分缺失、薄弱和已有环节。')));
  }
  paintChainCounts(data);
  drawChain($('#chain-diagram'), data, selectSegment);
  paintChainOverview(data);
  setChainHooks(data, 'ready');
  if (segId) selectSegment(segId, false);
  else paintChainPanelIntro(data, selectSegment);
}

/** The segments' count per status beside the selector. */
function paintChainCounts(data) {
  var box = clear($('#chain-counts'));
  var counts = {};
  data.segments.forEach(function (x) { counts[x.status] = (counts[x.status] || 0) + 1; });
  box.appendChild(h('span', { class: 'muted' }, '共 ' + data.segments.length + ' 个环节：'));
  STATUS_ORDER.forEach(function (st) {
    if (counts[st]) box.appendChild(h('span', { class: 'status-pill status-' + st, dataset: { status: st } }, STATUS_LABEL[st] + ' ' + counts[st]));
  });
  var pri = data.segments.filter(function (x) { return x.policy_priority; }).length;
  if (pri) box.appendChild(h('span', { class: 'status-pill status-priority' }, '★ 政策重点 ' + pri));
}

/** A segment of the chain shown. */
function segById(id) {
  var d = chainState.data;
  return d ? d.segments.filter(function (x) { return x.id === id; })[0] : null;
}

/** Select a segment: marked in the diagram, its side panel, and in the address when updateUrl. */
function selectSegment(id, updateUrl) {
  var seg = segById(id);
  if (!seg) return;
  chainState.selected = id;
  markSelected($('#chain-diagram'), id);
  if (updateUrl) history.replaceState(null, '', chainUrl(chainState.key, id));
  paintSegmentPanel(seg, chainState.data, selectSegment);
}
