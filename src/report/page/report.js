// The report page: renders the report data embedded in the page (the JSON
// element with id "report-data") on demand, so that a report of tens of
// thousands of findings and articles opens at once: only one page of each
// list and the finding under review are in the document.
//
// Every piece of report text reaches the page through textContent or an
// attribute set from script, never as markup; only http(s) URLs become links.
// Served by `parallax serve`, the page also reads and records decisions.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var PAGE = 100;  // list and table rows per page

  // Columns of the tabular parts of the data (see html_report.cc).
  var ART = {id: 0, source: 1, date: 2, origin: 3, title: 4, url: 5, path: 6, bytes: 7,
    paragraphs: 8, sentences: 9, quotations: 10};
  var CLU = {id: 0, first: 1, last: 2, articles: 3, entities: 4, why: 5};
  var PAS = {article: 0, start: 1, text: 2};
  var PRO = {path: 0, line: 1, message: 2};

  var tokenMeta = document.querySelector('meta[name="parallax-desk-token"]');
  var token = tokenMeta ? tokenMeta.getAttribute('content') : '';

  // ---- small DOM helpers ----------------------------------------------------
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function add(parent) {
    for (var i = 1; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) continue;
      parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return parent;
  }
  function link(hash, text, cls) {
    var a = el('a', cls, text);
    a.setAttribute('href', '#' + hash);
    return a;
  }
  function muted(text) { return el('span', 'muted', text); }
  function num(n) { return Number(n).toLocaleString('en-US'); }
  function plural(n, one, many) { return num(n) + ' ' + (n === 1 ? one : many); }
  function isWebUrl(url) { return /^https?:\/\//i.test(url); }
  function sevClass(s) {
    return s === 'high' || s === 'medium' || s === 'low' ? 'sev-' + s : 'sev-other';
  }
  function dateRange(first, last) {
    if (first && last && first !== last) return first + ' – ' + last;
    return first || last || null;
  }
  // Text with its [from, to) highlighted.
  function marked(tag, text, from, to) {
    var e = el(tag);
    if (from < 0 || to <= from) return add(e, text);
    return add(e, text.slice(0, from), el('mark', null, text.slice(from, to)), text.slice(to));
  }

  // ---- indexes ----------------------------------------------------------------
  var articleAt = new Map();
  data.articles.forEach(function (a, i) { articleAt.set(a[ART.id], i); });
  var clusterAt = new Map();
  data.clusters.forEach(function (c, i) { clusterAt.set(c[CLU.id], i); });
  function article(id) {
    var i = articleAt.get(id);
    return i === undefined ? null : data.articles[i];
  }
  function sourceOf(id) {
    var a = article(id);
    return a && a[ART.source] ? a[ART.source] : id;
  }
  var findings = data.findings;
  var findingAt = new Map();
  findings.forEach(function (f, i) {
    findingAt.set(f.id, i);
    var sources = [];
    f.claims.forEach(function (c) {
      var s = sourceOf(c.article);
      if (sources.indexOf(s) < 0) sources.push(s);
    });
    f.sources = sources;
  });
  // Findings grouped by cluster in order of first appearance.
  var order = (function () {
    var groups = new Map();
    findings.forEach(function (f, i) {
      if (!groups.has(f.cluster)) groups.set(f.cluster, []);
      groups.get(f.cluster).push(i);
    });
    var all = [];
    groups.forEach(function (list) { all.push.apply(all, list); });
    return all;
  })();
  var decisions = Object.create(null);  // finding id -> latest decision
  findings.forEach(function (f) { if (f.review) decisions[f.id] = f.review; });
  function reviewOf(f) { return decisions[f.id] ? decisions[f.id].status : 'unreviewed'; }

  // ---- header -------------------------------------------------------------------
  var q = document.getElementById('q');
  var sev = document.getElementById('sev');
  var kind = document.getElementById('kind');
  var src = document.getElementById('src');
  var rev = document.getElementById('rev');
  var only = document.getElementById('only-cluster');
  var help = document.getElementById('help');

  (function header() {
    var counts = document.getElementById('counts');
    [['findings', findings.length, 'finding', 'findings', false],
      ['clusters', data.clusters.length, 'cluster', 'clusters', false],
      ['articles', data.articles.length, 'article', 'articles', false],
      ['problems', data.problems.length, 'problem', 'problems', data.problems.length > 0]]
        .forEach(function (c) {
          var a = link(c[0], null, c[4] ? 'warn' : null);
          add(a, el('b', null, num(c[1])), ' ' + (c[1] === 1 ? c[2] : c[3]));
          counts.appendChild(a);
        });
    var meta = document.getElementById('meta');
    add(meta, data.generated_by, ' · rules ', el('code', null, data.rules.dir || 'none'));
    if (data.rules.files) add(meta, ' (' + plural(data.rules.files, 'file', 'files') + ')');
    if (data.rules.digest) add(meta, ' · sha256 ', el('code', null, data.rules.digest));
    if (data.inputs.length) {
      add(meta, ' · inputs ');
      data.inputs.forEach(function (input, i) {
        if (i) add(meta, ', ');
        add(meta, el('code', null, input));
      });
    }
    function options(select, values) {
      values.forEach(function (v) {
        var o = el('option', null, v);
        o.value = v;
        select.appendChild(o);
      });
    }
    var kinds = [], sources = [];
    findings.forEach(function (f) {
      if (kinds.indexOf(f.kind) < 0) kinds.push(f.kind);
      f.sources.forEach(function (s) { if (sources.indexOf(s) < 0) sources.push(s); });
    });
    options(kind, kinds.sort());
    options(src, sources.sort());
    rev.hidden = !token;
    document.getElementById('filters').hidden = false;
  })();

  // ---- paged lists ------------------------------------------------------------------
  // A pager under a list: "101–200 of 5,507", previous and next.
  function pager(state, rerender) {
    var box = el('div', 'pager');
    var total = state.shown.length;
    var from = state.page * PAGE;
    var prev = el('button', null, '‹ Previous');
    var next = el('button', null, 'Next ›');
    prev.type = next.type = 'button';
    prev.disabled = state.page === 0;
    next.disabled = from + PAGE >= total;
    prev.addEventListener('click', function () { state.page--; rerender(); });
    next.addEventListener('click', function () { state.page++; rerender(); });
    add(box, num(total ? from + 1 : 0) + '–' + num(Math.min(total, from + PAGE)) + ' of ' + num(total),
        prev, next);
    return box;
  }
  // Lower-cased searchable text per item, made on first use.
  function searcher(textOf) {
    var cache = [];
    return function (i, needle) {
      if (cache[i] === undefined) cache[i] = textOf(i).toLowerCase();
      return cache[i].indexOf(needle) >= 0;
    };
  }
  function shownCount(sectionId, shown, total, filtering) {
    var out = document.querySelector('#' + sectionId + ' .shown');
    out.textContent = filtering && total ? num(shown) + ' of ' + num(total) + ' shown' : '';
  }

  // ---- findings: the list and the finding under review --------------------------------------
  var fstate = {shown: order.slice(), page: 0, current: -1};
  var flist = document.getElementById('flist');
  var fview = document.getElementById('fview');
  var findingMatches = searcher(function (i) {
    var f = findings[i];
    var parts = [f.id, f.kind, f.severity, f.subject, f.message, f.rule, f.aspect, f.cluster];
    parts.push.apply(parts, f.sources);
    f.claims.forEach(function (c) { parts.push(c.article, c.text, c.sentence, c.value || ''); });
    return parts.join('\n');
  });

  function findingRow(i) {
    var f = findings[i];
    var row = el('li', 'frow ' + sevClass(f.severity));
    row.setAttribute('data-id', f.id);
    row.setAttribute('data-severity', f.severity);
    row.setAttribute('data-kind', f.kind);
    row.setAttribute('data-review', reviewOf(f));
    if (i === fstate.current) row.classList.add('sel');
    var status = reviewOf(f);
    add(row, el('span', 'badge ' + sevClass(f.severity), f.severity), el('span', 'subject', f.subject),
        el('span', 'rv rv-' + status, status === 'unreviewed' ? '' : status.replace('_', '-')),
        el('span', 'srcs', f.kind + ' · ' + f.sources.join(', ')));
    row.addEventListener('click', function () { select(i, false); });
    return row;
  }

  function renderList() {
    flist.textContent = '';
    var none = document.getElementById('none-shown');
    none.hidden = fstate.shown.length > 0 || findings.length === 0;
    if (!fstate.shown.length) return;
    var ol = el('ol');
    var lastCluster = null;
    var from = fstate.page * PAGE;
    fstate.shown.slice(from, from + PAGE).forEach(function (i) {
      var f = findings[i];
      if (f.cluster !== lastCluster) {
        lastCluster = f.cluster;
        var head = el('li', 'ghead');
        var c = clusterAt.has(f.cluster) ? data.clusters[clusterAt.get(f.cluster)] : null;
        if (!f.cluster) add(head, 'Not in a cluster');
        else add(head, 'Cluster ', link('cluster-' + f.cluster, f.cluster));
        if (c) {
          add(head, ' ', muted((dateRange(c[CLU.first], c[CLU.last]) || 'date unknown') + ' · ' +
              plural(c[CLU.articles].length, 'article', 'articles')));
        }
        ol.appendChild(head);
      }
      ol.appendChild(findingRow(i));
    });
    add(flist, ol, fstate.shown.length > PAGE ? pager(fstate, renderList) : null);
  }

  function claimView(c) {
    var a = article(c.article);
    var box = el('div', 'claim');
    var who = el('div', 'who');
    if (a && a[ART.source]) add(who, el('span', 'src', a[ART.source]), ' · ');
    else if (a) add(who, 'source unknown · ');
    add(who, link('article-' + encodeURIComponent(c.article), c.article));
    if (a) add(who, ' · ' + (a[ART.date] || 'date unknown'));
    box.appendChild(who);
    var at = c.text ? c.sentence.indexOf(c.text) : -1;
    if (at >= 0) {
      box.appendChild(marked('blockquote', c.sentence, at, at + c.text.length));
    } else {
      if (c.sentence) box.appendChild(el('blockquote', null, c.sentence));
      add(box, add(el('div', 'value'), 'span ', el('mark', null, c.text)));
    }
    if (c.passage !== undefined) {
      var p = data.passages[c.passage];
      var details = el('details', 'para');
      add(details, el('summary', null, 'Paragraph'), marked('p', p[PAS.text], c.from, c.to));
      box.appendChild(details);
    }
    var value = el('div', 'value', 'body bytes ' + c.start + '–' + c.end);
    if (c.value) add(value, ' · value ', el('code', null, c.value));
    box.appendChild(value);
    return box;
  }

  // The lower bound of an interval value such as "[212,212]" or "(5000,inf)".
  function lowerBound(value) {
    var m = /^[[(]\s*(-?[0-9.eE+]+)/.exec(value || '');
    return m ? Number(m[1]) : NaN;
  }

  // For a count that changed over later reports: one row per report, in date order.
  function timeline(f) {
    var rows = f.claims.slice().sort(function (x, y) { return x.side - y.side; });
    var max = 0;
    rows.forEach(function (c) { var v = lowerBound(c.value); if (v > max) max = v; });
    var table = el('table', 'timeline');
    add(table, add(el('thead'), add(el('tr'), el('th', null, 'Date'), el('th', null, 'Source'),
        el('th', null, 'Reported'), el('th', null, ''))));
    var body = el('tbody');
    rows.forEach(function (c) {
      var a = article(c.article);
      var bar = el('div', 'tbar');
      var v = lowerBound(c.value);
      bar.style.width = max > 0 && v > 0 ? Math.max(1, Math.round(100 * v / max)) + '%' : '0';
      add(body, add(el('tr'), el('td', 'nowrap', a && a[ART.date] ? a[ART.date] : 'unknown'),
          el('td', null, sourceOf(c.article)), el('td', null, c.text), add(el('td', 'wrap'), bar)));
    });
    table.appendChild(body);
    return add(el('div', 'tablewrap'), table);
  }

  function diffView(diff) {
    var p = el('p', 'diff');
    diff.forEach(function (part) {
      if (part[0] === 'same') add(p, part[1]);
      else {
        if (part[1]) add(p, el('del', null, part[1]));
        if (part[2]) add(p, el('ins', null, part[2]));
      }
      add(p, ' ');
    });
    return p;
  }

  function decisionText(d) {
    return d.status.replace('_', '-') + ' by ' + d.reviewer + ' at ' + d.at + (d.reason ? ': ' + d.reason : '');
  }

  function reviewPanel(f) {
    var panel = el('div', 'review');
    var d = decisions[f.id];
    var status = el('span', 'review-status', d ? decisionText(d) : 'not reviewed yet');
    if (d) status.classList.add('rv-' + d.status);
    panel.appendChild(status);
    if (!token) return d ? panel : null;
    [['confirmed', 'Confirm (c)'], ['dismissed', 'Dismiss (d)'], ['follow_up', 'Follow up (f)']]
        .forEach(function (b) {
          var button = el('button', null, b[1]);
          button.type = 'button';
          button.addEventListener('click', function () { decide(f, b[0]); });
          panel.appendChild(button);
        });
    var history = el('details', 'history');
    var list = el('ol');
    add(history, el('summary', null, 'Decision history'), list);
    history.addEventListener('toggle', function () {
      if (!history.open) return;
      list.textContent = '';
      fetch('/api/decisions/' + f.id).then(function (res) { return res.json(); }).then(function (body) {
        if (!body.decisions.length) list.appendChild(el('li', 'muted', 'no decisions yet'));
        body.decisions.forEach(function (h) { list.appendChild(el('li', null, decisionText(h))); });
      });
    });
    panel.appendChild(history);
    return panel;
  }

  function renderFinding() {
    fview.textContent = '';
    var f = findings[fstate.current];
    fview.hidden = !f;
    if (!f) return;
    fview.className = 'fview ' + sevClass(f.severity);
    fview.setAttribute('data-id', f.id);
    fview.setAttribute('data-review', reviewOf(f));
    var head = add(el('div', 'fhead'), el('span', 'badge ' + sevClass(f.severity), f.severity),
        el('span', 'kind', f.kind), el('span', 'subject', f.subject),
        link(f.id, f.id, 'permalink'));
    var message = el('p', 'message', f.message);
    if (f.aspect) add(message, ' ', muted('(' + f.aspect + ')'));
    var where = el('div', 'where');
    var c = clusterAt.has(f.cluster) ? data.clusters[clusterAt.get(f.cluster)] : null;
    if (c) {
      add(where, 'cluster ', link('cluster-' + f.cluster, f.cluster), ' · ' +
          (dateRange(c[CLU.first], c[CLU.last]) || 'date unknown') + ' · ' +
          plural(c[CLU.articles].length, 'article', 'articles') + ' · ');
    }
    add(where, 'rule ', el('code', null, f.rule));
    add(fview, head, message, where);
    if (f.diff.length) fview.appendChild(diffView(f.diff));
    if (f.kind === 'quantity_update') fview.appendChild(timeline(f));
    // One column per side: claims in one column agree with each other.
    var sides = el('div', 'sides');
    var bySide = [];
    f.claims.forEach(function (claim) { (bySide[claim.side] = bySide[claim.side] || []).push(claim); });
    bySide.forEach(function (claims, side) {
      if (!claims) return;
      var column = el('div', 'side');
      var title = el('h4');
      var letter = el('span', 'letter', String.fromCharCode(65 + Math.min(side, 25)));
      letter.title = 'Claims under one letter agree with each other';
      add(title, letter, claims[0].value || '', claims.length > 1 ? ' · ' + plural(claims.length, 'source', 'sources') : '');
      column.appendChild(title);
      claims.forEach(function (claim) { column.appendChild(claimView(claim)); });
      sides.appendChild(column);
    });
    fview.appendChild(sides);
    add(fview, reviewPanel(f));
  }

  // Selects finding i (an index into findings), showing its page of the list.
  function select(i, scroll) {
    fstate.current = i;
    var at = fstate.shown.indexOf(i);
    if (at >= 0 && Math.floor(at / PAGE) !== fstate.page) {
      fstate.page = Math.floor(at / PAGE);
      renderList();
    } else {
      var old = flist.querySelector('.frow.sel');
      if (old) old.classList.remove('sel');
      var row = flist.querySelector('.frow[data-id="' + findings[i].id + '"]');
      if (row) row.classList.add('sel');
    }
    renderFinding();
    history.replaceState(null, '', '#' + findings[i].id);
    var selected = flist.querySelector('.frow.sel');
    if (scroll && selected) selected.scrollIntoView({block: 'nearest'});
  }
  function step(by) {
    if (!fstate.shown.length) return;
    var at = fstate.shown.indexOf(fstate.current);
    var next = at < 0 ? fstate.page * PAGE : Math.max(0, Math.min(fstate.shown.length - 1, at + by));
    select(fstate.shown[next], true);
  }

  // ---- tables: clusters, articles, problems --------------------------------------------
  function table(sectionId, count, headings, row, textOf) {
    var state = {shown: [], page: 0, target: -1, all: count};
    var wrap = document.getElementById(sectionId + '-table');
    document.getElementById(sectionId + '-empty').hidden = count > 0;
    var matches = searcher(textOf);
    for (var i = 0; i < count; i++) state.shown.push(i);
    function render() {
      wrap.textContent = '';
      wrap.hidden = !state.shown.length;
      if (!state.shown.length) return;
      var t = el('table');
      var tr = el('tr');
      headings.forEach(function (h) { tr.appendChild(el('th', null, h)); });
      add(t, add(el('thead'), tr));
      var body = el('tbody');
      state.shown.slice(state.page * PAGE, state.page * PAGE + PAGE).forEach(function (k) {
        var r = row(k);
        if (k === state.target) r.classList.add('target');
        body.appendChild(r);
      });
      add(wrap, add(el('div', 'tablewrap'), add(t, body)),
          state.shown.length > PAGE ? pager(state, render) : null);
    }
    state.render = render;
    state.filter = function (needle) {
      state.shown = [];
      for (var k = 0; k < count; k++) if (!needle || matches(k, needle)) state.shown.push(k);
      state.page = 0;
      render();
      shownCount(sectionId, state.shown.length, count, !!needle);
    };
    // Shows row k (clearing a filter that hides it) and scrolls to it.
    state.reveal = function (k) {
      if (state.shown.indexOf(k) < 0) {
        q.value = '';
        apply();
      }
      state.target = k;
      state.page = Math.floor(state.shown.indexOf(k) / PAGE);
      render();
      var r = wrap.querySelector('tr.target');
      if (r) r.scrollIntoView({block: 'center'});
    };
    render();
    return state;
  }

  function cell(cls, content) {
    var td = el('td', cls);
    if (content === null || content === undefined || content === '') return add(td, muted('unknown'));
    return add(td, content);
  }
  function listOf(items, limit, make) {
    var span = el('span');
    items.slice(0, limit).forEach(function (item, i) { add(span, i ? ', ' : '', make(item)); });
    if (items.length > limit) add(span, muted(' and ' + num(items.length - limit) + ' more'));
    return span;
  }

  var severityCounts = Object.create(null);  // cluster id -> findings by severity
  findings.forEach(function (f) {
    var counts = severityCounts[f.cluster] = severityCounts[f.cluster] || {high: 0, medium: 0, low: 0, other: 0};
    counts[f.severity in counts ? f.severity : 'other']++;
  });

  // A cluster's event, as the first of its articles with a title names it.
  function eventTitle(c) {
    for (var m = 0; m < c[CLU.articles].length; m++) {
      var a = article(c[CLU.articles][m]);
      if (a && a[ART.title]) return a[ART.title];
    }
    return null;
  }

  var clusters = table('clusters', data.clusters.length,
      ['ID', 'Event', 'Dates', 'Findings', 'Articles', 'Sources', 'Entities', 'Why'], function (k) {
        var c = data.clusters[k];
        var tr = el('tr');
        tr.setAttribute('data-id', c[CLU.id]);
        var counts = severityCounts[c[CLU.id]];
        var found = el('td', 'nowrap');
        if (counts) {
          var text = ['high', 'medium', 'low', 'other'].filter(function (s) { return counts[s]; })
              .map(function (s) { return counts[s] + ' ' + s; }).join(', ');
          found.appendChild(link('findings-' + encodeURIComponent(c[CLU.id]), text));
        } else {
          found.appendChild(muted('none'));
        }
        var sources = [];
        c[CLU.articles].forEach(function (id) {
          var a = article(id);
          if (a && a[ART.source] && sources.indexOf(a[ART.source]) < 0) sources.push(a[ART.source]);
        });
        var articles = add(el('td', 'wrap'), el('b', null, num(c[CLU.articles].length)), ': ',
            listOf(c[CLU.articles], 12, function (id) { return link('article-' + encodeURIComponent(id), id); }));
        add(tr, add(el('td'), el('code', null, c[CLU.id])), cell('wrap', eventTitle(c)),
            cell('nowrap', dateRange(c[CLU.first], c[CLU.last])), found, articles,
            add(el('td', 'wrap'), listOf(sources, 12, function (s) { return s; })),
            el('td', null, c[CLU.entities].join(', ')), el('td', null, c[CLU.why]));
        return tr;
      }, function (k) {
        var c = data.clusters[k];
        return [c[CLU.id], eventTitle(c), c[CLU.why], c[CLU.entities].join(' '), c[CLU.articles].join(' ')]
            .join('\n');
      });

  var articles = table('articles', data.articles.length,
      ['ID', 'Source', 'Date', 'Title', 'Path', 'Bytes', 'Paragraphs', 'Sentences', 'Quotations'],
      function (k) {
        var a = data.articles[k];
        var tr = el('tr');
        var date = cell('nowrap', a[ART.date]);
        date.appendChild(el('span', 'origin', a[ART.origin]));
        var title = a[ART.title] ? el('td', null, a[ART.title]) : add(el('td'), muted('untitled'));
        var url = a[ART.url];
        if (url && isWebUrl(url)) {
          var out = el('a', 'url', url);
          out.setAttribute('href', url);
          out.setAttribute('rel', 'noopener noreferrer nofollow');
          out.setAttribute('target', '_blank');
          title.appendChild(out);
        } else if (url) {
          title.appendChild(el('span', 'url', url));
        }
        add(tr, add(el('td', 'wrap'), el('code', null, a[ART.id])), cell(null, a[ART.source]), date, title,
            el('td', 'wrap mono', a[ART.path]), el('td', 'num', num(a[ART.bytes])),
            el('td', 'num', num(a[ART.paragraphs])), el('td', 'num', num(a[ART.sentences])),
            el('td', 'num', num(a[ART.quotations])));
        return tr;
      }, function (k) {
        var a = data.articles[k];
        return [a[ART.id], a[ART.source], a[ART.date], a[ART.title], a[ART.url], a[ART.path]].join('\n');
      });

  var problems = table('problems', data.problems.length, ['Path', 'Line', 'Message'], function (k) {
    var p = data.problems[k];
    return add(el('tr'), el('td', 'wrap mono', p[PRO.path]),
        el('td', 'num', p[PRO.line] === null ? '—' : p[PRO.line]), el('td', null, p[PRO.message]));
  }, function (k) { return data.problems[k].join('\n'); });

  // ---- filtering ------------------------------------------------------------------
  var onlyCluster = null;
  function apply() {
    var needle = q.value.trim().toLowerCase();
    var s = sev.value, k = kind.value, from = src.value, r = rev.value;
    fstate.shown = order.filter(function (i) {
      var f = findings[i];
      return (!s || f.severity === s) && (!k || f.kind === k) && (!from || f.sources.indexOf(from) >= 0) &&
          (!r || reviewOf(f) === r) && (onlyCluster === null || f.cluster === onlyCluster) &&
          (!needle || findingMatches(i, needle));
    });
    var at = fstate.shown.indexOf(fstate.current);
    fstate.page = at >= 0 ? Math.floor(at / PAGE) : 0;
    renderList();
    shownCount('findings', fstate.shown.length, findings.length,
        !!(needle || s || k || from || r || onlyCluster !== null));
    only.hidden = onlyCluster === null;
    only.textContent = onlyCluster === null ? '' : 'cluster ' + onlyCluster + ' ×';
    [clusters, articles, problems].forEach(function (t) { t.filter(needle); });
  }
  var timer = 0;
  q.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(apply, 150);
  });
  [sev, kind, src, rev].forEach(function (e) { e.addEventListener('change', apply); });
  only.addEventListener('click', function () { onlyCluster = null; apply(); });

  // ---- decisions, through `parallax serve` -----------------------------------------------
  function reviewer() {
    var name = localStorage.getItem('parallax-reviewer');
    if (!name) {
      name = (window.prompt('Your name, kept with your decisions:') || '').trim();
      if (name) localStorage.setItem('parallax-reviewer', name);
    }
    return name;
  }
  function refreshRow(f) {
    var row = flist.querySelector('.frow[data-id="' + f.id + '"]');
    if (row) row.parentNode.replaceChild(findingRow(findingAt.get(f.id)), row);
  }
  function decide(f, status) {
    if (!token || !f) return;
    var reason = '';
    if (status === 'dismissed') {
      reason = (window.prompt('Why is this finding dismissed?') || '').trim();
      if (!reason) return;
    }
    var who = reviewer();
    if (!who) return;
    fetch('/api/decisions', {
      method: 'POST',
      headers: {'Content-Type': 'application/json', 'X-Parallax-Token': token},
      body: JSON.stringify({finding: f.id, status: status, reason: reason, reviewer: who})
    }).then(function (res) {
      return res.json().then(function (body) {
        if (!res.ok) throw new Error(body.error || res.status);
        decisions[f.id] = body;
        refreshRow(f);
        if (findings[fstate.current] === f) renderFinding();
      });
    }).catch(function (e) {
      var line = fview.querySelector('.review-status');
      if (line) line.textContent = 'not saved: ' + e.message;
    });
  }

  // ---- keyboard and links -----------------------------------------------------------------
  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var typing = /^(INPUT|SELECT|TEXTAREA)$/.test(e.target.tagName);
    if (e.key === 'Escape') {
      help.hidden = true;
      if (typing) e.target.blur();
      return;
    }
    if (typing) return;
    if (e.key === 'j' || e.key === 'n') step(1);
    else if (e.key === 'k' || e.key === 'p') step(-1);
    else if (e.key === '/') q.focus();
    else if (e.key === '?') help.hidden = !help.hidden;
    else if (token && (e.key === 'c' || e.key === 'd' || e.key === 'f')) {
      decide(findings[fstate.current], {c: 'confirmed', d: 'dismissed', f: 'follow_up'}[e.key]);
    } else return;
    e.preventDefault();
  });

  // #f-ID selects a finding; #cluster-ID and #article-ID show a table row;
  // #findings-ID lists one cluster's findings.
  function follow() {
    var hash = location.hash.slice(1);
    try { hash = decodeURIComponent(hash); } catch (error) { return; }
    var prefix = /^(cluster|article|findings)-([\s\S]*)$/.exec(hash);
    if (findingAt.has(hash)) {
      var i = findingAt.get(hash);
      if (fstate.shown.indexOf(i) < 0) {
        q.value = sev.value = kind.value = src.value = rev.value = '';
        onlyCluster = null;
        apply();
      }
      select(i, true);
      document.getElementById('findings').scrollIntoView();
    } else if (prefix && prefix[1] === 'cluster' && clusterAt.has(prefix[2])) {
      clusters.reveal(clusterAt.get(prefix[2]));
    } else if (prefix && prefix[1] === 'article' && articleAt.has(prefix[2])) {
      articles.reveal(articleAt.get(prefix[2]));
    } else if (prefix && prefix[1] === 'findings' && prefix[2] in severityCounts) {
      onlyCluster = prefix[2];
      apply();
      if (fstate.shown.length) select(fstate.shown[0], true);
      document.getElementById('findings').scrollIntoView();
    }
  }
  window.addEventListener('hashchange', follow);

  // The sticky header's height, for the sticky finding view below it.
  function measure() {
    document.documentElement.style.setProperty('--head',
        document.querySelector('header.top').offsetHeight + 'px');
  }
  window.addEventListener('resize', measure);
  measure();

  renderList();
  document.getElementById('findings-empty').hidden = findings.length > 0;
  document.getElementById('desk').hidden = findings.length === 0;
  if (location.hash) follow();
  if (fstate.current < 0 && order.length) {
    fstate.current = order[0];
    renderList();
    renderFinding();
  }
  if (token) {
    fetch('/api/decisions').then(function (res) { return res.json(); }).then(function (body) {
      body.decisions.forEach(function (d) { decisions[d.finding] = d; });
      apply();
      renderFinding();
    });
  }
  // When the page became usable, in ms since navigation (for bench/README.md).
  document.body.setAttribute('data-ready', String(Math.round(performance.now())));
})();
