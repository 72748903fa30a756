/* The industry chain as an SVG diagram: one band per stage (上游 → 中游 → 下游), a box per segment, an arrow per link
 * of the chain's flow. The layout is our own on purpose: the stages fix the columns, which leaves a layered-layout
 * library (dagre) only the order and height of the boxes, and on the corpus chains its placement came out 1.3–1.9 times
 * as tall, with empty regions, for about as many crossings as the barycentre sweeps below. */
import { s, clear } from '../dom.js';
import { STAGES, STAGE_LABEL, STATUS_LABEL } from '../labels.js';

var CHAIN_GEOM = { boxW: 138, boxH: 60, colGap: 46, stageGap: 18, rowGap: 20, padX: 20, head: 48, padBottom: 18 };

/** Box positions (top left), links, stage bands and the drawing's size: stages left to right; inside a stage,
 * sub-columns by the links within it; in each column the boxes ordered to keep links short and uncrossed. */
function chainLayout(segs) {
  var byId = {}, preds = {}, succs = {};
  segs.forEach(function (x) { byId[x.id] = x; preds[x.id] = []; succs[x.id] = []; });
  var edges = [];
  segs.forEach(function (x) {
    (x.next || []).forEach(function (n) {
      if (!byId[n] || n === x.id) return;
      edges.push({ from: x.id, to: n });
      preds[n].push(x.id);
      succs[x.id].push(n);
    });
  });
  function stageOf(x) { var i = STAGES.indexOf(x.stage); return i === -1 ? 1 : i; }
  var depth = {}, onStack = {};
  function depthOf(id) {
    if (depth[id] !== undefined) return depth[id];
    if (onStack[id]) return 0;  // a cycle: cut it here
    onStack[id] = true;
    var best = 0;
    preds[id].forEach(function (p) { if (stageOf(byId[p]) === stageOf(byId[id])) best = Math.max(best, depthOf(p) + 1); });
    onStack[id] = false;
    depth[id] = best;
    return best;
  }
  var sub = [1, 1, 1];
  segs.forEach(function (x) { sub[stageOf(x)] = Math.max(sub[stageOf(x)], depthOf(x.id) + 1); });
  var offset = [0, sub[0], sub[0] + sub[1]];
  var nCols = sub[0] + sub[1] + sub[2];
  var cols = [];
  for (var c = 0; c < nCols; c++) cols.push([]);
  var colOf = {};
  segs.forEach(function (x) { colOf[x.id] = offset[stageOf(x)] + depth[x.id]; cols[colOf[x.id]].push(x.id); });
  var maxRows = Math.max.apply(null, cols.map(function (col) { return col.length; }).concat([1]));
  var row = {};
  function place(col) { col.forEach(function (id, i) { row[id] = (maxRows - col.length) / 2 + i; }); }
  cols.forEach(place);
  // Barycentre sweeps to keep links short and uncrossed.
  function sweep(order, neighbours) {
    order.forEach(function (ci) {
      var col = cols[ci];
      var key = {};
      col.forEach(function (id, i) {
        var ns = neighbours[id].filter(function (n) { return colOf[n] !== ci; });
        key[id] = ns.length ? ns.reduce(function (a, n) { return a + row[n]; }, 0) / ns.length : row[id];
        key[id] += i * 1e-6;
      });
      col.sort(function (a, b) { return key[a] - key[b]; });
      place(col);
    });
  }
  var lr = cols.map(function (_, i) { return i; }), rl = lr.slice().reverse();
  sweep(lr, preds); sweep(rl, succs); sweep(lr, preds);
  var g = CHAIN_GEOM;
  var pos = {};
  segs.forEach(function (x) {
    pos[x.id] = {
      x: g.padX + colOf[x.id] * (g.boxW + g.colGap) + stageOf(x) * g.stageGap,
      y: g.head + 8 + row[x.id] * (g.boxH + g.rowGap),
      col: colOf[x.id]
    };
  });
  var bands = STAGES.map(function (st, i) {
    var x0 = g.padX + offset[i] * (g.boxW + g.colGap) + i * g.stageGap;
    return { stage: st, x: x0 - g.colGap / 2 + 6, w: sub[i] * (g.boxW + g.colGap) - 12, empty: !segs.some(function (x) { return stageOf(x) === i; }) };
  });
  var width = g.padX * 2 + nCols * (g.boxW + g.colGap) - g.colGap + 2 * g.stageGap;
  var height = g.head + 8 + maxRows * (g.boxH + g.rowGap) - g.rowGap + g.padBottom;
  return { pos: pos, edges: edges, bands: bands, width: width, height: height };
}

/** Split a label into lines of about `max` CJK characters (Latin letters count half). */
function wrapLabel(label, max, lines) {
  var chars = Array.from(String(label));
  var widths = chars.map(function (ch) { return /[\u0000-\u00ff]/.test(ch) ? 0.56 : 1; });
  var total = widths.reduce(function (a, b) { return a + b; }, 0);
  // Two lines of about equal length read better than a full line and a stray character.
  if (total > max && total <= max * lines) max = Math.max(Math.ceil(total / Math.ceil(total / max)), 1);
  var out = [], cur = '', w = 0;
  chars.forEach(function (ch, i) {
    var cw = widths[i];
    if (w + cw > max + 0.01 && cur) { out.push(cur); cur = ''; w = 0; }
    cur += ch; w += cw;
  });
  if (cur) out.push(cur);
  if (out.length > lines) {
    out = out.slice(0, lines);
    out[lines - 1] = out[lines - 1].replace(/.$/u, '…');
  }
  return out;
}

/** Draw the chain into #chain-diagram's box; select(id, true) runs when a segment is clicked or pressed. */
export function drawChain(box, data, select) {
  clear(box);
  var segs = data.segments;
  var L = chainLayout(segs);
  var g = CHAIN_GEOM;
  var svg = s('svg', {
    viewBox: '0 0 ' + L.width + ' ' + L.height, width: L.width, height: L.height, class: 'chain-svg',
    role: 'img', 'aria-label': data.label + '：' + segs.length + ' 个环节',
    // Fit the panel, but never below 75 % (wider chains scroll sideways instead of shrinking further).
    style: 'max-width:100%;height:auto;min-width:' + Math.round(L.width * 0.75) + 'px'
  });
  svg.appendChild(s('defs', null,
    s('marker', { id: 'chain-arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto-start-reverse', markerUnits: 'userSpaceOnUse' },
      s('path', { d: 'M0,0 L10,5 L0,10 z', class: 'chain-arrowhead' })),
    s('marker', { id: 'chain-arrow-active', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 10, markerHeight: 10, orient: 'auto-start-reverse', markerUnits: 'userSpaceOnUse' },
      s('path', { d: 'M0,0 L10,5 L0,10 z', class: 'chain-arrowhead-active' }))));
  L.bands.forEach(function (b, i) {
    svg.appendChild(s('g', { class: 'chain-band band-' + b.stage, dataset: { stage: b.stage } },
      s('rect', { x: b.x, y: 6, width: b.w, height: L.height - 12, rx: 10, class: 'band-bg band-' + i }),
      s('text', { x: b.x + b.w / 2, y: 32, 'text-anchor': 'middle', class: 'band-title' }, STAGE_LABEL[b.stage]),
      b.empty ? s('text', { x: b.x + b.w / 2, y: g.head + 40, 'text-anchor': 'middle', class: 'band-empty' }, '（未划分环节）') : null));
  });
  var edgeLayer = s('g', { class: 'chain-edges' });
  L.edges.forEach(function (e) {
    var a = L.pos[e.from], b = L.pos[e.to];
    var d;
    if (b.col > a.col) {
      var x1 = a.x + g.boxW, y1 = a.y + g.boxH / 2, x2 = b.x - 2, y2 = b.y + g.boxH / 2;
      var dx = Math.max(24, (x2 - x1) / 2);
      d = 'M' + x1 + ',' + y1 + ' C' + (x1 + dx) + ',' + y1 + ' ' + (x2 - dx) + ',' + y2 + ' ' + x2 + ',' + y2;
    } else {  // a link against the stage order (or a cycle): loop round below the boxes
      var sx = a.x + g.boxW / 2, sy = a.y + g.boxH, tx = b.x + g.boxW / 2, ty = b.y + g.boxH + 2;
      var low = Math.max(sy, ty) + 34;
      d = 'M' + sx + ',' + sy + ' C' + sx + ',' + low + ' ' + tx + ',' + low + ' ' + tx + ',' + ty;
    }
    edgeLayer.appendChild(s('path', { d: d, class: 'chain-edge', 'marker-end': 'url(#chain-arrow)', dataset: { from: e.from, to: e.to } }));
  });
  svg.appendChild(edgeLayer);
  var nodeLayer = s('g', { class: 'chain-nodes' });
  segs.forEach(function (x) {
    var p = L.pos[x.id];
    var lines = wrapLabel(x.label, 8.2, 2);
    var lineY = lines.length === 1 ? [p.y + 26] : [p.y + 19, p.y + 36];
    var foot = STATUS_LABEL[x.status] || x.status;
    if (data.register.loaded) foot += ' · 企业 ' + (x.enterprises || []).length + ' 家';
    var aria = x.label + '，' + STAGE_LABEL[x.stage] + '，' + (STATUS_LABEL[x.status] || x.status) + (x.policy_priority ? '，政策重点' : '');
    var node = s('g', {
      class: 'seg status-' + x.status + (x.policy_priority ? ' priority' : ''), role: 'button', tabindex: '0', 'aria-label': aria, 'aria-pressed': 'false',
      dataset: { segmentId: x.id, label: x.label, status: x.status, stage: x.stage, priority: String(!!x.policy_priority) },
      onclick: function () { select(x.id, true); },
      onkeydown: function (ev) { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); select(x.id, true); } }
    },
    s('title', null, x.label + '（' + (STATUS_LABEL[x.status] || x.status) + '）' + (x.reasons && x.reasons.length ? '：' + x.reasons[0] : '')),
    s('rect', { x: p.x, y: p.y, width: g.boxW, height: g.boxH, rx: 8, class: 'seg-box' }),
    lines.map(function (t, i) { return s('text', { x: p.x + g.boxW / 2, y: lineY[i], 'text-anchor': 'middle', class: 'seg-label' }, t); }),
    s('text', { x: p.x + g.boxW / 2, y: p.y + g.boxH - 9, 'text-anchor': 'middle', class: 'seg-foot' }, foot),
    x.policy_priority ? s('g', { class: 'seg-star' },
      s('circle', { cx: p.x + g.boxW - 4, cy: p.y + 4, r: 10 }),
      s('text', { x: p.x + g.boxW - 4, y: p.y + 8.5, 'text-anchor': 'middle' }, '★')) : null);
    nodeLayer.appendChild(node);
  });
  svg.appendChild(nodeLayer);
  box.appendChild(svg);
}

/** Mark the segment selected in the diagram, and the links into and out of it. */
export function markSelected(box, id) {
  box.querySelectorAll('g.seg').forEach(function (n) {
    var on = n.dataset.segmentId === id;
    n.classList.toggle('selected', on);
    n.setAttribute('aria-pressed', String(on));
  });
  box.querySelectorAll('path.chain-edge').forEach(function (e) {
    var on = e.dataset.from === id || e.dataset.to === id;
    e.classList.toggle('active', on);
    e.setAttribute('marker-end', on ? 'url(#chain-arrow-active)' : 'url(#chain-arrow)');
  });
  box.dataset.selected = id;
}
