/* zwgk-search.js: the browser side of the zwgk static search (docs/search.md).
 *
 * An ES module with no dependencies. It fetches only files of its own folder (the bundle written by
 * zwgk.core.searchindex.write_index): meta.json once, then for each query the shards its grams hash
 * to, and a document's fragment when a result is shown. The tokenisation and the query rules are the
 * ones of searchindex.py, step for step (the browser tests compare both on the same queries); keep
 * them in sync. ES2017: no optional chaining, no BigInt, no Object.fromEntries.
 *
 * API (the shape of the Pagefind calls the site's header search makes):
 *   options({baseUrl})                 -> Promise        baseUrl: the site root, prefixed to result urls
 *   search(query, {filters})           -> Promise<{results: [{id, score, data()}]}>
 *       filters: {column?: string|string[], year?: string|string[]}
 *       data() -> Promise<{url, meta: {title, column, date}, excerpt}>, excerpt: escaped HTML with <mark>
 *   filters()                          -> Promise<{column: {value: count}, year: {value: count}}>
 *   init()                             -> Promise        (loads meta.json; search() does it too)
 * Every result is an exact match: results.length is the true number of documents found.
 */

var FORMAT = 1;
var IN_TITLE = 16;
var TF_CAP = 15;
var TITLE_WEIGHT = 256;
var PREFIX_MARK = "*";
var EXCERPT = 80; /* UTF-16 units of text shown around the first match */
var BEFORE = 20; /* of which before the match */
/* Code point ranges (after folding) whose characters are tokens of their own: CJK, kana, hangul.
   The same table as CJK_RANGES in searchindex.py. */
var CJK = [
  [0x1100, 0x11FF], [0x2E80, 0x2FDF], [0x3005, 0x3007], [0x3021, 0x3029], [0x3031, 0x3035],
  [0x303B, 0x303C], [0x3041, 0x3096], [0x3099, 0x309F], [0x30A1, 0x30FA], [0x30FC, 0x30FF],
  [0x3105, 0x312F], [0x3131, 0x318E], [0x31A0, 0x31BF], [0x31F0, 0x31FF], [0x3400, 0x4DBF],
  [0x4E00, 0x9FFF], [0xA960, 0xA97F], [0xAC00, 0xD7A3], [0xD7B0, 0xD7FF], [0xF900, 0xFAFF],
  [0x20000, 0x3FFFF]
];
/* WHITESPACE of searchindex.py: terms are split on these after folding. */
var SPLIT = /[\t\n\x0b\x0c\r \x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/;
var WORDISH = /[0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/;
var ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

var bundle = new URL("./", import.meta.url);
var baseUrl = new URL("../", import.meta.url).pathname; /* the bundle is <site>/search/ */
var metaPromise = null;
var files = new Map(); /* bundle-relative name -> Promise<Uint8Array> */
var shardIndex = new Map(); /* shard name -> Map(key -> [start, end]) */
var foldCache = new Map();
var utf8 = new TextDecoder("utf-8");
var utf8enc = new TextEncoder();

/* -- tokenisation ---------------------------------------------------------------------------- */
function fold(ch) {
  var f = foldCache.get(ch);
  if (f === undefined) {
    f = ch.normalize("NFKC").toLowerCase();
    foldCache.set(ch, f);
  }
  return f;
}

function foldText(text) {
  var out = "";
  for (var ch of text) { out += fold(ch); }
  return out;
}

function isCJK(cp) {
  if (cp < 0x1100) { return false; }
  for (var i = 0; i < CJK.length; i++) {
    if (cp < CJK[i][0]) { return false; }
    if (cp <= CJK[i][1]) { return true; }
  }
  return false;
}

function isWordChar(cp) { return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x7a); }

/* Atoms of a text with the UTF-16 range of the original characters each came from:
   [[atom, start, end], ...]. ``folded``: the text is already folded (a query term). */
function atomize(text, folded) {
  var out = [];
  var word = "";
  var wordStart = 0;
  var wordEnd = 0;
  var i = 0;
  for (var ch of text) {
    var start = i;
    i += ch.length;
    var f = folded ? ch : fold(ch);
    for (var c of f) {
      var cp = c.codePointAt(0);
      if (isWordChar(cp)) {
        if (!word) { wordStart = start; }
        word += c;
        wordEnd = i;
        continue;
      }
      if (word) { out.push([word, wordStart, wordEnd]); word = ""; }
      if (isCJK(cp)) { out.push([c, start, i]); }
    }
  }
  if (word) { out.push([word, wordStart, wordEnd]); }
  return out;
}

/* The atoms of a text, as searchindex.tokens. */
export function tokens(text) { return atomize(String(text), false).map(function (a) { return a[0]; }); }

function isWordAtom(atom) { return isWordChar(atom.charCodeAt(0)); }

/* Query terms: [{atoms, prefix}], as searchindex.parse_query. */
export function parseQuery(query, maxPrefix) {
  var parts = foldText(String(query)).split(SPLIT).filter(Boolean);
  var terms = [];
  var seen = new Set();
  parts.forEach(function (part, k) {
    var atoms = atomize(part, true).map(function (a) { return a[0]; });
    if (!atoms.length) { return; }
    var last = atoms[atoms.length - 1];
    var prefix = k === parts.length - 1 && isWordAtom(last) && part.endsWith(last) &&
      last.length >= 2 && last.length <= (maxPrefix || 20);
    var id = atoms.join(" ") + (prefix ? PREFIX_MARK : "");
    if (seen.has(id)) { return; }
    seen.add(id);
    terms.push({ atoms: atoms, prefix: prefix });
  });
  return terms;
}

/* [gram key, atom offset] pairs covering the term, as Term.components. */
export function components(term) {
  var out = [];
  var atoms = term.atoms;
  var n = atoms.length;
  var i = 0;
  while (i < n) {
    if (!isWordAtom(atoms[i])) {
      var j = i;
      while (j < n && !isWordAtom(atoms[j])) { j++; }
      if (j - i === 1) {
        out.push([atoms[i], i]);
      } else {
        var offsets = [];
        for (var o = i; o < j - 1; o += 2) { offsets.push(o); }
        if ((j - i) % 2) { offsets.push(j - 2); }
        offsets.forEach(function (o) { out.push([atoms[o] + atoms[o + 1], o]); });
      }
      i = j;
    } else {
      var last = term.prefix && i === n - 1;
      out.push([last ? atoms[i] + PREFIX_MARK : atoms[i], i]);
      i++;
    }
  }
  return out;
}

/* 32-bit FNV-1a over the UTF-8 bytes (searchindex.fnv1a). */
export function fnv1a(key) {
  var bytes = utf8enc.encode(key);
  var h = 0x811c9dc5;
  for (var i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/* -- files ------------------------------------------------------------------------------------- */
function fetchBytes(name, init) {
  var url = new URL(name, bundle);
  return fetch(url.href, init).then(function (res) {
    if (!res.ok) { throw new Error("zwgk-search: " + name + " " + res.status); }
    return res.arrayBuffer();
  }).then(function (buf) { return new Uint8Array(buf); });
}

function loadMeta() {
  if (!metaPromise) {
    /* Revalidated every time: meta.json names the build (tag) that every other file is fetched for,
       so a browser never combines shards of two builds. */
    metaPromise = fetchBytes("meta.json", { cache: "no-cache" }).then(function (bytes) {
      var meta = JSON.parse(utf8.decode(bytes));
      if (meta.format !== FORMAT) { throw new Error("zwgk-search: unsupported index format " + meta.format); }
      Object.keys(meta.filters).forEach(function (name) {
        var docs = meta.filters[name].docs;
        if (typeof docs === "string") {
          meta.filters[name].docs = Array.prototype.map.call(docs, function (c) { return ALPHABET.indexOf(c); });
        }
      });
      return meta;
    });
    metaPromise.catch(function () { metaPromise = null; }); /* a failed load may be retried */
  }
  return metaPromise;
}

function file(meta, name) {
  var p = files.get(name);
  if (!p) {
    p = fetchBytes(name + "?v=" + meta.tag);
    files.set(name, p);
    p.catch(function () { files.delete(name); });
  }
  return p;
}

function Reader(bytes, pos) { this.b = bytes; this.i = pos || 0; }
Reader.prototype.uint = function () {
  var n = 0;
  var mul = 1;
  for (;;) {
    var byte = this.b[this.i++];
    n += (byte & 0x7f) * mul;
    if (byte < 0x80) { return n; }
    mul *= 128;
  }
};
Reader.prototype.ascending = function (n) {
  var out = new Array(n);
  var v = 0;
  for (var k = 0; k < n; k++) { v += this.uint(); out[k] = v; }
  return out;
};

function records(bytes) {
  var map = new Map();
  var r = new Reader(bytes);
  while (r.i < bytes.length) {
    var klen = r.uint();
    var key = utf8.decode(bytes.subarray(r.i, r.i + klen));
    r.i += klen;
    var blen = r.uint();
    map.set(key, [r.i, r.i + blen]);
    r.i += blen;
  }
  return map;
}

/* The record of ``key`` ("i": postings, "p": positions), or null; follows a stub to the gram's own file. */
function body(meta, kind, key) {
  var name = kind + "/" + (fnv1a(key) % meta.shards);
  return file(meta, name + ".bin").then(function (bytes) {
    var index = shardIndex.get(name);
    if (!index) { index = records(bytes); shardIndex.set(name, index); }
    var span = index.get(key);
    if (!span) { return null; }
    var rec = bytes.subarray(span[0], span[1]);
    if (rec[0] === 0) { return file(meta, name + "-" + new Reader(rec, 1).uint() + ".bin"); }
    return rec;
  });
}

function postings(rec) { /* Map(doc -> weight) */
  var out = new Map();
  if (!rec) { return out; }
  var r = new Reader(rec);
  var n = r.uint();
  var ids = r.ascending(n);
  for (var k = 0; k < n; k++) { out.set(ids[k], rec[r.i + k]); }
  return out;
}

function positions(rec) { /* Map(doc -> [title positions, text positions]) */
  var out = new Map();
  if (!rec) { return out; }
  var r = new Reader(rec);
  var ids = r.ascending(r.uint());
  for (var k = 0; k < ids.length; k++) {
    var head = r.uint();
    var nt = head & 1 ? r.uint() : 0;
    var title = r.ascending(nt);
    out.set(ids[k], [title, r.ascending(Math.floor(head / 2))]);
  }
  return out;
}

/* -- search ------------------------------------------------------------------------------------ */
function contains(sorted, x) {
  var lo = 0;
  var hi = sorted.length - 1;
  while (lo <= hi) {
    var mid = (lo + hi) >> 1;
    if (sorted[mid] === x) { return true; }
    if (sorted[mid] < x) { lo = mid + 1; } else { hi = mid - 1; }
  }
  return false;
}

function weight(inTitle, inText) { return (inTitle ? IN_TITLE : 0) | Math.min(inText, TF_CAP); }
function points(w) { return (w & IN_TITLE ? TITLE_WEIGHT : 0) + (w & TF_CAP); }

/* Document -> weight of a whole term: postings for one gram, aligned positions for several. */
function termWeights(comps, recs, allowed) {
  if (comps.length === 1) { return postings(recs[0]); }
  var lists = recs.map(positions);
  var b = 0;
  lists.forEach(function (m, k) { if (m.size < lists[b].size) { b = k; } });
  var out = new Map();
  lists[b].forEach(function (base, doc) {
    if (allowed && !allowed[doc]) { return; }
    var per = [];
    for (var k = 0; k < lists.length; k++) {
      var got = lists[k].get(doc);
      if (!got) { return; }
      per.push(got);
    }
    var counts = [0, 0];
    for (var field = 0; field < 2; field++) {
      base[field].forEach(function (p) {
        var start = p - comps[b][1];
        for (var k = 0; k < per.length; k++) {
          if (k !== b && !contains(per[k][field], start + comps[k][1])) { return; }
        }
        counts[field]++;
      });
    }
    if (counts[0] || counts[1]) { out.set(doc, weight(counts[0], counts[1])); }
  });
  return out;
}

/* Documents passing the filters: null (no filter) or an array of booleans by document id. */
function allowedDocs(meta, filters) {
  var names = Object.keys(filters || {}).filter(function (name) { return filters[name] !== undefined && filters[name] !== null; });
  if (!names.length) { return null; }
  var ok = new Array(meta.docs).fill(true);
  names.forEach(function (name) {
    var spec = meta.filters[name];
    var wanted = [].concat(filters[name]).map(String);
    var values = new Set();
    if (spec) { wanted.forEach(function (v) { var k = spec.values.indexOf(v); if (k >= 0) { values.add(k); } }); }
    for (var d = 0; d < meta.docs; d++) { if (!spec || !values.has(spec.docs[d])) { ok[d] = false; } }
  });
  return ok;
}

function escapeHtml(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/* Escaped text around the first match of any term, with <mark> around every match in it. */
export function excerpt(text, terms) {
  var atoms = atomize(text, false);
  var ranges = [];
  terms.forEach(function (t) {
    var n = t.atoms.length;
    for (var s = 0; s + n <= atoms.length; s++) {
      var ok = true;
      for (var j = 0; j < n && ok; j++) {
        var got = atoms[s + j][0];
        var want = t.atoms[j];
        ok = got === want || (t.prefix && j === n - 1 && got.indexOf(want) === 0);
      }
      if (ok) { ranges.push([atoms[s][1], atoms[s + n - 1][2]]); }
    }
  });
  ranges.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
  var first = ranges.length ? ranges[0] : [0, 0];
  var start = Math.max(0, Math.min(first[0] - BEFORE, text.length - EXCERPT));
  var end = Math.max(Math.min(text.length, start + EXCERPT), first[1]);
  while (start > 0 && start < first[0] && WORDISH.test(text.charAt(start - 1)) && WORDISH.test(text.charAt(start))) {
    start++; /* do not begin in the middle of a number or a Latin word */
  }
  if (start > 0 && /[\udc00-\udfff]/.test(text.charAt(start))) { start--; } /* never split a surrogate pair */
  if (end < text.length && /[\ud800-\udbff]/.test(text.charAt(end - 1))) { end++; }
  var html = start > 0 ? "…" : "";
  var at = start;
  ranges.forEach(function (r) {
    var a = Math.max(r[0], at);
    var b = Math.min(r[1], end);
    if (a >= b) { return; }
    html += escapeHtml(text.slice(at, a)) + "<mark>" + escapeHtml(text.slice(a, b)) + "</mark>";
    at = b;
  });
  html += escapeHtml(text.slice(at, end)) + (end < text.length ? "…" : "");
  return html;
}

function result(meta, id, score, terms) {
  var loaded = null;
  return {
    id: id,
    score: score,
    data: function () {
      if (!loaded) {
        loaded = file(meta, "d/" + id + ".json").then(function (bytes) {
          var doc = JSON.parse(utf8.decode(bytes));
          var root = baseUrl.charAt(baseUrl.length - 1) === "/" ? baseUrl : baseUrl + "/";
          return {
            url: root + doc.url,
            meta: { title: doc.title, column: doc.column, date: doc.date },
            excerpt: excerpt(doc.text, terms)
          };
        });
        loaded.catch(function () { loaded = null; });
      }
      return loaded;
    }
  };
}

export function options(opts) {
  if (opts && typeof opts.baseUrl === "string") { baseUrl = opts.baseUrl; }
  return Promise.resolve();
}

export function init() { return loadMeta().then(function () { return undefined; }); }

/* Documents containing every term of the query (as a run of tokens, in the title or the text), best
   first: score = Σ per term (256 if in the title) + occurrences in the text (at most 15), then newer
   first. A null query lists every document that passes the filters, newest first. */
export async function search(query, opts) {
  var meta = await loadMeta();
  var allowed = allowedDocs(meta, opts && opts.filters);
  var ids = [];
  if (query === null || query === undefined) {
    for (var d = 0; d < meta.docs; d++) { if (!allowed || allowed[d]) { ids.push([d, 0]); } }
    return { results: ids.map(function (h) { return result(meta, h[0], 0, []); }) };
  }
  var terms = parseQuery(query, meta.prefix);
  if (!terms.length) { return { results: [] }; }
  var plans = terms.map(function (t) { var c = components(t); return { comps: c, kind: c.length === 1 ? "i" : "p" }; });
  var recs = await Promise.all(plans.map(function (p) {
    return Promise.all(p.comps.map(function (c) { return body(meta, p.kind, c[0]); }));
  }));
  var scores = null;
  plans.forEach(function (p, k) {
    var w = termWeights(p.comps, recs[k], allowed);
    var next = new Map();
    w.forEach(function (value, doc) {
      if (allowed && !allowed[doc]) { return; }
      if (scores && !scores.has(doc)) { return; }
      next.set(doc, (scores ? scores.get(doc) : 0) + points(value));
    });
    scores = next;
  });
  scores.forEach(function (score, doc) { ids.push([doc, score]); });
  ids.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
  return { results: ids.map(function (h) { return result(meta, h[0], h[1], terms); }) };
}

export async function filters() {
  var meta = await loadMeta();
  var out = {};
  Object.keys(meta.filters).forEach(function (name) {
    var spec = meta.filters[name];
    var counts = {};
    spec.values.forEach(function (v) { counts[v] = 0; });
    spec.docs.forEach(function (k) { counts[spec.values[k]]++; });
    out[name] = counts;
  });
  return out;
}
