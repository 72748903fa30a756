/* The page's addresses: one view per path, shown without reloading the page. */

var views = {};
var current = null;

/** Register the function that paints a view (search, graph, …) when the address shows it. */
export function registerView(name, paint) { views[name] = paint; }

/** The view the address shows now (search, graph, matrix, targets, chains, library, doc or notfound). */
export function currentView() { return current; }

/** The view of the address (and the document, for /doc/<id>). */
function parseRoute() {
  var p = window.location.pathname.replace(/\/+$/, '') || '/';
  if (p === '/') return { view: 'search' };
  if (p === '/graph') return { view: 'graph' };
  if (p === '/matrix') return { view: 'matrix' };
  if (p === '/targets') return { view: 'targets' };
  if (p === '/chains') return { view: 'chains' };
  if (p === '/library') return { view: 'library' };
  var m = p.match(/^\/doc\/(.+)$/);
  if (m) return { view: 'doc', doc: decodeURIComponent(m[1]) };
  return { view: 'notfound' };
}

/** Show the view of the address: body[data-view], the nav's current link, the title, then the view's paint. */
export function route() {
  var r = parseRoute();
  var changed = current !== r.view;
  current = r.view;
  document.body.dataset.view = r.view;
  document.querySelectorAll('.view').forEach(function (v) { v.hidden = v.id !== 'view-' + r.view; });
  document.querySelectorAll('[data-view-link]').forEach(function (a) {
    if (a.dataset.viewLink === r.view) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  var titles = { search: '智能检索', graph: '关系图谱', matrix: '责任矩阵', targets: '目标指标', chains: '产业链', library: '文件库', doc: '原文', notfound: '页面不存在' };
  document.title = (titles[r.view] || '') + ' · PolicyKG 政策规划知识图谱';
  document.querySelectorAll('details.menu[open]').forEach(function (d) { d.open = false; });
  if (changed) window.scrollTo(0, 0);
  if (views[r.view]) views[r.view](r);
}

var inAppNavigations = 0;

/** Whether this page has moved to another address itself (so history.back() stays on the page). */
export function navigatedInApp() { return inAppNavigations > 0; }

/** Go to an address of the page without loading it again (replace: no new history entry). */
export function navigate(url, replace) {
  if (replace) history.replaceState(null, '', url);
  else { history.pushState(null, '', url); inAppNavigations += 1; }
  route();
}

var APP_PATH = /^\/(graph|matrix|targets|chains|library|doc\/.+)?$/;

/** Links to the page's own views change the address in place; popstate shows the view of the address. */
export function initRouter() {
  document.addEventListener('click', function (ev) {
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    var a = ev.target.closest && ev.target.closest('a[href]');
    if (!a || a.hasAttribute('download') || a.target === '_blank') return;
    var url = new URL(a.href, window.location.href);
    if (url.origin !== window.location.origin || !APP_PATH.test(url.pathname)) return;
    ev.preventDefault();
    if (url.pathname === window.location.pathname && url.search === window.location.search && url.hash !== window.location.hash) {
      window.location.hash = url.hash;  // same document: hashchange re-highlights
      return;
    }
    navigate(url.pathname + url.search + url.hash);
  });
  window.addEventListener('popstate', route);
}
