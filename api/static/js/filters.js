/* The document filter bar (文件, 发文机关, 层级, 年份) shared by the search, the matrix and the targets view:
 * one form, moved into the view that shows it, its settings kept in the address. */
import { h, $ } from './dom.js';
import { cached } from './api.js';
import { navigate } from './router.js';

export var FILTER_KEYS = ['doc', 'issuer', 'level', 'year'];

/** The document filters of the address (文件, 发文机关, 层级, 年份); every list of the view applies them. */
export function docFilters() {
  var params = new URLSearchParams(window.location.search), out = {};
  FILTER_KEYS.forEach(function (k) { if (params.get(k)) out[k] = params.get(k); });
  return out;
}

/** This view's address with some settings changed and the others (filters, question, tab) kept. */
export function viewUrl(changes) {
  var params = new URLSearchParams(window.location.search);
  Object.keys(changes).forEach(function (k) { if (changes[k]) params.set(k, changes[k]); else params.delete(k); });
  var qs = params.toString();
  return window.location.pathname + (qs ? '?' + qs : '');
}

/** The filters as the API's list and search routes name them (a document's year is doc_year there). */
export function scopeParams(filters) {
  return { doc: filters.doc, issuer: filters.issuer, level: filters.level, doc_year: filters.year };
}

/** Submitting the filter form puts its settings in the address (and the view reads them from there). */
export function initDocFilter() {
  $('#doc-filter').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var changes = {};
    FILTER_KEYS.forEach(function (k) { changes[k] = $('#doc-filter [name=' + k + ']').value.trim(); });
    navigate(viewUrl(changes), false);
  });
}

/** The one filter form, moved into the view that shows it, with the address's filters and the library's documents. */
export function showDocFilter(view) {
  var form = $('#doc-filter'), filters = docFilters();
  $('#view-' + view + ' [data-filter-slot]').appendChild(form);
  FILTER_KEYS.forEach(function (k) { $('#doc-filter [name=' + k + ']').value = filters[k] || ''; });
  var none = {};
  FILTER_KEYS.forEach(function (k) { none[k] = ''; });
  $('#filter-clear').setAttribute('href', viewUrl(none));
  cached('/api/documents').then(function (r) {
    // One document leaves nothing to choose between; a filter in the address still shows.
    form.hidden = r.documents.length < 2 && !Object.keys(filters).length;
    var select = $('#filter-doc');
    if (select.options.length !== r.documents.length + 1) {
      while (select.options.length > 1) select.remove(1);
      r.documents.forEach(function (d) { select.appendChild(h('option', { value: d.id }, d.title || d.id)); });
    }
    select.value = filters.doc || '';
  }, function () { form.hidden = false; /* the list of documents is a convenience */ });
  return filters;
}
