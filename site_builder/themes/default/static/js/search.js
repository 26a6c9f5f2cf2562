/* Search for the yearbook site, offline: works from a web server, from file:// and from a USB copy.
 *
 * The index (built by site-builder: render/search_index.py) is a list, tim-kiem/chi-muc.js,
 * that sets window.siteSearchIndex (every word, and the parts), and parts it names
 * (tim-kiem/chi-muc-<id>.js), each setting window.siteSearchParts[<id>]; this file loads the
 * parts, reads them as one index (records in the list's order), folds the reader's query
 * the way the index was folded (site_builder/model/fold.py: the two are tested to agree),
 * and shows the results on tim-kiem/index.html.
 *
 * Ranking, best first:
 *   1. for a query written with tone marks: the words as written ("Đông" before "dòng");
 *   2. the words next to each other, in order (a phrase), before the words anywhere;
 *   3. words in the title (a short title that is mostly the query first), then how often.
 */
(function (root) {
  "use strict";

  // ---- folding: keep in step with site_builder/model/fold.py --------------------------
  var MARKS = /\p{Mn}/gu;
  var WORD = /[\p{L}\p{N}]+/gu;
  var RAW_WORD = /[\p{L}\p{N}\p{M}]+/gu;

  function fold(text) {
    return text.normalize("NFC").toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(MARKS, "");
  }

  function terms(text) {
    return fold(text).match(WORD) || [];
  }

  // Letters and the set of marks, wherever they sit: "Hoà" and "Hòa" are the same word, "Đông" and "dòng" are not.
  function exactKey(word) {
    var nfd = word.normalize("NFC").toLowerCase().normalize("NFD");
    var marks = (nfd.match(MARKS) || []).sort().join("");
    return nfd.replace(MARKS, "") + "|" + marks;
  }

  // The query as terms; a term typed with marks (or đ) must match them to count as exact.
  function parseQuery(query) {
    var out = [];
    (query.normalize("NFC").match(RAW_WORD) || []).forEach(function (raw) {
      terms(raw).forEach(function (folded) {
        if (out.length >= 30) return;
        var key = exactKey(raw);
        out.push({ fold: folded, exact: key, marked: key !== folded + "|" });
      });
    });
    return out;
  }

  // ---- the index ------------------------------------------------------------------------
  var BASE = 93;
  var RANK = new Int16Array(128).fill(-1);
  (function () {
    var n = 0;
    for (var c = 0x20; c < 0x7f; c++) if (c !== 0x22 && c !== 0x5c) RANK[c] = n++;
  })();
  var SPAN1 = 64, SPAN2 = 26 * BASE, SPAN3 = 2 * BASE * BASE; // render/search_index.py LEADS
  var SEP = 1 << 30; // mask of a punctuation token: never breaks a phrase

  // Numbers of `code` into `out` from `at`; through `map` (a part's numbers -> the list's words) when given.
  function decodeInto(code, out, at, map) {
    for (var i = 0; i < code.length; ) {
      var v = RANK[code.charCodeAt(i)], n;
      if (v < 64) { n = v; i += 1; }
      else if (v < 90) { n = SPAN1 + (v - 64) * BASE + RANK[code.charCodeAt(i + 1)]; i += 2; }
      else if (v < 92) {
        n = SPAN1 + SPAN2 + (v - 90) * BASE * BASE + RANK[code.charCodeAt(i + 1)] * BASE + RANK[code.charCodeAt(i + 2)];
        i += 3;
      } else {
        n = SPAN1 + SPAN2 + SPAN3 + RANK[code.charCodeAt(i + 1)] * BASE * BASE +
          RANK[code.charCodeAt(i + 2)] * BASE + RANK[code.charCodeAt(i + 3)];
        i += 4;
      }
      out[at++] = map ? map[n] : n;
    }
    return at;
  }

  // The parts as one index: their records in the list's order, each with its part's map to the
  // list's words; labels and dates merged.
  function merge(list, parts) {
    var raw = { labels: [], dates: {}, records: [], maps: [] }, labelAt = new Map();
    parts.forEach(function (part, p) {
      var code = list.parts[p][2], map = new Int32Array(code.length);
      map = map.subarray(0, decodeInto(code, map, 0, null));
      var labels = part.labels.map(function (key) {
        if (!labelAt.has(key)) { labelAt.set(key, raw.labels.length); raw.labels.push(key); }
        return labelAt.get(key);
      });
      Object.keys(part.dates).forEach(function (iso) { raw.dates[iso] = part.dates[iso]; });
      part.records.forEach(function (r) {
        raw.records.push([labels[r[0]], r[1], r[2], r[3], r[4], r[5], r[6]]);
        raw.maps.push(map);
      });
    });
    return raw;
  }

  // `list`: what tim-kiem/chi-muc.js sets; `parts`: what its parts set, in its order.
  function open(list, parts) {
    var raw = merge(list, parts), words = list.words.split("\n"), folds = list.folds.split("\n");
    var byFold = new Map();
    for (var w = 0; w < words.length; w++) {
      if (!folds[w]) continue;
      var known = byFold.get(folds[w]);
      if (known) known.push(w); else byFold.set(folds[w], [w]);
    }
    var total = 0;
    raw.records.forEach(function (r) { total += r[4].length + r[5].length + (r[6] || "").length; });
    var tokens = new Int32Array(total);
    // per record: title start, text start, also start (expansions of its abbreviations), end
    var bounds = new Int32Array(raw.records.length * 4 + 1);
    var at = 0;
    raw.records.forEach(function (r, i) {
      var map = raw.maps[i];
      bounds[4 * i] = at;
      at = decodeInto(r[4], tokens, at, map);
      bounds[4 * i + 1] = at;
      at = decodeInto(r[5], tokens, at, map);
      bounds[4 * i + 2] = at;
      at = decodeInto(r[6] || "", tokens, at, map);
      bounds[4 * i + 3] = at;
    });
    var isWord = new Uint8Array(words.length);
    for (w = 0; w < words.length; w++) isWord[w] = folds[w] ? 1 : 0;
    return { raw: raw, words: words, byFold: byFold, isWord: isWord, tokens: tokens, bounds: bounds };
  }

  function text(index, start, end) {
    var out = "";
    for (var p = start; p < end; p++) {
      var t = index.tokens[p];
      if (p > start && index.isWord[t] && index.isWord[index.tokens[p - 1]]) out += " ";
      out += index.words[t];
    }
    return out;
  }

  // ---- searching ------------------------------------------------------------------------
  function masks(index, query) {
    var n = index.words.length, match = new Int32Array(n), exact = new Int32Array(n);
    for (var w = 0; w < n; w++) if (!index.isWord[w]) match[w] = exact[w] = SEP;
    query.forEach(function (term, i) {
      (index.byFold.get(term.fold) || []).forEach(function (w) {
        match[w] |= 1 << i;
        if (!term.marked || exactKey(index.words[w]) === term.exact) exact[w] |= 1 << i;
      });
    });
    return { match: match, exact: exact };
  }

  // Shift-and over one field: which terms occur, and whether they occur next to each other in order.
  function scan(index, m, start, end, last) {
    var tokens = index.tokens, match = m.match, exact = m.exact;
    var state = 0, estate = 0, seen = 0, seenExact = 0, hits = 0, words = 0, phrase = false, phraseExact = false;
    for (var p = start; p < end; p++) {
      var t = tokens[p], mw = match[t];
      if (mw === 0) { state = estate = 0; words++; continue; }
      if (mw === SEP) continue;
      var ew = exact[t];
      words++; hits++;
      state = ((state << 1) | 1) & mw;
      estate = ((estate << 1) | 1) & ew;
      seen |= mw; seenExact |= ew;
      if (state & last) phrase = true;
      if (estate & last) phraseExact = true;
    }
    return { seen: seen, seenExact: seenExact, hits: hits, words: words, phrase: phrase, phraseExact: phraseExact };
  }

  function search(index, queryText) {
    var query = parseQuery(queryText);
    // every term must occur: one that no record has means no result, without a scan
    if (!query.length || query.some(function (term) { return !index.byFold.has(term.fold); })) return [];
    var m = masks(index, query), full = (1 << query.length) - 1, last = 1 << (query.length - 1);
    var results = [], b = index.bounds, n = index.raw.records.length;
    for (var i = 0; i < n; i++) {
      var title = scan(index, m, b[4 * i], b[4 * i + 1], last);
      var body = scan(index, m, b[4 * i + 1], b[4 * i + 2], last);
      // A word met only through an abbreviation ("đảng viên" for "ĐV") counts as present, but
      // makes no phrase and no hit: the reader's words are not written there.
      var also = b[4 * i + 2] < b[4 * i + 3] ? scan(index, m, b[4 * i + 2], b[4 * i + 3], last) : null;
      var seen = title.seen | body.seen | (also ? also.seen : 0);
      if ((seen & full) !== full) continue;
      var seenExact = title.seenExact | body.seenExact | (also ? also.seenExact : 0);
      var tier = title.phraseExact || body.phraseExact ? 3
        : (seenExact & full) === full ? 2
        : title.phrase || body.phrase ? 1 : 0;
      var inTitle = title.phrase ? 2 : (title.seen & full) === full ? 1 : 0;
      results.push({ record: i, tier: tier, inTitle: inTitle,
        cover: title.words ? title.hits / title.words : 0, hits: Math.min(title.hits + body.hits, 50) });
    }
    results.sort(function (x, y) {
      return y.tier - x.tier || y.inTitle - x.inTitle || y.cover - x.cover || y.hits - x.hits || x.record - y.record;
    });
    results.masks = m;
    return results;
  }

  // ---- showing results ------------------------------------------------------------------
  var BEFORE = 12, LENGTH = 36; // snippet: words before the first hit, words in all

  // Text of tokens [start, end) as DOM nodes, words of the query in <mark>.
  function highlighted(doc, index, match, start, end) {
    var frag = doc.createDocumentFragment(), plain = "", marked = null;
    function flush() { if (plain) { frag.appendChild(doc.createTextNode(plain)); plain = ""; } }
    for (var p = start; p < end; p++) {
      var t = index.tokens[p], hit = index.isWord[t] && match[t] !== 0;
      var gap = p > start && index.isWord[t] && index.isWord[index.tokens[p - 1]] ? " " : "";
      if (hit) {
        if (marked && !plain) { marked.textContent += gap + index.words[t]; continue; }
        plain += gap; flush();
        marked = doc.createElement("mark"); marked.textContent = index.words[t]; frag.appendChild(marked);
      } else {
        plain += gap + index.words[t];
        marked = plain ? null : marked;
      }
    }
    flush();
    return frag;
  }

  function bits(n) {
    var c = 0;
    for (; n; n &= n - 1) c++;
    return c;
  }

  // The first word of the snippet: the window of LENGTH words that shows the query best.
  function snippetStart(index, match, start, end) {
    var hits = [], words = 0;
    for (var p = start; p < end; p++) {
      var t = index.tokens[p];
      if (!index.isWord[t]) continue;
      if (match[t]) hits.push({ p: p, word: words, bits: match[t] });
      words++;
    }
    // Most distinct terms first, then the longest run of adjacent hits (a phrase), then the earliest.
    var best = -1, bestScore = 0;
    for (var i = 0; i < hits.length; i++) {
      var union = 0, run = 0, longest = 0;
      for (var j = i; j < hits.length && hits[j].word - hits[i].word < LENGTH - BEFORE; j++) {
        union |= hits[j].bits;
        run = j > i && hits[j].word === hits[j - 1].word + 1 ? run + 1 : 1;
        longest = Math.max(longest, run);
      }
      var score = bits(union) * 64 + Math.min(longest, 63);
      if (score > bestScore) { bestScore = score; best = hits[i].p; }
    }
    if (best < 0) return start;
    for (var back = 0, q = best; q > start && back < BEFORE; q--) if (index.isWord[index.tokens[q - 1]]) { back++; best = q - 1; }
    return best;
  }

  function snippet(doc, index, match, result) {
    var b = index.bounds, start = b[4 * result.record + 1], end = b[4 * result.record + 2];
    var from = snippetStart(index, match, start, end), to = from;
    for (var words = 0; to < end && words < LENGTH; to++) if (index.isWord[index.tokens[to]]) words++;
    var frag = doc.createDocumentFragment();
    if (from > start) frag.appendChild(doc.createTextNode("… "));
    frag.appendChild(highlighted(doc, index, match, from, to));
    if (to < end) frag.appendChild(doc.createTextNode(" …"));
    return frag;
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) { return name in values ? values[name] : whole; });
  }

  function groupDigits(n, group) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, group);
  }

  function label(ui, raw, record) {
    var key = raw.labels[record[0]], parts = key.split(":");
    var out = [parts[1] && ui.conference_kinds[parts[1]] || ui.kinds[parts[0]] || parts[0]];
    // where: a year ("2022") or a term id, always "<start>-<end>" ("2015-2020")
    if (record[3]) out.push(format(record[3].indexOf("-") > 0 ? ui.scope_term : ui.scope_year, { id: record[3], year: record[3] }));
    return out;
  }

  function resultItem(doc, ui, index, match, result) {
    var record = index.raw.records[result.record], b = index.bounds;
    var li = doc.createElement("li"); li.className = "search-result";
    var meta = doc.createElement("p"); meta.className = "search-result__meta";
    var kind = doc.createElement("span"); kind.className = "search-result__kind";
    kind.textContent = label(ui, index.raw, record).join(" · ");
    meta.appendChild(kind);
    if (record[2]) {
      var time = doc.createElement("time"); time.dateTime = record[2];
      time.textContent = index.raw.dates[record[2]] || record[2];
      meta.appendChild(doc.createTextNode(" · ")); meta.appendChild(time);
    }
    var heading = doc.createElement("h2"); heading.className = "search-result__title";
    var a = doc.createElement("a"); a.href = record[1];
    a.appendChild(highlighted(doc, index, match, b[4 * result.record], b[4 * result.record + 1]));
    heading.appendChild(a);
    li.appendChild(meta); li.appendChild(heading);
    if (b[4 * result.record + 2] > b[4 * result.record + 1]) {
      var p = doc.createElement("p"); p.className = "search-result__snippet";
      p.appendChild(snippet(doc, index, match, result));
      li.appendChild(p);
    }
    return li;
  }

  var PAGE = 50;
  var PARTS_GLOBAL = "siteSearchParts"; // pages/search.py PARTS_GLOBAL

  function show(doc, ui, index, query) {
    var status = doc.getElementById("search-status"), list = doc.getElementById("search-results");
    var more = doc.getElementById("search-more");
    list.textContent = "";
    more.hidden = true;
    if (!parseQuery(query).length) { status.textContent = ui.empty; return; }
    var results = search(index, query), shown = 0, masks = results.masks;
    status.textContent = results.length
      ? format(ui.found, { count: groupDigits(results.length, ui.group), query: query.trim() })
      : format(ui.none, { query: query.trim() });
    function page() {
      var end = Math.min(shown + PAGE, results.length);
      for (; shown < end; shown++) {
        var r = results[shown];  // an exact result marks only the words as typed
        list.appendChild(resultItem(doc, ui, index, r.tier >= 2 ? masks.exact : masks.match, r));
      }
      more.hidden = shown >= results.length;
    }
    more.onclick = page;
    page();
  }

  function start(win) {
    var doc = win.document, status = doc.getElementById("search-status");
    if (!status) return;
    var ui = JSON.parse(doc.getElementById("search-ui").textContent);
    var query = new URLSearchParams(win.location.search).get("q") || "";
    var box = doc.getElementById("site-search-q");
    if (box) box.value = query;
    if (query.trim()) doc.title = format(ui.page_title, { query: query.trim(), site: ui.site_title });
    var list = win[ui.index_global];
    if (!list || !list.parts) { status.textContent = ui.no_index; return; }
    loadParts(win, list.parts, function (parts) {
      if (parts) show(doc, ui, open(list, parts), query);
      else status.textContent = ui.no_index;
    });
  }

  // Each part is a script (from file:// a script loads where a fetch would not); `done` gets the
  // parts in the list's order, or null when one cannot be loaded.
  function loadParts(win, listed, done) {
    var doc = win.document, waiting = 1, failed = false;
    function settle() {
      if (--waiting) return;
      var got = win[PARTS_GLOBAL] || {};
      var parts = listed.map(function (entry) { return got[entry[0]]; });
      done(failed || parts.some(function (part) { return !part; }) ? null : parts);
    }
    listed.forEach(function (entry) {
      if (win[PARTS_GLOBAL] && win[PARTS_GLOBAL][entry[0]]) return;
      waiting++;
      var script = doc.createElement("script");
      script.src = entry[1];
      script.onload = settle;
      script.onerror = function () { failed = true; settle(); };
      doc.head.appendChild(script);
    });
    settle();
  }

  var api = { fold: fold, terms: terms, exactKey: exactKey, parseQuery: parseQuery, open: open, search: search, text: text };
  if (typeof module === "object" && module.exports) module.exports = api;
  else {
    root.siteSearch = api;
    if (root.document) start(root);
  }
})(this);
