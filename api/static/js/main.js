/* PolicyKG web page: search, graph, responsibility matrix, targets, industry chains, library and source text.
 *
 * Native ES modules, no build step: dom.js, api.js, messages.js, labels.js, text.js, router.js, filters.js, charts.js
 * and write.js are shared; views/ holds one module per view (the chain view in three). This module wires them up.
 * Test hooks: body[data-view], #search-results[data-state], #cy[data-node-count],
 * #cy[data-state], window.__cy (the cytoscape instance); for the industry chains
 * #chain-diagram[data-state|data-chain|data-segment-count|data-edge-count|data-status|data-selected],
 * #chain-diagram g.seg[data-segment-id|data-status|data-stage|data-priority] and #segment-panel[data-segment-id];
 * for the library #library-table[data-state|data-count] tr[data-doc], #upload-list li[data-status|data-file],
 * [data-token-slot] [data-token-state], #register-preview[data-state|data-matched|data-skipped] tr[data-row|data-matched].
 */
import { initRouter, registerView, route } from './router.js';
import { initDocFilter } from './filters.js';
import { writeChanged, onDataChanged } from './write.js';
import * as search from './views/search.js';
import * as doc from './views/doc.js';
import * as graph from './views/graph.js';
import * as matrix from './views/matrix.js';
import * as targets from './views/targets.js';
import * as chains from './views/chains.js';
import * as library from './views/library.js';
import { initRegister } from './views/register.js';

/** Register the views, bind the page's controls, then show the view of the address. */
function boot() {
  initRouter();
  doc.initDoc();
  [['search', search], ['doc', doc], ['graph', graph], ['matrix', matrix], ['targets', targets], ['chains', chains],
    ['library', library]].forEach(function (v) { registerView(v[0], v[1].view); });
  // What the views read once per page load is stale after a write.
  [matrix, targets, doc].forEach(function (v) { onDataChanged(v.reset); });
  initDocFilter();
  search.initSearch();
  graph.initGraphView();
  matrix.initMatrix();
  targets.initTargets();
  chains.initChains();
  library.initLibrary();
  initRegister();
  writeChanged();
  // Close the header menus when clicking elsewhere, or with Esc (focus back on the menu's button).
  document.addEventListener('click', function (ev) {
    document.querySelectorAll('details.menu[open]').forEach(function (d) { if (!d.contains(ev.target)) d.open = false; });
  });
  document.addEventListener('keydown', function (ev) {
    if (ev.key !== 'Escape') return;
    document.querySelectorAll('details.menu[open]').forEach(function (d) {
      d.open = false;
      if (d.contains(document.activeElement)) d.querySelector('summary').focus();
    });
  });
  route();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
else boot();
