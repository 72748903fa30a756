/* PolicyKG web page: search, graph, responsibility matrix, targets and source text.
 *
 * Plain DOM, no framework. Server text only ever reaches the page through
 * text nodes (h() below); innerHTML is never used.
 * Test hooks: body[data-view], #search-results[data-state], #cy[data-node-count],
 * #cy[data-state], window.__cy (the cytoscape instance); for the industry chains
 * #chain-diagram[data-state|data-chain|data-segment-count|data-edge-count|data-status|data-selected],
 * #chain-diagram g.seg[data-segment-id|data-status|data-stage|data-priority] and #segment-panel[data-segment-id];
 * for the library #library-table[data-state|data-count] tr[data-doc], #upload-list li[data-status|data-file],
 * [data-token-slot] [data-token-state], #register-preview[data-state|data-matched|data-skipped] tr[data-row|data-matched].
 */
(function () {
  'use strict';

  // ---------------------------------------------------------------- helpers
  var SVG_NS = 'http://www.w3.org/2000/svg';

  function append(el, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(el, c); }); return; }
    el.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }

  function setAttrs(el, attrs) {
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === 'class') el.setAttribute('class', v);
      else if (k === 'text') el.textContent = v;
      else if (k === 'dataset') Object.keys(v).forEach(function (d) { el.dataset[d] = v[d]; });
      else if (k.slice(0, 2) === 'on' && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    });
  }

  /** h('div', {class: 'x'}, 'text', child, [children]) */
  function h(tag, attrs) {
    var el = document.createElement(tag);
    setAttrs(el, attrs);
    for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  }

  function s(tag, attrs) {
    var el = document.createElementNS(SVG_NS, tag);
    setAttrs(el, attrs);
    for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  }

  function $(sel, root) { return (root || document).querySelector(sel); }
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); return el; }
  function uniq(xs) { return xs.filter(function (x, i) { return xs.indexOf(x) === i; }); }

  /** Code-point slicing: the API's spans count Unicode code points (Python str indices). */
  function cpSlice(chars, a, b) { return chars.slice(a, b).join(''); }

  function docHref(doc, start, end) {
    var href = '/doc/' + encodeURIComponent(doc);
    if (typeof start === 'number' && typeof end === 'number') href += '#' + start + '-' + end;
    return href;
  }

  // ---------------------------------------------------------------- API
  function ApiError(status, code, message, retryAfter, params) {
    this.status = status; this.code = code; this.message = message; this.retryAfter = retryAfter; this.params = params || {};
  }
  ApiError.prototype = Object.create(Error.prototype);

  function api(path, params) {
    var url = new URL(path, window.location.origin);
    Object.keys(params || {}).forEach(function (k) {
      if (params[k] !== null && params[k] !== undefined && params[k] !== '') url.searchParams.set(k, params[k]);
    });
    return fetch(url.toString(), { headers: { Accept: 'application/json' } }).then(function (resp) {
      return resp.json().catch(function () { return null; }).then(function (body) {
        if (!resp.ok) {
          var e = (body && body.error) || {};
          throw new ApiError(resp.status, e.code || 'http_error', e.message || resp.statusText, resp.headers.get('Retry-After'), e.params);
        }
        if (body === null) throw new ApiError(resp.status, 'bad_response', '服务器返回的数据无法解析');
        return body;
      });
    }, function () {
      throw new ApiError(0, 'network', '无法连接到服务器，请检查网络或稍后重试。');
    });
  }

  var memo = {};
  /** GET once per page load for the lists that do not change while the page is open. */
  function cached(path, params) {
    var key = path + '?' + JSON.stringify(params || {});
    if (!memo[key]) {
      memo[key] = api(path, params);
      memo[key].catch(function () { delete memo[key]; });
    }
    return memo[key];
  }

  var ERROR_TITLES = {
    bad_request: '请求有误',
    not_found: '未找到相关内容',
    rate_limited: '请求过于频繁',
    too_large: '请求内容过大',
    forbidden: '没有操作权限',
    unauthorized: '需要身份验证',
    timeout: '查询超时',
    index_unavailable: '检索索引暂不可用',
    index_model_mismatch: '检索索引需要重建',
    internal_error: '服务器内部错误',
    method_not_allowed: '不支持的请求方式',
    network: '网络连接失败',
    bad_response: '服务器响应异常'
  };
  var ERROR_MESSAGES = [
    [/^the question is empty/, function () { return '检索内容不能为空，请输入问题或关键词。'; }],
    [/the question is (\d+) characters long; the limit is (\d+)/, function (m) { return '问题共 ' + m[1] + ' 个字符，超过了 ' + m[2] + ' 个字符的上限，请精简后再试。'; }],
    [/nothing named '(.*)' in the graph/, function (m) { return '图谱中没有名为“' + m[1] + '”的节点，请检查名称（可使用单位简称、任务标题、产业或地区名称）。'; }],
    [/no task with id '(.*)'/, function (m) { return '没有编号为“' + m[1] + '”的任务。'; }],
    [/no document with id '(.*)'/, function (m) { return '没有找到文件“' + m[1] + '”，它可能已被删除。'; }],
    [/unit '(.*)' is not named in any ingested plan/, function (m) { return '“' + m[1] + '”不是已导入规划中的责任单位。'; }],
    [/industry '(.*)' is not in the gazetteer/, function (m) { return '产业“' + m[1] + '”不在产业目录中。'; }],
    [/no industry chain for '(.*)'; chains: (.*)$/, function (m) {
      return '没有“' + m[1] + '”的产业链图谱。' + (m[2] ? '已有的产业链：' + m[2] + '。' : '尚未导入任何产业链图谱。');
    }],
    [/rate limit of (\d+) requests per minute exceeded/, function (m) { return '每分钟最多 ' + m[1] + ' 次请求，请稍后再试。'; }],
    [/^internal error$/, function () { return '服务器处理请求时出错，请稍后重试；如问题持续，请联系系统管理员。'; }]
  ];

  function friendlyMessage(err) {
    var msg = String(err.message || '');
    for (var i = 0; i < ERROR_MESSAGES.length; i++) {
      var m = msg.match(ERROR_MESSAGES[i][0]);
      if (m) return { text: ERROR_MESSAGES[i][1](m), raw: null };
    }
    if (/[\u4e00-\u9fff]/.test(msg)) return { text: msg, raw: null };
    return { text: '服务器未能完成请求。', raw: msg };
  }

  function errorBox(err) {
    if (!(err instanceof ApiError)) err = new ApiError(0, 'client_error', String((err && err.message) || err));
    var title = ERROR_TITLES[err.code] || '出错了';
    var fm = friendlyMessage(err);
    var extra = err.code === 'rate_limited' && err.retryAfter ? '（约 ' + err.retryAfter + ' 秒后可重试）' : '';
    return h('div', { class: 'alert alert-error', role: 'alert', dataset: { errorCode: err.code } },
      h('strong', null, title),
      h('p', null, fm.text + extra),
      fm.raw ? h('p', { class: 'alert-detail' }, '详细信息：' + fm.raw + (err.status ? '（HTTP ' + err.status + '）' : '')) : null);
  }

  function showError(container, err) { clear(container); container.appendChild(errorBox(err)); }

  function loading(text) {
    return h('div', { class: 'loading' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text || '正在加载…');
  }

  // ---------------------------------------------------------------- vocabulary
  var ROLE_LABEL = { lead: '牵头', co: '配合' };
  var CLUSTER_ROLE_LABEL = { lead: '牵头建设', co: '共同建设' };
  var KIND_LABEL = { task: '重点任务', requirement: '工作要求' };
  // Every node type the graph API sends (kg/views.py NODE_TYPES): a type missing here would be grey and unexplained.
  var TYPE_LABEL = { task: '重点任务', requirement: '工作要求', unit: '责任单位', industry: '产业', region: '地区/园区', document: '规划文件', segment: '产业链环节' };
  var TYPE_COLOR = { task: '#2563eb', requirement: '#7c3aed', unit: '#d97706', industry: '#059669', region: '#0891b2', document: '#475569', segment: '#be185d' };
  var TYPE_SHAPE = { task: 'round-rectangle', requirement: 'round-rectangle', unit: 'ellipse', industry: 'diamond', region: 'hexagon', document: 'rectangle', segment: 'tag' };
  var EDGE_LABEL = {
    lead: '牵头', co: '配合', mentions: '涉及', broader: '上位产业', leads_cluster: '牵头建设集群',
    co_builds_cluster: '共建集群', has_member: '包含成员', part_of: '属于文件', next: '下一环节'
  };
  var INTENT_LABEL = {
    tasks_of_unit: '单位承担的任务', units_of_task: '任务的责任单位', targets: '目标指标',
    clusters_of_region: '地区承建的产业集群', regions_of_cluster: '产业集群的承建地区'
  };
  var COMPARATOR = {
    '>=': { sym: '≥', word: '不少于' }, '>': { sym: '>', word: '超过' }, '~': { sym: '≈', word: '左右', after: true },
    '=': { sym: '', word: '' }, '<=': { sym: '≤', word: '不超过' }, '<': { sym: '<', word: '低于' }
  };

  function roleBadge(role, labels) {
    var text = (labels || ROLE_LABEL)[role] || role;
    return h('span', { class: 'badge badge-' + (role === 'lead' ? 'lead' : 'co'), dataset: { role: role } }, text);
  }

  function formatValue(t) {
    var c = COMPARATOR[t.comparator] || { sym: t.comparator || '', word: '' };
    return (c.sym ? c.sym + ' ' : '') + t.value + (t.unit || '');
  }

  // ---------------------------------------------------------------- highlighting
  var STOP = ['怎么办', '怎么样', '有哪些', '是哪些', '是什么', '为什么', '怎么', '怎样', '如何', '哪些', '哪个', '哪里', '什么',
    '是否', '有没有', '多少', '请问', '负责', '承担', '任务', '工作', '事项', '情况', '问题', '目标', '可以', '应该', '需要',
    '我们', '一下', '的', '了', '吗', '呢', '吧', '啊', '和', '与', '及', '由', '在', '是', '有', '要', '谁', '哪', '能', '会', '把', '被', '对', '从', '向'];

  /** Terms to mark in a passage: the query's content-word runs and their two-character pieces. */
  function queryTerms(query) {
    var q = String(query || '');
    STOP.forEach(function (w) { q = q.split(w).join(' '); });
    var terms = [];
    (q.match(/[\u3400-\u9fff]+|[A-Za-z0-9.%]+/g) || []).forEach(function (run) {
      if (/^[\u3400-\u9fff]+$/.test(run)) {
        if (run.length >= 2) terms.push(run);
        if (run.length > 2) for (var i = 0; i + 2 <= run.length; i++) terms.push(run.slice(i, i + 2));
      } else if (run.length >= 2) {
        terms.push(run);
      }
    });
    return uniq(terms);
  }

  /** Text with every occurrence of the terms wrapped in <mark>, as DOM nodes (never HTML). */
  function highlighted(text, terms) {
    text = String(text || '');
    var mask = new Array(text.length).fill(false);
    var low = text.toLowerCase();
    (terms || []).forEach(function (t) {
      var needle = t.toLowerCase();
      if (!needle) return;
      var i = low.indexOf(needle);
      while (i !== -1) {
        for (var j = i; j < i + needle.length; j++) mask[j] = true;
        i = low.indexOf(needle, i + 1);
      }
    });
    var frag = document.createDocumentFragment();
    var start = 0;
    for (var k = 1; k <= text.length; k++) {
      if (k === text.length || mask[k] !== mask[start]) {
        var piece = text.slice(start, k);
        frag.appendChild(mask[start] ? h('mark', null, piece) : document.createTextNode(piece));
        start = k;
      }
    }
    return frag;
  }

  // ---------------------------------------------------------------- router
  var views = {};
  var current = null;

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

  function route() {
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

  function navigate(url, replace) {
    if (replace) history.replaceState(null, '', url);
    else { history.pushState(null, '', url); inAppNavigations += 1; }
    route();
  }

  var APP_PATH = /^\/(graph|matrix|targets|chains|library|doc\/.+)?$/;

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

  // ================================================================ document filters (search, matrix, targets)
  var FILTER_KEYS = ['doc', 'issuer', 'level', 'year'];

  /** The document filters of the address (文件, 发文机关, 层级, 年份); every list of the view applies them. */
  function docFilters() {
    var params = new URLSearchParams(window.location.search), out = {};
    FILTER_KEYS.forEach(function (k) { if (params.get(k)) out[k] = params.get(k); });
    return out;
  }

  /** This view's address with some settings changed and the others (filters, question, tab) kept. */
  function viewUrl(changes) {
    var params = new URLSearchParams(window.location.search);
    Object.keys(changes).forEach(function (k) { if (changes[k]) params.set(k, changes[k]); else params.delete(k); });
    var qs = params.toString();
    return window.location.pathname + (qs ? '?' + qs : '');
  }

  /** The filters as the API's list and search routes name them (a document's year is doc_year there). */
  function scopeParams(filters) {
    return { doc: filters.doc, issuer: filters.issuer, level: filters.level, doc_year: filters.year };
  }

  function initDocFilter() {
    $('#doc-filter').addEventListener('submit', function (ev) {
      ev.preventDefault();
      var changes = {};
      FILTER_KEYS.forEach(function (k) { changes[k] = $('#doc-filter [name=' + k + ']').value.trim(); });
      navigate(viewUrl(changes), false);
    });
  }

  /** The one filter form, moved into the view that shows it, with the address's filters and the library's documents. */
  function showDocFilter(view) {
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

  // ================================================================ search
  var EXAMPLES = ['哪些任务由市科技局负责', '企业贷款难怎么办', '提升协同创新能力由哪些单位负责', '2028年的目标有哪些', '先进陶瓷集群在哪些区县'];
  var searchSeq = 0;

  function initSearch() {
    var ex = $('#examples');
    EXAMPLES.forEach(function (q) {
      ex.appendChild(h('a', { class: 'chip', href: '/?q=' + encodeURIComponent(q) }, q));
    });
    $('#search-form').addEventListener('submit', function (ev) {
      ev.preventDefault();
      var q = $('#q').value.trim();
      var box = $('#search-results');
      if (!q) {
        box.dataset.state = 'error';
        showError(box, new ApiError(400, 'bad_request', 'the question is empty'));
        return;
      }
      var url = viewUrl({ q: q });
      navigate(url, url === window.location.pathname + window.location.search);
    });
  }

  views.search = function () {
    var q = new URLSearchParams(window.location.search).get('q') || '';
    var filters = showDocFilter('search');
    $('#q').value = q;
    if (q.trim()) runSearch(q.trim(), filters);
    else showWelcome();
  };

  function showWelcome() {
    var box = clear($('#search-results'));
    box.dataset.state = 'idle';
    var seq = ++searchSeq;
    Promise.all([cached('/api/documents'), cached('/api/tasks'), cached('/api/units'), cached('/api/targets')]).then(function (r) {
      if (seq !== searchSeq) return;
      var docs = r[0].documents, tasks = r[1].tasks, units = r[2].units.filter(function (u) { return u.lead + u.co > 0; });
      box.appendChild(h('div', { class: 'stats' },
        stat(docs.length, '规划文件'), stat(tasks.length, '任务条目'), stat(units.length, '责任单位'), stat(r[3].targets.length, '量化目标')));
      box.appendChild(h('div', { class: 'card' },
        h('div', { class: 'card-head' }, h('h2', null, '已收录的规划文件')),
        docs.length ? h('ul', { class: 'doc-list' }, docs.map(function (d) {
          return h('li', null,
            h('a', { href: docHref(d.id), class: 'doc-title' }, d.title || d.id),
            h('div', { class: 'muted' }, [d.office, d.date, d.period ? d.period.join('—') + '年' : null, d.items + ' 项任务']
              .filter(Boolean).join(' · ')));
        })) : h('p', { class: 'muted' }, '尚未导入任何规划文件。')));
    }).catch(function () { /* the welcome panel is optional */ });
  }

  function stat(value, label) {
    return h('div', { class: 'stat' }, h('span', { class: 'stat-value' }, String(value)), h('span', { class: 'stat-label' }, label));
  }

  /** The exact answer and the ranked hits, both from the documents the filters keep. */
  function runSearch(q, filters) {
    var box = clear($('#search-results'));
    var seq = ++searchSeq;
    box.dataset.state = 'loading';
    box.appendChild(loading('正在检索“' + q + '”…'));
    api('/api/search', Object.assign({ q: q, k: 10 }, scopeParams(filters))).then(function (res) {
      if (seq !== searchSeq) return;
      clear(box);
      var terms = queryTerms(q);
      if (res.answer) box.appendChild(renderAnswer(res.answer, terms));
      box.appendChild(renderHits(res.hits || [], terms, q, res.relevant));
      box.dataset.hitCount = String((res.hits || []).length);
      box.dataset.answerCount = res.answer ? String(res.answer.answers.length) : '';
      box.dataset.state = 'done';
    }).catch(function (err) {
      if (seq !== searchSeq) return;
      box.dataset.state = 'error';
      showError(box, err);
    });
  }

  function entitySummary(ents) {
    var names = { unit: '单位', task: '任务', industry: '产业', region: '地区', year: '年份' };
    var parts = [];
    Object.keys(names).forEach(function (k) {
      if (ents && ents[k]) parts.push(h('span', { class: 'entity' }, names[k] + '：', h('strong', null, String(ents[k]))));
    });
    if (ents && ents.role && ents.role !== 'any') parts.push(h('span', { class: 'entity' }, '角色：', h('strong', null, ROLE_LABEL[ents.role] || ents.role)));
    return parts;
  }

  function translateNote(note) {
    var m = String(note || '').match(/^(.*) is not named as a responsible unit in any ingested plan$/);
    if (m) return '“' + m[1] + '”不是已导入规划中的责任单位，因此没有精确答案；下面是语义相关的条目。';
    return note;
  }

  function renderAnswer(answer, terms) {
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

  function sourceLink(doc, ev, text) {
    if (!doc) return null;
    return h('a', { class: 'source-link', href: ev ? docHref(doc, ev.start, ev.end) : docHref(doc) }, text || '查看原文');
  }

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

  function renderHits(hits, terms, q, relevant) {
    var sec = h('section', { class: 'card hits-card', id: 'hits', dataset: { relevant: String(relevant !== false) } },
      h('div', { class: 'card-head' }, h('h2', null, h('span', { class: 'tag tag-ranked' }, '语义检索'), ' 相关任务'),
        h('span', { class: 'muted' }, hits.length ? '按相关度排序，共 ' + hits.length + ' 条' : '')));
    if (!hits.length) {
      sec.appendChild(h('p', { class: 'muted' }, '没有找到与“' + q + '”相关的任务，请换个说法试试。'));
      return sec;
    }
    var list = h('ol', { class: 'hit-list', id: 'hit-list' });
    if (relevant === false) {
      // Nothing is closer to the question than off-topic questions get: say so, keep the nearest out of the way.
      sec.appendChild(h('p', { class: 'no-result', id: 'no-result' }, h('strong', null, '没有找到相关内容。'),
        '已收录的规划文件中没有与“' + q + '”相关的条目，请换个说法，或询问规划中的任务、单位、目标和产业。'));
      var more = h('details', { class: 'nearest' }, h('summary', null, '仍然查看最接近的 ' + hits.length + ' 条'));
      more.appendChild(list);
      sec.appendChild(more);
    }
    hits.forEach(function (hit, i) {
      var meta = h('div', { class: 'hit-meta' }, h('span', { class: 'muted small' }, '正在加载责任单位…'));
      var links = h('div', { class: 'item-links' });
      var li = h('li', { class: 'hit', dataset: { taskId: hit.id } },
        h('div', { class: 'hit-head' },
          h('span', { class: 'rank' }, String(i + 1)),
          h('span', { class: 'task-no' }, isTaskHit(hit) ? hit.number : '目标'),
          h('span', { class: 'hit-title' }, hit.title),
          h('span', { class: 'score', title: '相关度得分' }, '相关度 ' + Number(hit.score).toFixed(3))),
        h('p', { class: 'passage' }, highlighted(passageText(hit), terms)),
        meta, links);
      list.appendChild(li);
      fillHit(hit, meta, links);
    });
    if (relevant !== false) sec.appendChild(list);
    return sec;
  }

  /** The hit's passage without the heading the index prefixes to it (the heading is shown above). */
  function passageText(hit) {
    var p = String(hit.text || '');
    if (hit.title && p.indexOf(hit.title) === 0) {
      var rest = p.slice(hit.title.length).replace(/^[：:。．.、\s]+/, '');
      if (rest.length >= 4) return rest;
    }
    return p;
  }

  /** Hits on a task carry its public id "<doc>.<ordinal>"; others (the plan's goals section) do not. */
  function isTaskHit(hit) { return /\.\d+$/.test(String(hit.id)) && hit.passage_kind !== 'goal'; }

  /** Units, targets and an exact source link for one hit (task details fetched lazily). */
  function fillHit(hit, meta, links) {
    var taskP = isTaskHit(hit) ? cached('/api/tasks/' + encodeURIComponent(hit.id)) : Promise.reject(new ApiError(0, 'not_a_task', ''));
    var docP = cached('/api/documents/' + encodeURIComponent(hit.doc));
    taskP.then(function (task) {
      clear(meta);
      meta.appendChild(h('span', { class: 'kind kind-' + task.kind }, KIND_LABEL[task.kind] || task.kind));
      if (task.lead.length) meta.appendChild(h('span', { class: 'units' }, roleBadge('lead'), task.lead.join('、')));
      if (task.co.length) meta.appendChild(h('span', { class: 'units' }, roleBadge('co'), task.co.join('、')));
      if (task.targets.length) {
        meta.appendChild(h('ul', { class: 'target-mini' }, task.targets.map(function (t) {
          return h('li', null, h('span', { class: 'target-value' }, formatValue(t)), ' ', t.metric,
            t.year ? h('span', { class: 'muted' }, '（' + (t.yearly ? '每年，至' : '') + t.year + '年）') : null);
        })));
      }
      return docP.then(function (doc) {
        var span = locatePassage(hit, task, Array.from(doc.text || ''));
        links.appendChild(sourceLink(hit.doc, span, '查看原文'));
      }, function () {
        links.appendChild(sourceLink(hit.doc, task.evidence, '查看原文'));
      }).then(function () {
        links.appendChild(h('a', { href: '/graph?focus=' + encodeURIComponent(hit.id) }, '图谱'));
      });
    }, function () {
      // Not a task (e.g. the plan's goals section): link the passage in the document if it is there.
      clear(meta);
      if (!isTaskHit(hit)) meta.appendChild(h('span', { class: 'kind' }, '总体目标与要求'));
      docP.then(function (doc) {
        var chars = Array.from(doc.text || '');
        links.appendChild(sourceLink(hit.doc, locatePassage(hit, null, chars), '查看原文'));
      }, function () { links.appendChild(sourceLink(hit.doc, null, '查看原文')); });
    });
  }

  /** The hit's passage inside the document (code-point span), else the task's own span. */
  function locatePassage(hit, task, chars) {
    var fallback = task && task.evidence ? { start: task.evidence.start, end: task.evidence.end } : null;
    if (hit.passage_kind === 'target' && task) {
      var t = task.targets.filter(function (x) { return x.evidence && hit.text.indexOf(x.evidence.text) !== -1; })[0];
      if (t) return { start: t.evidence.start, end: t.evidence.end };
    }
    var p = passageText(hit).replace(/（\d{4}年目标）$/, '');
    if (p.length < 4) return fallback;
    var text = chars.join('');
    var from = 0;
    if (fallback) from = cpSlice(chars, 0, fallback.start).length;
    var i = text.indexOf(p, from);
    if (i === -1) i = text.indexOf(p);
    if (i === -1) return fallback;
    var start = Array.from(text.slice(0, i)).length;
    return { start: start, end: start + Array.from(p).length };
  }

  // ================================================================ source document
  var docState = { id: null, chars: null, meta: null };

  views.doc = function (r) {
    var msg = clear($('#doc-message'));
    var back = $('#doc-back');
    back.onclick = function (ev) {
      if (inAppNavigations > 0) { ev.preventDefault(); history.back(); }
    };
    if (docState.id === r.doc && docState.chars) { paintDoc(); return; }
    var textEl = clear($('#doc-text'));
    clear($('#doc-meta'));
    $('#doc-heading').textContent = '原文';
    textEl.appendChild(loading('正在加载原文…'));
    textEl.dataset.state = 'loading';
    api('/api/documents/' + encodeURIComponent(r.doc)).then(function (d) {
      docState = { id: r.doc, chars: Array.from(d.text || ''), meta: d };
      paintDoc();
    }).catch(function (err) {
      clear(textEl);
      textEl.dataset.state = 'error';
      showError(msg, err);
    });
  };

  function parseSpan() {
    var m = window.location.hash.match(/^#(\d+)-(\d+)$/);
    if (!m) return null;
    var a = parseInt(m[1], 10), b = parseInt(m[2], 10);
    return b > a ? { start: a, end: b } : null;
  }

  function joinNodes(nodes, sep) {
    var out = [];
    nodes.forEach(function (n, i) { if (i) out.push(sep); out.push(n); });
    return out;
  }

  function paintDoc() {
    var d = docState.meta, chars = docState.chars;
    $('#doc-heading').textContent = d.title || d.id;
    var meta = clear($('#doc-meta'));
    var LEVEL = { national: '国家', provincial: '省级', city: '市级', county: '区县级' };
    [['文号', d.doc_no], ['发文机关', d.office], ['成文日期', d.date], ['印发日期', d.printed], ['文种', d.kind], ['层级', LEVEL[d.level]],
      ['规划期', d.period ? d.period.join('—') + '年' : null], ['任务条目', d.items !== undefined ? d.items + ' 项' : null]]
      .forEach(function (kv) { if (kv[1]) meta.appendChild(h('span', null, h('b', null, kv[0] + '：'), kv[1])); });
    // 依据: what the document cites (a link where the library holds it); 被引用: who cites it.
    var cites = (d.cites || []).map(function (c) {
      var label = '《' + c.title + '》' + (c.implements ? '（贯彻落实）' : '');
      return c.doc ? h('a', { href: docHref(c.doc), class: 'doc-link', dataset: { doc: c.doc } }, label) : h('span', null, label);
    });
    if (cites.length) meta.appendChild(h('span', { class: 'doc-cites' }, h('b', null, '依据：'), joinNodes(cites, '；')));
    var citedBy = (d.cited_by || []).map(function (c) {
      return h('a', { href: docHref(c.doc), class: 'doc-link', dataset: { doc: c.doc } }, c.doc + (c.implements ? '（贯彻落实）' : ''));
    });
    if (citedBy.length) meta.appendChild(h('span', { class: 'doc-cited-by' }, h('b', null, '被引用：'), joinNodes(citedBy, '；')));
    var textEl = clear($('#doc-text'));
    var span = parseSpan();
    var note = $('#doc-span-note');
    if (span && span.end <= chars.length) {
      textEl.appendChild(document.createTextNode(cpSlice(chars, 0, span.start)));
      var mark = h('mark', { id: 'doc-highlight', class: 'doc-highlight', tabindex: '-1' }, cpSlice(chars, span.start, span.end));
      textEl.appendChild(mark);
      textEl.appendChild(document.createTextNode(cpSlice(chars, span.end)));
      textEl.dataset.hlStart = String(span.start);
      textEl.dataset.hlEnd = String(span.end);
      note.hidden = false;
      clear(note).appendChild(h('span', null, '高亮部分为引用的原文（第 ' + (span.start + 1) + '–' + span.end + ' 字）。'));
      requestAnimationFrame(function () { mark.scrollIntoView({ block: 'center' }); });
    } else {
      textEl.appendChild(document.createTextNode(chars.join('')));
      delete textEl.dataset.hlStart;
      delete textEl.dataset.hlEnd;
      note.hidden = !span;
      if (span) clear(note).appendChild(h('span', null, '指定的引用位置超出了文件范围，显示全文。'));
    }
    textEl.dataset.state = 'done';
  }

  window.addEventListener('hashchange', function () { if (current === 'doc' && docState.chars) paintDoc(); });

  // ================================================================ graph
  var cy = null;
  var cyLoading = null;
  var graphSeq = 0;

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

  function initGraphView() {
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

  function shortLabel(label) {
    label = String(label || '').replace(/^(\d+\.) /, '$1');  // "9.发掘…": no space for the wrap to break at
    return label.length > 18 ? label.slice(0, 17) + '…' : label;
  }

  function nodeData(n, focusIds) {
    return { group: 'nodes', data: { id: n.id, label: n.label, short: shortLabel(n.label), type: n.type, focus: focusIds.indexOf(n.id) !== -1 } };
  }

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

  views.graph = function () {
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
  };

  /** The graph API takes a node IRI as focus; IRIs longer than its limit go by label instead. */
  function focusKey(node) {
    var id = node.id();
    return id.length <= 200 ? id : node.data('label');
  }

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

  function taskIdFromIri(iri) {
    var m = String(iri).match(/\/doc\/([^/]+)\/item\/(\d+)$/);
    return m ? decodeURIComponent(m[1]) + '.' + m[2] : null;
  }

  function docIdFromIri(iri) {
    var m = String(iri).match(/\/doc\/([^/]+)$/);
    return m ? decodeURIComponent(m[1]) : null;
  }

  function dl(pairs) {
    var el = h('dl', { class: 'kv' });
    pairs.forEach(function (p) {
      if (p[1] === null || p[1] === undefined || p[1] === '' || (Array.isArray(p[1]) && !p[1].length)) return;
      el.appendChild(h('dt', null, p[0]));
      el.appendChild(h('dd', null, Array.isArray(p[1]) ? p[1].join('、') : p[1]));
    });
    return el;
  }

  function showNodeDetails(node) {
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

  // ================================================================ responsibility matrix
  var matrixData = null;
  var matrixSort = { key: 'total', dir: -1 };

  function initMatrix() {
    $('#matrix-sort').addEventListener('change', function (ev) {
      matrixSort = { key: ev.target.value, dir: ev.target.value === 'name' ? 1 : -1 };
      paintMatrix();
    });
    $('#matrix-filter').addEventListener('input', paintMatrix);
  }

  views.matrix = function () {
    var msg = clear($('#matrix-message'));
    var filters = showDocFilter('matrix'), key = JSON.stringify(filters);
    if (matrixData && matrixData.key === key) { paintMatrix(); return; }
    var table = clear($('#matrix-table'));
    table.dataset.state = 'loading';
    clear($('#workload-chart')).appendChild(loading());
    // The tasks of the documents the filters keep; units and their aliases come from the whole library.
    Promise.all([cached('/api/tasks', scopeParams(filters)), cached('/api/units')]).then(function (r) {
      if (JSON.stringify(docFilters()) !== key) return;  // the filters changed while loading
      var tasks = r[0].tasks;
      var rows = {};
      tasks.forEach(function (t) {
        [['lead', t.lead], ['co', t.co]].forEach(function (pair) {
          pair[1].forEach(function (name) {
            var row = rows[name] || (rows[name] = { name: name, lead: 0, co: 0, cells: {} });
            row[pair[0]] += 1;
            row.cells[t.id] = pair[0];
          });
        });
      });
      // Each row is found by its name or any alias: 市科技局, 科技局 and 市科学技术局 are one unit.
      var aliases = {};
      r[1].units.forEach(function (u) { aliases[u.name] = [u.name].concat(u.aliases || []); });
      var list = Object.keys(rows).map(function (k) { rows[k].names = aliases[k] || [k]; return rows[k]; });
      matrixData = { key: key, tasks: tasks, rows: list };
      // The workload of the tasks shown, counted as the table counts them (by unit name).
      paintWorkloadChart(list);
      paintMatrix();
    }).catch(function (err) {
      clear($('#workload-chart'));
      table.dataset.state = 'error';
      showError(msg, err);
    });
  };

  /** "Did you mean": the server's close unit names for a filter that matches none, as buttons that set it. */
  function suggestUnits(filter, where) {
    api('/api/tasks', { unit: filter }).catch(function (err) {
      var names = (err.params && err.params.suggestions) || [];
      if (!names.length || $('#matrix-filter').value.trim() !== filter) return;
      where.appendChild(h('span', { class: 'suggestions' }, ' 您是不是要找：', joinNodes(names.map(function (name) {
        return h('button', { type: 'button', class: 'chip suggestion', dataset: { unit: name }, onclick: function () {
          $('#matrix-filter').value = name;
          paintMatrix();
        } }, name);
      }), ' ')));
    });
  }

  function sortRows(rows) {
    var k = matrixSort.key, dir = matrixSort.dir;
    return rows.slice().sort(function (a, b) {
      if (k === 'name') return dir * a.name.localeCompare(b.name, 'zh-CN');
      var va = k === 'total' ? a.lead + a.co : a[k], vb = k === 'total' ? b.lead + b.co : b[k];
      if (va !== vb) return dir * (va - vb);
      if (a.lead !== b.lead) return b.lead - a.lead;
      return a.name.localeCompare(b.name, 'zh-CN');
    });
  }

  function paintMatrix() {
    if (!matrixData) return;
    var table = clear($('#matrix-table'));
    var filter = $('#matrix-filter').value.trim();
    var rows = sortRows(matrixData.rows).filter(function (r) {
      return !filter || r.names.some(function (n) { return n.indexOf(filter) !== -1; });
    });
    $('#matrix-sort').value = matrixSort.key;

    function sortHeader(key, text, cls) {
      var active = matrixSort.key === key;
      return h('th', { scope: 'col', class: 'sortable ' + (cls || ''), 'aria-sort': active ? (matrixSort.dir > 0 ? 'ascending' : 'descending') : 'none' },
        h('button', { type: 'button', dataset: { sort: key }, onclick: function () {
          matrixSort = { key: key, dir: active ? -matrixSort.dir : (key === 'name' ? 1 : -1) };
          paintMatrix();
        } }, text, h('span', { class: 'sort-ind', 'aria-hidden': 'true' }, active ? (matrixSort.dir > 0 ? '▲' : '▼') : '↕')));
    }

    var headRow = h('tr', null, sortHeader('name', '责任单位', 'col-unit'), sortHeader('lead', '牵头', 'col-num'),
      sortHeader('co', '配合', 'col-num'), sortHeader('total', '合计', 'col-num'));
    matrixData.tasks.forEach(function (t) {
      headRow.appendChild(h('th', { scope: 'col', class: 'col-task kind-' + t.kind, title: t.number + ' ' + t.title + '（' + (KIND_LABEL[t.kind] || '') + '）' },
        h('a', { href: '/graph?focus=' + encodeURIComponent(t.id) },
          h('span', { class: 'task-num' }, t.number), h('span', { class: 'task-vert' }, t.title))));
    });
    table.appendChild(h('thead', null, headRow));

    var tbody = h('tbody');
    rows.forEach(function (r) {
      var tr = h('tr', { dataset: { unit: r.name } },
        h('th', { scope: 'row', class: 'col-unit' }, h('a', { href: '/graph?focus=' + encodeURIComponent(r.name) }, r.name)),
        h('td', { class: 'col-num' + (r.lead ? ' num-lead' : ' num-zero') }, String(r.lead)), h('td', { class: 'col-num' }, String(r.co)),
        h('td', { class: 'col-num num-total' }, String(r.lead + r.co)));
      matrixData.tasks.forEach(function (t) {
        var role = r.cells[t.id];
        tr.appendChild(role
          ? h('td', { class: 'cell cell-' + role, title: r.name + ' · ' + t.number + ' ' + t.title + ' · ' + ROLE_LABEL[role], dataset: { role: role } },
            h('span', { 'aria-hidden': 'true' }, role === 'lead' ? '●' : '○'), h('span', { class: 'visually-hidden' }, ROLE_LABEL[role]))
          : h('td', { class: 'cell' }));
      });
      tbody.appendChild(tr);
    });
    if (!rows.length) {
      var cell = h('td', { colspan: String(4 + matrixData.tasks.length), class: 'muted' }, '没有匹配的单位。');
      tbody.appendChild(h('tr', null, cell));
      suggestUnits(filter, cell);
    }
    table.appendChild(tbody);

    var foot = h('tr', null, h('th', { scope: 'row', class: 'col-unit' }, '责任单位数'), h('td'), h('td'), h('td'));
    matrixData.tasks.forEach(function (t) { foot.appendChild(h('td', { class: 'cell cell-count' }, String(t.lead.length + t.co.length))); });
    table.appendChild(h('tfoot', null, foot));
    table.dataset.rowCount = String(rows.length);
    table.dataset.state = 'done';
  }

  /** Horizontal stacked bars (lead + co) per unit, drawn in SVG. */
  function paintWorkloadChart(units) {
    var box = clear($('#workload-chart'));
    var data = units.filter(function (u) { return u.lead + u.co > 0; })
      .sort(function (a, b) { return (b.lead + b.co) - (a.lead + a.co) || b.lead - a.lead; });
    if (!data.length) { box.appendChild(h('p', { class: 'muted' }, '暂无数据。')); return; }
    var max = Math.max.apply(null, data.map(function (u) { return u.lead + u.co; }));
    var labelW = 230, barW = 520, rowH = 24, top = 8, width = labelW + barW + 60;
    var height = top + data.length * rowH + 24;
    var svg = s('svg', { viewBox: '0 0 ' + width + ' ' + height, class: 'bar-chart', role: 'img', 'aria-label': '各单位牵头与配合任务数' });
    // grid lines
    var step = max > 10 ? 5 : max > 5 ? 2 : 1;
    for (var v = 0; v <= max; v += step) {
      var gx = labelW + (v / max) * barW;
      svg.appendChild(s('line', { x1: gx, x2: gx, y1: top - 4, y2: height - 20, class: 'grid' }));
      svg.appendChild(s('text', { x: gx, y: height - 6, class: 'axis', 'text-anchor': 'middle' }, String(v)));
    }
    data.forEach(function (u, i) {
      var y = top + i * rowH;
      var wl = (u.lead / max) * barW, wc = (u.co / max) * barW;
      var g = s('g', { class: 'bar-row', dataset: { unit: u.name } },
        s('title', null, u.name + '：牵头 ' + u.lead + ' 项，配合 ' + u.co + ' 项'),
        s('text', { x: labelW - 8, y: y + rowH / 2 + 4, class: 'label', 'text-anchor': 'end' }, u.name.length > 15 ? u.name.slice(0, 14) + '…' : u.name),
        u.lead ? s('rect', { x: labelW, y: y + 4, width: wl, height: rowH - 8, class: 'bar-lead', rx: 2 }) : null,
        u.co ? s('rect', { x: labelW + wl, y: y + 4, width: wc, height: rowH - 8, class: 'bar-co', rx: 2 }) : null,
        s('text', { x: labelW + wl + wc + 6, y: y + rowH / 2 + 4, class: 'value' }, (u.lead ? u.lead + ' + ' : '') + u.co));
      svg.appendChild(g);
    });
    box.appendChild(svg);
    box.dataset.barCount = String(data.length);
  }

  // ================================================================ targets
  var targetsData = null;

  function initTargets() {
    document.querySelectorAll('#view-targets [role=tab]').forEach(function (b) {
      b.addEventListener('click', function () {
        navigate(viewUrl({ by: b.dataset.group === 'year' ? '' : b.dataset.group, kind: '' }), true);
      });
    });
    $('#incentive-kind').addEventListener('change', function (e) {
      navigate(viewUrl({ by: 'incentive', kind: e.target.value }), true);
    });
  }

  /** The filter form shows the address's filters, with the library's documents to choose from. */
  var INCENTIVE_KIND = { award: '奖励', subsidy: '补贴', rate: '比例', cap: '上限', threshold: '门槛条件' };

  /** Incentives grouped by document; the kind filter runs in the API (GET /api/incentives?kind=). */
  function paintIncentives(kind, filters) {
    var box = clear($('#targets-groups'));
    var msg = $('#targets-message');
    box.appendChild(loading());
    box.dataset.state = 'loading';
    $('#incentive-kind').value = kind;
    var query = { kind: kind, doc: filters.doc, issuer: filters.issuer, level: filters.level, doc_year: filters.year };
    Promise.all([api('/api/incentives', query), cached('/api/documents')]).then(function (res) {
      var r = res[0];
      var titles = {};
      res[1].documents.forEach(function (d) { titles[d.id] = d.title || d.id; });
      clear(box);
      var byDoc = {};
      r.incentives.forEach(function (x) { (byDoc[x.doc] = byDoc[x.doc] || []).push(x); });
      Object.keys(byDoc).sort().forEach(function (doc) {
        box.appendChild(h('section', { class: 'target-group', dataset: { group: doc } },
          h('div', { class: 'group-head' }, h('h2', null, titles[doc] || doc), h('span', { class: 'count' }, byDoc[doc].length + ' 项')),
          h('div', { class: 'target-grid' }, byDoc[doc].map(incentiveCard))));
      });
      if (!r.incentives.length) box.appendChild(h('p', { class: 'muted empty' }, '没有找到符合条件的激励措施。'));
      box.dataset.state = 'done';
      box.dataset.groupBy = 'incentive';
    }).catch(function (err) {
      clear(box);
      box.dataset.state = 'error';
      showError(msg, err);
    });
  }

  function incentiveCard(x) {
    return h('article', { class: 'target-card incentive-card', dataset: { kind: x.kind } },
      h('div', { class: 'target-metric' }, h('span', { class: 'tag tag-exact' }, INCENTIVE_KIND[x.kind] || x.kind),
        x.beneficiary ? ' ' + x.beneficiary : ''),
      h('div', { class: 'target-figure' }, h('span', { class: 'num' }, String(x.amount)), h('span', { class: 'unit' }, x.unit)),
      x.condition ? h('div', { class: 'target-qual' }, '条件：' + x.condition) : null,
      h('div', { class: 'target-task' }, h('span', { class: 'task-no' }, x.number),
        h('a', { href: '/graph?focus=' + encodeURIComponent(x.task_id) }, x.task)),
      h('blockquote', { class: 'evidence' }, x.text),
      h('div', { class: 'item-links' }, sourceLink(x.doc, x.evidence, '原文出处')));
  }

  views.targets = function () {
    var params = new URLSearchParams(window.location.search);
    var by = ['industry', 'incentive'].indexOf(params.get('by')) >= 0 ? params.get('by') : 'year';
    document.querySelectorAll('#view-targets [role=tab]').forEach(function (b) {
      b.setAttribute('aria-selected', String(b.dataset.group === by));
    });
    $('#incentive-filter').hidden = by !== 'incentive';
    $('#targets-stats').hidden = $('#view-targets .chart-row').hidden = by === 'incentive';
    var msg = clear($('#targets-message'));
    var filters = showDocFilter('targets'), filterKey = JSON.stringify(filters);
    if (by === 'incentive') {
      var kind = params.get('kind') || '';
      paintIncentives(INCENTIVE_KIND[kind] ? kind : '', filters);
      return;
    }
    if (targetsData && targetsData.filterKey === filterKey) { paintTargets(by); return; }
    var groups = clear($('#targets-groups'));
    groups.appendChild(loading());
    groups.dataset.state = 'loading';
    // Targets of the year asked for (their own year), of the documents the filters keep.
    var scope = { doc: filters.doc, issuer: filters.issuer, level: filters.level };
    var targetScope = Object.assign({ year: filters.year }, scope);
    Promise.all([cached('/api/targets', targetScope), cached('/api/tasks', scope), cached('/api/industries')]).then(function (r) {
      var tasksById = {};
      r[1].tasks.forEach(function (t) { tasksById[t.id] = t; });
      var tops = r[2].industries.filter(function (i) { return !i.broader; });
      // Each industry's targets as the server answers 直升机产业有哪些目标: one rule for the search and every tab.
      return Promise.all(tops.map(function (i) {
        return cached('/api/targets', Object.assign({ industry: i.label }, targetScope));
      })).then(function (per) {
        var byIndustry = {};
        tops.forEach(function (i, k) { byIndustry[i.label] = per[k].targets; });
        targetsData = { targets: r[0].targets, tasks: tasksById, industries: r[2].industries, byIndustry: byIndustry,
                        filterKey: filterKey };
        paintTargetStats();
        paintTargets(by);
      });
    }).catch(function (err) {
      clear(groups);
      groups.dataset.state = 'error';
      showError(msg, err);
    });
  };

  function paintTargetStats() {
    var d = targetsData;
    var years = uniq(d.targets.map(function (t) { return t.year; }).filter(Boolean)).sort();
    var taskCount = uniq(d.targets.map(function (t) { return t.task_id; }).filter(Boolean)).length;
    var goals = d.targets.filter(function (t) { return !t.task_id; }).length;
    var box = clear($('#targets-stats'));
    box.appendChild(stat(d.targets.length, '量化目标'));
    box.appendChild(stat(years.length ? years.join('、') : '—', '目标年份'));
    box.appendChild(stat(taskCount, '涉及任务'));
    box.appendChild(stat(goals, '总体目标'));

    var byYear = {};
    d.targets.forEach(function (t) { var y = t.year ? String(t.year) : '未注明'; byYear[y] = (byYear[y] || 0) + 1; });
    columnChart($('#targets-year-chart'), Object.keys(byYear).sort().map(function (y) { return { label: y === '未注明' ? y : y + '年', value: byYear[y] }; }));

    var byUnit = {};
    d.targets.forEach(function (t) {
      var task = t.task_id ? d.tasks[t.task_id] : null;
      var names = task ? task.lead : ['（总体目标）'];
      names.forEach(function (n) { byUnit[n] = (byUnit[n] || 0) + 1; });
    });
    barChart($('#targets-unit-chart'), Object.keys(byUnit).map(function (n) { return { label: n, value: byUnit[n] }; })
      .sort(function (a, b) { return b.value - a.value; }));
  }

  function columnChart(box, data) {
    clear(box);
    if (!data.length) { box.appendChild(h('p', { class: 'muted' }, '暂无数据。')); return; }
    var max = Math.max.apply(null, data.map(function (x) { return x.value; }));
    var colW = 70, gap = 30, left = 30, chartH = 150, top = 20;
    var width = Math.max(320, left + data.length * (colW + gap));
    var svg = s('svg', { viewBox: '0 0 ' + width + ' ' + (top + chartH + 30), class: 'bar-chart column-chart', role: 'img', 'aria-label': '各年份目标数', style: 'max-width:' + width + 'px' });
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

  function barChart(box, data) {
    clear(box);
    if (!data.length) { box.appendChild(h('p', { class: 'muted' }, '暂无数据。')); return; }
    var max = Math.max.apply(null, data.map(function (x) { return x.value; }));
    var labelW = 170, barW = 230, rowH = 24, width = labelW + barW + 40, height = data.length * rowH + 8;
    var svg = s('svg', { viewBox: '0 0 ' + width + ' ' + height, class: 'bar-chart', role: 'img', 'aria-label': '各牵头单位目标数', style: 'max-width:' + width + 'px' });
    data.forEach(function (d, i) {
      var y = 4 + i * rowH, w = (d.value / max) * barW;
      svg.appendChild(s('g', null, s('title', null, d.label + '：' + d.value + ' 项'),
        s('text', { x: labelW - 8, y: y + rowH / 2 + 4, class: 'label', 'text-anchor': 'end' }, d.label.length > 12 ? d.label.slice(0, 11) + '…' : d.label),
        s('rect', { x: labelW, y: y + 4, width: w, height: rowH - 8, class: 'bar-lead', rx: 2 }),
        s('text', { x: labelW + w + 6, y: y + rowH / 2 + 4, class: 'value' }, String(d.value))));
    });
    box.appendChild(svg);
  }

  function paintTargets(by) {
    var d = targetsData;
    var box = clear($('#targets-groups'));
    var groups = [];
    if (by === 'year') {
      var years = {};
      d.targets.forEach(function (t) { var y = t.year ? String(t.year) : ''; (years[y] = years[y] || []).push(t); });
      Object.keys(years).sort().forEach(function (y) {
        groups.push({ key: y || 'none', title: y ? y + ' 年' : '未注明年份', targets: years[y] });
      });
    } else {
      var tops = d.industries.filter(function (i) { return !i.broader; })
        .sort(function (a, b) { return (b.leading_cluster - a.leading_cluster) || a.label.localeCompare(b.label, 'zh-CN'); });
      var placed = {};
      tops.forEach(function (top) {
        var children = d.industries.filter(function (i) { return i.broader === top.label; }).map(function (i) { return i.label; });
        var list = d.byIndustry[top.label] || [];
        list.forEach(function (t) { placed[t.id] = true; });
        groups.push({ key: top.label, title: top.label, tag: top.leading_cluster ? '主导产业集群' : null, sub: children, targets: list });
      });
      var none = d.targets.filter(function (t) { return !placed[t.id]; });
      groups.push({ key: 'none', title: '未关联具体产业', note: '未标注产业的任务目标和规划总体目标', targets: none });
    }
    groups.forEach(function (g) {
      var sec = h('section', { class: 'target-group', dataset: { group: g.key } },
        h('div', { class: 'group-head' },
          h('h2', null, g.title, g.tag ? h('span', { class: 'tag tag-exact' }, g.tag) : null),
          h('span', { class: 'count' }, g.targets.length + ' 项目标')),
        g.sub && g.sub.length ? h('div', { class: 'chips' }, h('span', { class: 'muted small' }, '细分领域：'), g.sub.map(function (x) { return h('span', { class: 'chip chip-static' }, x); })) : null,
        g.note ? h('p', { class: 'muted small' }, g.note) : null);
      if (g.targets.length) sec.appendChild(h('div', { class: 'target-grid' }, g.targets.map(targetCard)));
      else sec.appendChild(h('p', { class: 'muted empty' }, '暂无量化目标。'));
      box.appendChild(sec);
    });
    box.dataset.state = 'done';
    box.dataset.groupBy = by;
  }

  function targetCard(t) {
    var task = t.task_id ? targetsData.tasks[t.task_id] : null;
    var c = COMPARATOR[t.comparator] || { sym: '', word: '' };
    var deadline = t.deadline || (t.year ? '到' + t.year + '年' : '');
    var when = [deadline, t.yearly && deadline.indexOf('每年') === -1 ? '每年' : '', t.year_inferred ? '（年份据规划期推断）' : ''].filter(Boolean).join(' ');
    return h('article', { class: 'target-card', dataset: { year: t.year ? String(t.year) : '', planWide: String(!task) } },
      h('div', { class: 'target-metric' }, t.metric),
      h('div', { class: 'target-figure', title: (c.sym ? c.sym + ' ' : '') + t.value + (t.unit || '') },
        c.word && !c.after ? h('span', { class: 'cmp-word' }, c.word) : null,
        h('span', { class: 'num' }, String(t.value)), h('span', { class: 'unit' }, t.unit || ''),
        c.word && c.after ? h('span', { class: 'cmp-word' }, c.word) : null),
      h('div', { class: 'target-when' }, when),
      t.qualifier ? h('div', { class: 'target-qual' }, '条件：' + t.qualifier) : null,
      h('div', { class: 'target-task' }, task
        ? [h('span', { class: 'task-no' }, task.number), h('a', { href: '/graph?focus=' + encodeURIComponent(task.id) }, task.title)]
        : h('span', { class: 'tag tag-goal', title: '写在规划“工作目标”中，不属于某一项任务' },
          t.via ? '规划总体目标（涵盖全部' + t.via + '）' : '规划总体目标')),
      task && task.lead.length ? h('div', { class: 'target-units' }, roleBadge('lead'), task.lead.join('、')) : null,
      h('blockquote', { class: 'evidence' }, t.text),
      h('div', { class: 'item-links' }, sourceLink(t.doc, t.evidence, '原文出处')));
  }

  // ================================================================ industry chains
  var STAGES = ['upstream', 'midstream', 'downstream'];
  var STAGE_LABEL = { upstream: '上游', midstream: '中游', downstream: '下游' };
  var SEGMENT_KIND_LABEL = { materials: '原材料', components: '零部件', systems: '系统', products: '整机/产品', applications: '应用', services: '服务' };
  var STATUS_LABEL = { gap: '缺失', weak: '薄弱', present: '已有', unknown: '待核实' };
  var STATUS_HINT = {
    gap: '企业名录中没有该环节企业', weak: '仅有少量非规上企业', present: '已有规上/龙头或多家企业', unknown: '未导入企业名录，无法判断'
  };
  var STATUS_ORDER = ['gap', 'weak', 'present', 'unknown'];
  var CHAIN_GEOM = { boxW: 138, boxH: 60, colGap: 46, stageGap: 18, rowGap: 20, padX: 20, head: 48, padBottom: 18 };
  var chainSeq = 0;
  var chainState = { data: null, selected: null, key: null };

  /** The URL/API key of a chain: its cluster when no other chain shares it, else its id. */
  function chainKey(c, list) {
    var same = list.filter(function (x) { return x.cluster === c.cluster; }).length;
    return same > 1 ? c.id : c.cluster;
  }

  function chainUrl(key, segment) {
    var qs = new URLSearchParams();
    qs.set('cluster', key);
    if (segment) qs.set('segment', segment);
    return '/chains?' + qs.toString();
  }

  function initChains() {
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

  views.chains = function () {
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
  };

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
    drawChain(data);
    paintChainOverview(data);
    setChainHooks(data, 'ready');
    if (segId) selectSegment(segId, false);
    else paintChainPanelIntro(data);
  }

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

  // ---- layout: stages left to right; inside a stage, sub-columns by links within the stage
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

  function drawChain(data) {
    var box = clear($('#chain-diagram'));
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
        onclick: function () { selectSegment(x.id, true); },
        onkeydown: function (ev) { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); selectSegment(x.id, true); } }
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

  function segById(id) {
    var d = chainState.data;
    return d ? d.segments.filter(function (x) { return x.id === id; })[0] : null;
  }

  function selectSegment(id, updateUrl) {
    var seg = segById(id);
    if (!seg) return;
    chainState.selected = id;
    var diagram = $('#chain-diagram');
    diagram.querySelectorAll('g.seg').forEach(function (n) {
      var on = n.dataset.segmentId === id;
      n.classList.toggle('selected', on);
      n.setAttribute('aria-pressed', String(on));
    });
    diagram.querySelectorAll('path.chain-edge').forEach(function (e) {
      var on = e.dataset.from === id || e.dataset.to === id;
      e.classList.toggle('active', on);
      e.setAttribute('marker-end', on ? 'url(#chain-arrow-active)' : 'url(#chain-arrow)');
    });
    diagram.dataset.selected = id;
    if (updateUrl) history.replaceState(null, '', chainUrl(chainState.key, id));
    paintSegmentPanel(seg, chainState.data);
  }

  function segButton(seg) {
    return h('button', { type: 'button', class: 'seg-chip status-' + seg.status, dataset: { segmentId: seg.id }, onclick: function () { selectSegment(seg.id, true); } },
      seg.policy_priority ? h('span', { class: 'star-inline', 'aria-hidden': 'true' }, '★') : null, seg.label,
      h('span', { class: 'visually-hidden' }, '（' + (STATUS_LABEL[seg.status] || seg.status) + '）'));
  }

  function statusBadge(status) {
    return h('span', { class: 'status-pill status-' + status, dataset: { status: status } }, STATUS_LABEL[status] || status);
  }

  function panelSection(title, content, cls) {
    return h('section', { class: 'panel-section ' + (cls || '') }, h('h3', null, title), content);
  }

  function unitLink(name) {
    return h('a', { class: 'chip', href: '/graph?focus=' + encodeURIComponent(name) }, name);
  }

  function targetItem(t) {
    return h('li', null, h('span', { class: 'target-value' }, formatValue(t)), ' ', t.metric,
      t.year ? h('span', { class: 'muted' }, '（' + (t.yearly ? '每年，至' : '') + t.year + '年）') : null);
  }

  function paintChainPanelIntro(data) {
    var panel = clear($('#segment-panel'));
    delete panel.dataset.segmentId;
    panel.appendChild(h('div', { class: 'panel-type' }, '产业链'));
    panel.appendChild(h('h2', { class: 'panel-title' }, data.label));
    panel.appendChild(h('p', { class: 'muted small' }, '点击图中的环节，查看判断依据、方案原文、对接单位和本地企业。'));
    var order = { gap: 0, unknown: 1, weak: 2, present: 3 };
    var todo = data.segments.filter(function (x) { return x.status === 'gap' || x.status === 'weak'; })
      .sort(function (a, b) { return order[a.status] - order[b.status] || (b.policy_priority - a.policy_priority); });
    if (todo.length) {
      panel.appendChild(panelSection('待补强环节', h('div', { class: 'seg-chips' }, todo.map(segButton))));
    }
    var pri = data.segments.filter(function (x) { return x.policy_priority; });
    if (pri.length) panel.appendChild(panelSection('政策重点环节', h('div', { class: 'seg-chips' }, pri.map(segButton))));
    if (!data.register.loaded) panel.appendChild(h('p', { class: 'notice-register small' }, '未导入企业名录：各环节状态待核实。'));
  }

  function paintSegmentPanel(seg, data) {
    var panel = clear($('#segment-panel'));
    panel.dataset.segmentId = seg.id;
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
    var downs = (seg.next || []).map(segById).filter(Boolean);
    if (ups.length || downs.length) {
      panel.appendChild(panelSection('上下游', h('div', null,
        ups.length ? h('div', { class: 'unit-row' }, h('span', { class: 'unit-role' }, '上游环节'), h('div', { class: 'seg-chips' }, ups.map(segButton))) : null,
        downs.length ? h('div', { class: 'unit-row' }, h('span', { class: 'unit-role' }, '下游环节'), h('div', { class: 'seg-chips' }, downs.map(segButton))) : null), 'sec-neighbours'));
    }

    // Where the segment comes from
    if (seg.source) panel.appendChild(panelSection('环节划分依据', h('p', { class: 'source-note' }, seg.source), 'sec-source'));
  }

  function paintChainOverview(data) {
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

  // ================================================================ writes: token, uploads, library
  // The write token lives in sessionStorage only (one browser session; never the URL, never localStorage).
  var TOKEN_KEY = 'policykg.apiToken';
  var writeState = { rejected: false, serverDisabled: false };
  var writeListeners = [];

  function getToken() {
    try { return window.sessionStorage.getItem(TOKEN_KEY) || ''; } catch (e) { return ''; }
  }

  function setToken(token) {
    try {
      if (token) window.sessionStorage.setItem(TOKEN_KEY, token);
      else window.sessionStorage.removeItem(TOKEN_KEY);
    } catch (e) { /* storage refused (private mode): the token is simply not kept */ }
    writeState.rejected = false;
    writeChanged();
  }

  /** Why writes are not possible now, in Chinese, or '' when they are. */
  function writeBlocked() {
    if (writeState.serverDisabled) return '服务器未启用写操作（未设置 POLICYKG_API_TOKEN），无法上传或删除；请联系系统管理员。';
    if (!getToken()) return '上传、删除和导入需要管理员令牌（即服务器的 POLICYKG_API_TOKEN）：请先在上方输入令牌。';
    return '';
  }

  function writeChanged() {
    document.querySelectorAll('[data-token-slot]').forEach(paintTokenSlot);
    writeListeners.forEach(function (f) { f(writeBlocked()); });
  }

  function paintTokenSlot(slot) {
    clear(slot);
    if (writeState.serverDisabled) return;
    if (getToken()) {
      slot.appendChild(h('div', { class: 'token-bar token-set', dataset: { tokenState: 'set' } },
        h('span', null, '✓ 已输入管理员令牌'),
        h('span', { class: 'muted small' }, '仅保存在本浏览器标签页的本次会话中，关闭页面后需重新输入。'),
        h('button', { type: 'button', class: 'btn btn-small token-clear', onclick: function () { setToken(''); } }, '清除令牌')));
      return;
    }
    var input = h('input', { type: 'password', class: 'token-input', autocomplete: 'off', spellcheck: 'false', 'aria-label': '管理员令牌', placeholder: '输入管理员令牌' });
    var form = h('form', { class: 'token-bar', dataset: { tokenState: 'none' }, autocomplete: 'off' },
      h('strong', null, '管理员令牌'),
      input,
      h('button', { type: 'submit', class: 'btn btn-primary btn-small' }, '使用令牌'),
      h('span', { class: 'muted small' }, writeState.rejected
        ? '上次使用的令牌被服务器拒绝，请重新输入。'
        : '上传、删除需要令牌；令牌仅保存在本次浏览器会话中，不会出现在网址里。'));
    if (writeState.rejected) form.classList.add('token-rejected');
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var t = input.value.trim();
      if (t) setToken(t);
    });
    slot.appendChild(form);
  }

  /** A write with the session's token: XMLHttpRequest, for upload progress. Resolves {status, body}. */
  function writeRequest(method, path, file, onProgress) {
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      xhr.open(method, path);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.setRequestHeader('Authorization', 'Bearer ' + getToken());
      if (onProgress) {
        xhr.upload.addEventListener('progress', function (ev) { if (ev.lengthComputable) onProgress(ev.loaded / ev.total); });
        xhr.upload.addEventListener('load', function () { onProgress(1); });
      }
      xhr.onload = function () {
        var body = null;
        try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
        if (body && body.error) {
          reject(new ApiError(xhr.status, body.error.code || 'http_error', body.error.message || '', xhr.getResponseHeader('Retry-After')));
        } else if (body === null) {
          reject(new ApiError(xhr.status, xhr.status >= 400 ? 'http_error' : 'bad_response', xhr.statusText || '服务器返回的数据无法解析'));
        } else {
          resolve({ status: xhr.status, body: body });  // an ingest report with errors (422) resolves too
        }
      };
      xhr.onerror = function () { reject(new ApiError(0, 'network', '无法连接到服务器，请检查网络或稍后重试。')); };
      var form = null;
      if (file) { form = new FormData(); form.append('file', file, file.name); }
      xhr.send(form);
    }).catch(function (err) {
      if (err.code === 'unauthorized') { writeState.rejected = true; setTokenSilently(''); writeChanged(); }
      if (err.code === 'forbidden') { writeState.serverDisabled = true; writeChanged(); }
      throw err;
    });
  }

  function setTokenSilently(token) {
    try { if (!token) window.sessionStorage.removeItem(TOKEN_KEY); } catch (e) { /* nothing kept */ }
  }

  /** Everything read once per page load is stale after a write. */
  function dataChanged() {
    Object.keys(memo).forEach(function (k) { delete memo[k]; });
    matrixData = null;
    targetsData = null;
    docState = { id: null, chars: null, meta: null };
  }

  // A refused file, in Chinese: the reader's reason (after "file name: ") by pattern; the server's text stays as detail.
  var FILE_ERRORS = [
    [/unsupported file type ([.\w]*)/, function (m) { return '不支持的文件类型' + (m[1] && m[1] !== '(none)' ? '（' + m[1] + '）' : '') + '：可上传 .txt、.md、.docx、.pdf、.html、.ofd、.doc、.wps 文件。'; }],
    [/file is empty/, function () { return '文件是空的。'; }],
    [/binary file/, function () { return '这是二进制文件，不是可读取的文本或公文格式。'; }],
    [/not decodable as UTF-8 or GB18030/, function () { return '无法识别文本编码（应为 UTF-8 或 GB18030/GBK）。'; }],
    [/no text layer \(scanned PDF\)/, function () { return '这是扫描版 PDF，没有文字层；暂不支持 OCR 识别，请提供带文字的 PDF 或 Word 文件。'; }],
    [/no text layer \(scanned OFD\)/, function () { return '这是扫描版 OFD，没有文字层；暂不支持 OCR 识别。'; }],
    [/encrypted PDF that needs a password/, function () { return 'PDF 已加密，需要密码才能打开；请另存一份未加密的副本后再上传。'; }],
    [/encrypted PDF/, function () { return 'PDF 已加密，无法打开。'; }],
    [/fonts carry no Unicode mapping/, function () { return 'PDF 的字体缺少文字编码映射，无法提取文字；暂不支持 OCR。'; }],
    [/not a PDF file|not a readable PDF/, function () { return 'PDF 文件已损坏，或并非 PDF 文件。'; }],
    [/pages are blank/, function () { return '文件的页面是空白的（没有文字，也没有图片）。'; }],
    [/has no pages/, function () { return '文件没有任何页面。'; }],
    [/more than (\d+) pages/, function (m) { return '页数超过 ' + m[1] + ' 页，已拒绝。'; }],
    [/zip bomb|too large when uncompressed/, function () { return '文件解压后的内容异常庞大（疑似“压缩炸弹”），已拒绝。'; }],
    [/unsafe path in the archive|points outside the package/, function () { return '文件内部含有不安全的路径，已拒绝。'; }],
    [/declares a DTD or entities/, function () { return '文件中的 XML 声明了 DTD 或实体，出于安全原因已拒绝。'; }],
    [/files need LibreOffice/, function () { return '读取 .doc / .wps 文件需要服务器安装 LibreOffice；请将文件另存为 .docx 后再上传。'; }],
    [/LibreOffice/, function () { return 'LibreOffice 未能转换该文件（可能已损坏，或转换超时）；请另存为 .docx 后再上传。'; }],
    [/not a Word 97-2003 or WPS document/, function () { return '不是有效的 Word 97-2003 或 WPS 文件（可能已损坏）。'; }],
    [/not a readable Word document|not a valid \S+ file|is missing '|is damaged/, function () { return '文件已损坏或格式不正确，无法读取。'; }],
    [/not an OFD file/, function () { return '不是有效的 OFD 文件。'; }],
    [/web page not decodable/, function () { return '无法识别网页的文字编码。'; }],
    [/no article text found in the web page/, function () { return '网页中没有找到正文。'; }],
    [/not a readable web page/, function () { return '网页无法解析。'; }],
    [/no text found in the|no text left after normalisation/, function () { return '文件中没有可用的正文文字。'; }],
    [/characters on one page; refused/, function () { return '单页文字量异常，已拒绝。'; }],
    [/(\d+)-byte limit|upload exceeds (\d+) bytes|exceeds the limit of (\d+)/, function (m) { return '文件超过大小上限（' + mb(m[1] || m[2] || m[3]) + '）。'; }]
  ];
  var WRITE_ERRORS = {
    unauthorized: function () { return '管理员令牌无效，请重新输入令牌。'; },
    forbidden: function () { return '服务器未启用写操作（未设置 POLICYKG_API_TOKEN）。'; },
    too_large: function (err) { var m = String(err.message).match(/limit of (\d+)|exceeds (\d+) bytes/); return '文件超过服务器允许的大小上限' + (m ? '（' + mb(m[1] || m[2]) + '）' : '') + '。'; },
    register_too_large: function (err) {
      var m = String(err.message).match(/\((POLICYKG_\w+)\)$/);
      return '企业名录超出服务器的读取限制' + (m ? '（' + m[1] + '）' : '') + '，未导入；请拆分或精简后再上传。';
    },
    rate_limited: function (err) { return '请求过于频繁，请' + (err.retryAfter ? '约 ' + err.retryAfter + ' 秒后' : '稍后') + '再试。'; },
    network: function () { return '网络连接失败，请检查网络后重试。'; },
    internal_error: function () { return '服务器处理时出错，请稍后重试；如问题持续，请联系系统管理员。'; },
    not_found: function () { return '没有找到该文件，它可能已被删除。'; },
    no_token: function (err) { return err.message; }
  };
  var REGISTER_ERRORS = [
    [/no company name column/, function () { return '名录中没有企业名称列（列名可用：企业名称、名称、name、company）。'; }],
    [/needs a products column/, function () { return '名录需要“主营产品”列或“产业链环节”列。'; }],
    [/unsupported register format/, function () { return '不支持的名录格式，请上传 .csv 或 .xlsx 文件。'; }],
    [/the register has no rows/, function () { return '名录是空的。'; }],
    [/not a valid \.xlsx file|cannot read the workbook/, function () { return 'Excel 文件已损坏或无法读取。'; }],
    [/not a readable CSV file/, function () { return 'CSV 文件无法读取。'; }]
  ];

  function mb(bytes) {
    var n = Number(bytes);
    if (n < 1e3) return n + ' 字节';
    return n >= 1e6 ? (Math.round(n / 1e5) / 10) + ' MB' : Math.round(n / 1e3) + ' KB';
  }

  /** {text, raw}: a Chinese sentence for an error (an ApiError or a reader's message), the server's text as detail. */
  function writeError(err, table) {
    var raw = err instanceof ApiError ? String(err.message || '') : String(err || '');
    var reason = raw.replace(/^[^:]*: /, '');
    if (err instanceof ApiError && WRITE_ERRORS[err.code]) return { text: WRITE_ERRORS[err.code](err), raw: raw };
    var tables = (table || []).concat(FILE_ERRORS);
    for (var i = 0; i < tables.length; i++) {
      var m = reason.match(tables[i][0]) || raw.match(tables[i][0]);
      if (m) return { text: tables[i][1](m), raw: raw };
    }
    if (/[\u4e00-\u9fff]/.test(raw) && !/[A-Za-z]{4}/.test(reason)) return { text: raw, raw: null };
    return { text: '文件未能导入。', raw: raw };
  }

  function writeErrorBox(err, title, table) {
    var e = writeError(err, table);
    return h('div', { class: 'alert alert-error', role: 'alert', dataset: { errorCode: (err && err.code) || 'file' } },
      h('strong', null, title),
      h('p', null, e.text),
      e.raw ? h('p', { class: 'alert-detail' }, '服务器信息：' + e.raw) : null);
  }

  // ---------------------------------------------------------------- 文件库
  var LEVEL_LABEL = { national: '国家', provincial: '省级', city: '市级', county: '区县级' };
  var UPLOAD_STATUS = { queued: '等待上传', uploading: '正在上传', processing: '正在解析并建立索引…', done: '已导入', unchanged: '内容未变化', error: '导入失败' };
  var DOC_STATUS = { new: '新导入', updated: '已更新（替换原有版本）', unchanged: '内容未变化，未重复导入' };
  var uploadQueue = [];
  var uploading = false;
  var librarySeq = 0;

  function initLibrary() {
    var zone = $('#drop-zone');
    var input = $('#library-file');
    $('#library-pick').addEventListener('click', function () { input.click(); });
    input.addEventListener('change', function () {
      queueUploads(input.files);
      input.value = '';
    });
    zone.addEventListener('dragenter', function (ev) { ev.preventDefault(); if (!writeBlocked()) zone.dataset.state = 'over'; });
    zone.addEventListener('dragover', function (ev) {
      ev.preventDefault();
      ev.dataTransfer.dropEffect = writeBlocked() ? 'none' : 'copy';
    });
    zone.addEventListener('dragleave', function (ev) { if (!zone.contains(ev.relatedTarget)) zone.dataset.state = 'idle'; });
    zone.addEventListener('drop', function (ev) {
      ev.preventDefault();
      zone.dataset.state = 'idle';
      queueUploads(ev.dataTransfer.files);
    });
    // A file dropped beside the zone must not make the browser leave the page.
    ['dragover', 'drop'].forEach(function (type) {
      document.addEventListener(type, function (ev) {
        if (current === 'library' && ev.dataTransfer && !zone.contains(ev.target)) {
          ev.preventDefault();
          ev.dataTransfer.dropEffect = 'none';
        }
      });
    });
    writeListeners.push(function (why) {
      $('#library-pick').disabled = !!why;
      zone.classList.toggle('is-disabled', !!why);
      zone.setAttribute('aria-disabled', String(!!why));
      var note = $('#upload-disabled');
      note.textContent = why;
      note.hidden = !why;
      var del = $('#delete-disabled');
      del.textContent = why ? '删除文件同样需要管理员令牌。' : '';
      del.hidden = !why;
      document.querySelectorAll('#library-table .doc-delete').forEach(function (b) {
        b.disabled = !!why;
        b.title = why || '删除该文件';
      });
    });
  }

  views.library = function () {
    writeChanged();
    loadLibrary();
  };

  function loadLibrary() {
    var seq = ++librarySeq;
    var table = $('#library-table');
    table.dataset.state = 'loading';
    if (!table.rows.length) {
      clear(table);
      table.appendChild(h('tbody', null, h('tr', null, h('td', null, loading('正在加载文件列表…')))));
    }
    return api('/api/documents').then(function (r) {
      if (seq !== librarySeq) return;
      paintLibrary(r.documents || []);
    }).catch(function (err) {
      if (seq !== librarySeq) return;
      table.dataset.state = 'error';
      clear(table);
      showError($('#library-message'), err);
    });
  }

  function paintLibrary(docs) {
    var table = clear($('#library-table'));
    var why = writeBlocked();
    docs = docs.slice().sort(function (a, b) {
      return String(b.date || '').localeCompare(String(a.date || '')) || String(a.title || a.id).localeCompare(String(b.title || b.id), 'zh-CN');
    });
    $('#library-count').textContent = '共 ' + docs.length + ' 份文件';
    table.dataset.count = String(docs.length);
    table.appendChild(h('thead', null, h('tr', null,
      ['标题', '文号', '发文机关', '成文日期', '文种', '层级', '任务条目', '操作'].map(function (t, i) {
        return h('th', { scope: 'col', class: i === 6 ? 'col-num' : null }, t);
      }))));
    var body = h('tbody');
    if (!docs.length) {
      body.appendChild(h('tr', null, h('td', { colspan: '8', class: 'muted empty-row' }, '文件库是空的：上传第一份政策文件后，这里将列出文件及其文号、发文机关等信息。')));
    }
    docs.forEach(function (d) {
      var title = d.title || d.id;
      var del = h('button', { type: 'button', class: 'btn btn-small btn-danger doc-delete', title: why || '删除该文件' }, '删除');
      del.disabled = !!why;
      var actions = h('td', { class: 'col-actions' }, del);
      var tr = h('tr', { dataset: { doc: d.id } },
        h('th', { scope: 'row', class: 'col-title' }, h('a', { href: docHref(d.id), class: 'doc-title-link' }, title),
          d.source ? h('div', { class: 'muted small doc-source' }, d.source) : null),
        h('td', { dataset: { field: 'doc_no' }, class: 'nowrap' }, d.doc_no || '—'),
        h('td', { dataset: { field: 'office' } }, d.office || '—'),
        h('td', { dataset: { field: 'date' }, class: 'nowrap' }, d.date || '—'),
        h('td', { dataset: { field: 'kind' }, class: 'nowrap' }, d.kind || '—'),
        h('td', { dataset: { field: 'level' }, class: 'nowrap' }, LEVEL_LABEL[d.level] || '—'),
        h('td', { dataset: { field: 'items' }, class: 'col-num' }, d.items !== undefined && d.items !== null ? String(d.items) : '—'),
        actions);
      del.addEventListener('click', function () { confirmDelete(tr, actions, d, title); });
      body.appendChild(tr);
    });
    table.appendChild(body);
    table.dataset.state = 'ready';
  }

  function confirmDelete(tr, cell, d, title) {
    var back = Array.prototype.slice.call(cell.childNodes);
    tr.classList.add('is-confirming');
    clear(cell).appendChild(h('div', { class: 'confirm-delete', role: 'group', 'aria-label': '确认删除' },
      h('span', { class: 'small' }, '确定删除？'),
      h('button', { type: 'button', class: 'btn btn-small btn-danger doc-delete-confirm', onclick: function (ev) {
        ev.currentTarget.disabled = true;
        deleteDocument(d, title, tr);
      } }, '确认删除'),
      h('button', { type: 'button', class: 'btn btn-small doc-delete-cancel', onclick: function () {
        tr.classList.remove('is-confirming');
        clear(cell);
        back.forEach(function (n) { cell.appendChild(n); });
      } }, '取消')));
    cell.querySelector('.doc-delete-confirm').focus();
  }

  function deleteDocument(d, title, tr) {
    var msg = clear($('#library-message'));
    tr.dataset.state = 'deleting';
    writeRequest('DELETE', '/api/documents/' + encodeURIComponent(d.id)).then(function () {
      dataChanged();
      msg.appendChild(h('div', { class: 'alert alert-info', role: 'status', id: 'library-deleted', dataset: { doc: d.id } },
        h('strong', null, '已删除'), h('p', null, '《' + title + '》已从文件库中删除，检索索引已更新。')));
      return loadLibrary();
    }).catch(function (err) {
      tr.dataset.state = 'error';
      msg.appendChild(writeErrorBox(err, '删除失败：《' + title + '》'));
      loadLibrary();
    });
  }

  function queueUploads(fileList) {
    var files = Array.prototype.slice.call(fileList || []);
    if (!files.length) return;
    var why = writeBlocked();
    if (why) {
      var msg = clear($('#library-message'));
      msg.appendChild(h('div', { class: 'alert alert-error', role: 'alert', dataset: { errorCode: 'no_token' } }, h('strong', null, '无法上传'), h('p', null, why)));
      return;
    }
    clear($('#library-message'));
    files.forEach(function (f) {
      var item = { file: f, el: null };
      item.el = h('li', { class: 'upload-item', dataset: { status: 'queued', file: f.name } },
        h('div', { class: 'upload-head' },
          h('span', { class: 'upload-name' }, f.name),
          h('span', { class: 'muted small' }, mb(f.size)),
          h('span', { class: 'upload-status' }, UPLOAD_STATUS.queued)),
        h('progress', { max: '100', value: '0', 'aria-label': f.name + ' 上传进度' }),
        h('div', { class: 'upload-detail' }));
      $('#upload-list').appendChild(item.el);
      uploadQueue.push(item);
    });
    if (!uploading) nextUpload();
  }

  function setUpload(item, status, text) {
    item.el.dataset.status = status;
    item.el.querySelector('.upload-status').textContent = text || UPLOAD_STATUS[status];
  }

  /** One request per file, one after another: the server ingests and re-indexes each in turn. */
  function nextUpload() {
    var item = uploadQueue.shift();
    if (!item) { uploading = false; return; }
    uploading = true;
    var bar = item.el.querySelector('progress');
    var detail = item.el.querySelector('.upload-detail');
    if (writeBlocked()) {
      setUpload(item, 'error');
      detail.appendChild(writeErrorBox(new ApiError(0, 'no_token', writeBlocked()), '未上传'));
      nextUpload();
      return;
    }
    setUpload(item, 'uploading');
    writeRequest('POST', '/api/documents', item.file, function (fraction) {
      bar.value = Math.round(fraction * 100);
      setUpload(item, fraction >= 1 ? 'processing' : 'uploading', fraction >= 1 ? null : UPLOAD_STATUS.uploading + ' ' + Math.round(fraction * 100) + '%');
    }).then(function (res) {
      bar.value = 100;
      var report = res.body || {};
      var errors = report.errors || [];
      var done = report.ingested || [];
      if (errors.length) {
        setUpload(item, 'error');
        errors.forEach(function (e) { detail.appendChild(writeErrorBox(e.error, '导入失败：' + (e.source || item.file.name))); });
      }
      done.forEach(function (x) {
        if (!errors.length) setUpload(item, x.status === 'unchanged' ? 'unchanged' : 'done');
        detail.appendChild(h('p', { class: 'upload-ok', dataset: { doc: x.doc } },
          x.kind === 'chain' ? '产业链图谱：' : null,
          h('a', { href: x.kind === 'chain' ? '/chains' : docHref(x.doc) }, x.title ? '《' + x.title + '》' : x.doc),
          ' · ' + (DOC_STATUS[x.status] || x.status),
          x.items !== undefined ? ' · ' + x.items + ' 项任务' : '',
          x.units !== undefined ? ' · ' + x.units + ' 个责任单位' : '',
          x.targets !== undefined ? ' · ' + x.targets + ' 项目标' : ''));
      });
      if ((report.warnings || []).length) {
        detail.appendChild(h('p', { class: 'muted small' }, '解析提示 ' + report.warnings.length + ' 条（部分内容可能未能识别）。'));
      }
      if (done.length) { dataChanged(); loadLibrary(); }
    }).catch(function (err) {
      setUpload(item, 'error');
      detail.appendChild(writeErrorBox(err, '导入失败：' + item.file.name));
    }).then(nextUpload);
  }

  // ---------------------------------------------------------------- 企业名录 (chain view)
  var registerState = { file: null, seq: 0 };

  function initRegister() {
    var input = $('#register-file');
    $('#register-pick').addEventListener('click', function () { input.click(); });
    input.addEventListener('change', function () {
      var f = input.files && input.files[0];
      input.value = '';
      if (f) previewRegister(f);
    });
    writeListeners.push(function (why) {
      $('#register-pick').disabled = !!why;
      var note = $('#register-disabled');
      note.textContent = why;
      note.hidden = !why;
      var confirm = $('#register-confirm');
      if (confirm) confirm.disabled = !!why;
    });
  }

  function previewRegister(file) {
    var seq = ++registerState.seq;
    registerState.file = file;
    var box = clear($('#register-preview'));
    var msg = clear($('#register-message'));
    box.dataset.state = 'loading';
    box.appendChild(loading('正在读取名录并匹配产业链环节…'));
    writeRequest('POST', '/api/enterprises/preview', file).then(function (res) {
      if (seq !== registerState.seq) return;
      paintRegisterPreview(res.body, file);
    }).catch(function (err) {
      if (seq !== registerState.seq) return;
      clear(box).dataset.state = 'error';
      msg.appendChild(writeErrorBox(err, '无法预览企业名录：' + file.name, REGISTER_ERRORS));
    });
  }

  function matchLabel(m) {
    return m.by === 'segment' ? '名录登记为该环节' : '产品匹配：' + (m.terms || []).join('、');
  }

  var SKIP_REASON = {
    no_name: function () { return '缺少企业名称'; },
    no_products: function (x) { var m = x.message.match(/row \d+: (.*) has neither/); return (m ? '“' + m[1] + '”' : '') + '既没有主营产品，也没有登记产业链环节'; },
    rows_truncated: function (x) { var m = x.message.match(/first (\d+) rows/); return '只读取了前 ' + (m ? m[1] : '') + ' 行，其余行未读取'; }
  };

  function paintRegisterPreview(p, file) {
    var box = clear($('#register-preview'));
    var rows = p.rows || [];
    var unmatched = rows.filter(function (r) { return !r.matches.length; });
    var skippedRows = (p.skipped || []).filter(function (x) { return x.row !== null; }).length;
    box.dataset.state = 'ready';
    box.dataset.matched = String(p.matched);
    box.dataset.skipped = String((p.skipped || []).length);
    box.appendChild(h('div', { class: 'alert alert-info', id: 'register-summary', role: 'status' },
      h('strong', null, '预览：' + p.file + '（尚未导入）'),
      h('p', null, '共 ' + (rows.length + skippedRows) + ' 行企业数据：' + p.matched + ' 行匹配到产业链环节，' +
        unmatched.length + ' 行未匹配任何环节（仍会导入），' + skippedRows + ' 行将被跳过；确认后将导入 ' + p.enterprises + ' 家企业。'),
      h('p', null, p.register.loaded
        ? '确认后将替换现有企业名录（现有 ' + p.register.enterprises + ' 家企业）。'
        : '当前尚未导入企业名录；确认后各环节将据此判断缺失、薄弱或已有。')));

    if ((p.chains || []).length) {
      box.appendChild(h('h3', null, '各产业链环节状态变化'));
      box.appendChild(h('div', { class: 'table-wrap' }, h('table', { class: 'data-table', id: 'register-chains' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, '产业链'), h('th', { scope: 'col' }, '导入前'), h('th', { scope: 'col' }, '导入后'))),
        h('tbody', null, p.chains.map(function (c) {
          return h('tr', { dataset: { chain: c.id } }, h('th', { scope: 'row' }, c.cluster + ' · ' + c.label),
            h('td', null, countPills(c.before)), h('td', null, countPills(c.after)));
        })))));
    }

    box.appendChild(h('h3', null, '逐行匹配结果'));
    box.appendChild(h('div', { class: 'table-wrap register-rows' }, h('table', { class: 'data-table', id: 'register-rows' },
      h('thead', null, h('tr', null, ['行', '企业名称', '主营产品 / 登记环节', '县区', '规模', '匹配的产业链环节'].map(function (t) { return h('th', { scope: 'col' }, t); }))),
      h('tbody', null, rows.map(function (r) {
        var what = [r.products.length ? r.products.join('、') : '', r.segment ? '登记环节：' + r.segment : ''].filter(Boolean).join('；');
        var match = r.matches.length
          ? h('ul', { class: 'match-list' }, r.matches.map(function (m) {
            return h('li', { dataset: { segment: m.segment, chain: m.chain } },
              h('a', { href: chainUrl(m.cluster, m.segment) }, m.cluster + ' · ' + m.label),
              h('span', { class: 'muted small' }, '（' + (STAGE_LABEL[m.stage] || m.stage) + '，' + matchLabel(m) + '）'));
          }))
          : h('span', { class: 'unmatched' }, r.unmatched === 'unknown_segment'
            ? '未匹配：登记的环节“' + r.segment + '”不在已导入的产业链图谱中'
            : '未匹配：主营产品不含任何环节的名称或关键词');
        return h('tr', { dataset: { row: String(r.row), name: r.name, matched: String(!!r.matches.length) }, class: r.matches.length ? null : 'row-unmatched' },
          h('td', { class: 'col-num' }, String(r.row)),
          h('th', { scope: 'row' }, r.name, r.merged ? h('span', { class: 'muted small' }, '（同名企业，与前面的行合并）') : null),
          h('td', null, what), h('td', null, r.region || ''), h('td', null, r.scale || ''), h('td', null, match));
      })))));

    var skipped = p.skipped || [];
    if (skipped.length) {
      box.appendChild(h('h3', null, '将被跳过的行（' + skipped.length + '）'));
      box.appendChild(h('ul', { class: 'skip-list', id: 'register-skipped' }, skipped.map(function (x) {
        var why = SKIP_REASON[x.code] ? SKIP_REASON[x.code](x) : x.message;
        return h('li', { dataset: { row: x.row === null ? '' : String(x.row), code: x.code } },
          x.row !== null ? h('strong', null, '第 ' + x.row + ' 行：') : null, why,
          SKIP_REASON[x.code] ? null : h('span', { class: 'muted small' }, '（服务器信息）'));
      })));
    }

    var confirm = h('button', { type: 'button', class: 'btn btn-primary', id: 'register-confirm' },
      p.register.loaded ? '确认导入（替换现有名录）' : '确认导入');
    confirm.disabled = !!writeBlocked();
    confirm.addEventListener('click', function () { importRegister(file, confirm); });
    box.appendChild(h('div', { class: 'register-actions' }, confirm,
      h('button', { type: 'button', class: 'btn', id: 'register-cancel', onclick: function () {
        registerState.seq += 1;
        clear($('#register-preview')).dataset.state = 'idle';
      } }, '取消')));
  }

  function countPills(counts) {
    var keys = STATUS_ORDER.filter(function (st) { return counts && counts[st]; });
    return keys.length ? keys.map(function (st) { return h('span', { class: 'status-pill status-' + st, dataset: { status: st } }, STATUS_LABEL[st] + ' ' + counts[st]); }) : '—';
  }

  function importRegister(file, button) {
    var seq = ++registerState.seq;
    var box = $('#register-preview');
    var msg = clear($('#register-message'));
    button.disabled = true;
    box.dataset.state = 'importing';
    writeRequest('POST', '/api/enterprises', file).then(function (res) {
      if (seq !== registerState.seq) return;
      clear(box).dataset.state = 'imported';
      msg.appendChild(h('div', { class: 'alert alert-info', role: 'status', id: 'register-imported' },
        h('strong', null, '企业名录已导入'),
        h('p', null, '已从 ' + file.name + ' 导入 ' + res.body.imported + ' 家企业' +
          ((res.body.errors || []).length ? '，跳过 ' + res.body.errors.length + ' 行' : '') + '；各环节状态已更新。')));
      dataChanged();
      chainState.data = null;
      views.chains();
    }).catch(function (err) {
      if (seq !== registerState.seq) return;
      button.disabled = !!writeBlocked();
      box.dataset.state = 'ready';
      msg.appendChild(writeErrorBox(err, '企业名录导入失败', REGISTER_ERRORS));
    });
  }

  // ================================================================ boot
  function boot() {
    initDocFilter();
    initSearch();
    initGraphView();
    initMatrix();
    initTargets();
    initChains();
    initLibrary();
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
})();
