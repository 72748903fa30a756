/* 智能检索: the exact answer from the graph first (views/answer.js), then the ranked passages under a heading per
 * document (the API's groups), the query's terms marked where the API found them, each completed lazily with its
 * task's units and targets and a link to the passage in the source text. */
import { h, $, clear, loading, stat } from '../dom.js';
import { ApiError, api, cached } from '../api.js';
import { showError } from '../messages.js';
import { KIND_LABEL } from '../labels.js';
import { cpSlice, docHref, queryTerms, marked, sourceLink, targetItem, roleBadge } from '../text.js';
import { viewUrl, scopeParams, showDocFilter } from '../filters.js';
import { navigate } from '../router.js';
import { renderAnswer } from './answer.js';

var EXAMPLES = ['哪些任务由市科技局负责', '企业贷款难怎么办', '提升协同创新能力由哪些单位负责', '2028年的目标有哪些', '先进陶瓷集群在哪些区县'];
var searchSeq = 0;

/** The example questions and the search form. */
export function initSearch() {
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

/** Search for the address's question, or show the welcome panel without one. */
export function view() {
  var params = new URLSearchParams(window.location.search);
  var q = params.get('q') || '';
  // A copy: showDocFilter's own object decides whether the bar shows, and 'words' is not a document filter.
  var filters = Object.assign({}, showDocFilter('search'), { words: params.get('words') !== 'false' });
  $('#q').value = q;
  if (q.trim()) runSearch(q.trim(), filters);
  else showWelcome();
}

/** Counts and the documents of the library, before any question. */
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

/** The exact answer and the ranked hits, both from the documents the filters keep. */
function runSearch(q, filters) {
  var box = clear($('#search-results'));
  var seq = ++searchSeq;
  box.dataset.state = 'loading';
  box.appendChild(loading('正在检索“' + q + '”…'));
  var words = filters.words === false ? 'false' : undefined;
  api('/api/search', Object.assign({ q: q, k: 10, words: words }, scopeParams(filters))).then(function (res) {
    if (seq !== searchSeq) return;
    clear(box);
    var terms = queryTerms(q);
    if (res.scope) box.appendChild(renderScope(res.scope));
    if (res.answer) box.appendChild(renderAnswer(res.answer, terms));
    box.appendChild(renderHits(res.hits || [], res.groups || [], q, res.relevant));
    box.dataset.hitCount = String((res.hits || []).length);
    box.dataset.answerCount = res.answer ? String(res.answer.answers.length) : '';
    box.dataset.state = 'done';
  }).catch(function (err) {
    if (seq !== searchSeq) return;
    box.dataset.state = 'error';
    showError(box, err);
  });
}

/** What the question's own words filtered (a place, a year), with the way to search without that. */
function renderScope(scope) {
  var read = [scope.place, scope.year ? scope.year + '年' : null].filter(Boolean)
    .map(function (w) { return '“' + w + '”'; }).join('、');
  var off = new URLSearchParams(window.location.search);
  off.set('words', 'false');
  return h('p', { class: 'scope-note', id: 'scope-note', dataset: { applied: String(scope.applied) } },
    scope.applied
      ? '已按问题中的' + read + '筛选文件：检索其中 ' + scope.documents + ' 份（其他地方或年份的文件不在内；全国性文件和地点、年份不明的文件保留）。'
      : '问题中的' + read + '所指的文件里没有找到结果，已改为检索全部文件。',
    ' ', h('a', { href: window.location.pathname + '?' + off.toString(), id: 'scope-off' }, '不按问题中的地点和年份筛选'));
}

/** The ranked passages by document (behind a disclosure when none is relevant enough). */
function renderHits(hits, groups, q, relevant) {
  var sec = h('section', { class: 'card hits-card', id: 'hits', dataset: { relevant: String(relevant !== false) } },
    h('div', { class: 'card-head' }, h('h2', null, h('span', { class: 'tag tag-ranked' }, '语义检索'), ' 相关任务'),
      h('span', { class: 'muted' }, hits.length ? '按文件分组，组内按相关度排序，共 ' + hits.length + ' 条' : '')));
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
  var rank = new Map();  // task id -> its index in the ranked list (a Map: ids never meet Object.prototype)
  hits.forEach(function (hit, i) { rank.set(hit.id, i); });
  groups.forEach(function (g) {
    // The document's heading is an item of the list, so every hit stays a direct item of #hit-list.
    list.appendChild(h('li', { class: 'hit-doc', dataset: { doc: g.doc } },
      h('h3', { class: 'hit-doc-title' }, h('a', { href: docHref(g.doc) }, g.title || g.doc)),
      h('span', { class: 'muted small' }, g.hits.length + ' 条')));
    g.hits.forEach(function (id) {
      if (rank.has(id)) list.appendChild(renderHit(hits[rank.get(id)], rank.get(id) + 1));
    });
  });
  if (relevant !== false) sec.appendChild(list);
  return sec;
}

/** One hit: its rank in the whole list, number, title and passage with the API's highlights marked. */
function renderHit(hit, n) {
  var shown = passage(hit);
  var meta = h('div', { class: 'hit-meta' }, h('span', { class: 'muted small' }, '正在加载责任单位…'));
  var links = h('div', { class: 'item-links' });
  var li = h('li', { class: 'hit', dataset: { taskId: hit.id, doc: hit.doc } },
    h('div', { class: 'hit-head' },
      h('span', { class: 'rank' }, String(n)),
      h('span', { class: 'task-no' }, isTaskHit(hit) ? hit.number : '目标'),
      // A heading cut off the passage keeps its marks (its offsets are those of the passage's start).
      h('span', { class: 'hit-title' }, shown.from ? marked(hit.title, hit.highlights, 0) : hit.title),
      h('span', { class: 'score', title: '相关度得分' }, '相关度 ' + Number(hit.score).toFixed(3))),
    h('p', { class: 'passage' }, marked(shown.text, hit.highlights, shown.from)),
    meta, links);
  fillHit(hit, meta, links);
  return li;
}

/** The hit's passage without the heading the index prefixes to it (the heading is shown above), and where it
 * starts in hit.text, in code points (the unit of the API's highlights). */
function passage(hit) {
  var p = String(hit.text || '');
  if (hit.title && p.indexOf(hit.title) === 0) {
    var rest = p.slice(hit.title.length).replace(/^[：:。．.、\s]+/, '');
    if (rest.length >= 4) return { text: rest, from: Array.from(p).length - Array.from(rest).length };
  }
  return { text: p, from: 0 };
}

/** The passage as shown. */
function passageText(hit) { return passage(hit).text; }

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
      meta.appendChild(h('ul', { class: 'target-mini' }, task.targets.map(targetItem)));
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
