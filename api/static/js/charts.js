/* SVG charts: horizontal bars (the matrix's workload, stacked 牵头 + 配合; the targets per unit) and columns
 * (the targets per year). One bar helper serves both bar charts so their geometry and markup stay alike. */
import { h, s, clear } from './dom.js';

var ROW_H = 24;

/** A long label cut to `max` characters, the last one an ellipsis. */
function clip(label, max) {
  return label.length > max ? label.slice(0, max - 1) + '…' : label;
}

/**
 * Horizontal bars into box, one row per item: {label, parts: [{value, cls}], text, title, attrs}; the parts of a row
 * stack left to right (a part of 0 draws nothing). opts: labelW and barW (widths), right (room for the value),
 * top and bottom (margins), clip (label length), aria, grid (value lines with an axis below), fit (no wider than drawn).
 */
export function barChart(box, rows, opts) {
  clear(box);
  if (!rows.length) { box.appendChild(h('p', { class: 'muted' }, '暂无数据。')); return; }
  var total = function (r) { return r.parts.reduce(function (a, p) { return a + p.value; }, 0); };
  var max = Math.max.apply(null, rows.map(total));
  var labelW = opts.labelW, barW = opts.barW, top = opts.top;
  var width = labelW + barW + opts.right, height = top + rows.length * ROW_H + opts.bottom;
  var svg = s('svg', { viewBox: '0 0 ' + width + ' ' + height, class: 'bar-chart', role: 'img', 'aria-label': opts.aria,
    style: opts.fit ? 'max-width:' + width + 'px' : null });
  if (opts.grid) {
    var step = max > 10 ? 5 : max > 5 ? 2 : 1;
    for (var v = 0; v <= max; v += step) {
      var gx = labelW + (v / max) * barW;
      svg.appendChild(s('line', { x1: gx, x2: gx, y1: top - 4, y2: height - 20, class: 'grid' }));
      svg.appendChild(s('text', { x: gx, y: height - 6, class: 'axis', 'text-anchor': 'middle' }, String(v)));
    }
  }
  rows.forEach(function (r, i) {
    var y = top + i * ROW_H, x = labelW;
    var g = s('g', r.attrs || null, s('title', null, r.title),
      s('text', { x: labelW - 8, y: y + ROW_H / 2 + 4, class: 'label', 'text-anchor': 'end' }, clip(r.label, opts.clip)));
    r.parts.forEach(function (p) {
      var w = (p.value / max) * barW;
      if (p.value) g.appendChild(s('rect', { x: x, y: y + 4, width: w, height: ROW_H - 8, class: p.cls, rx: 2 }));
      x += w;
    });
    g.appendChild(s('text', { x: x + 6, y: y + ROW_H / 2 + 4, class: 'value' }, r.text));
    svg.appendChild(g);
  });
  box.appendChild(svg);
}

/** Vertical columns into box, one per item {label, value}, the value above each column. */
export function columnChart(box, data, aria) {
  clear(box);
  if (!data.length) { box.appendChild(h('p', { class: 'muted' }, '暂无数据。')); return; }
  var max = Math.max.apply(null, data.map(function (x) { return x.value; }));
  var colW = 70, gap = 30, left = 30, chartH = 150, top = 20;
  var width = Math.max(320, left + data.length * (colW + gap));
  var svg = s('svg', { viewBox: '0 0 ' + width + ' ' + (top + chartH + 30), class: 'bar-chart column-chart', role: 'img', 'aria-label': aria, style: 'max-width:' + width + 'px' });
  svg.appendChild(s('line', { x1: left - 10, x2: width - 10, y1: top + chartH, y2: top + chartH, class: 'grid' }));
  data.forEach(function (d, i) {
    var hgt = (d.value / max) * chartH, x = left + i * (colW + gap);
    svg.appendChild(s('g', { class: 'col', dataset: { label: d.label } },
      s('title', null, d.label + '：' + d.value + ' 项'),
      s('rect', { x: x, y: top + chartH - hgt, width: colW, height: hgt, class: 'bar-year', rx: 3 }),
      s('text', { x: x + colW / 2, y: top + chartH - hgt - 6, class: 'value', 'text-anchor': 'middle' }, String(d.value)),
      s('text', { x: x + colW / 2, y: top + chartH + 20, class: 'label', 'text-anchor': 'middle' }, d.label)));
  });
  box.appendChild(svg);
}
