/* zwgk: filters of the 政府信息公开目录. Loads data/index.json, then only the shards (one per year
   and column) that the chosen filters need — never more than the filters ask for.

   Every element is looked up inside its own component ([data-zwgk-catalogue]): the page also holds
   the header search, which has a 显示更多 ([data-zwgk-more]) of its own. tests/test_browser_catalogue.py
   checks this, and a test there refuses document-wide look-ups of component hooks in these scripts. */
(function () {
  "use strict";
  if (!window.fetch) { return; }
  var PAGE = 100;
  var DATES = /^(formed|published)$/;
  var collator = window.Intl ? new Intl.Collator("zh-CN", { numeric: true }) : null;
  function compare(a, b) { return collator ? collator.compare(a, b) : (a < b ? -1 : a > b ? 1 : 0); }

  function catalogue(root) {
    var dataUrl = new URL(root.getAttribute("data-zwgk-catalogue"), location.href);
    var base = new URL(root.getAttribute("data-zwgk-base"), location.href);
    var form = root.querySelector("form");
    var table = root.querySelector("table");
    var tbody = root.querySelector("[data-zwgk-rows]");
    var caption = table.querySelector("caption");
    var more = root.querySelector("[data-zwgk-more]");
    var status = root.querySelector("[data-zwgk-status]");
    var heads = Array.prototype.slice.call(table.querySelectorAll("th[data-zwgk-field]"));
    var shownFields = heads.map(function (th) { return th.getAttribute("data-zwgk-field"); });
    var sel = {};
    ["year", "column", "topic", "division", "q"].forEach(function (n) { sel[n] = form.elements[n]; });
    var index = null;
    var cache = {};
    var rows = null; /* null: the table still shows the page's static rows */
    var shown = 0;
    var seq = 0;
    var sortKey = "published";
    var sortDir = "descending";

    function option(select, value, label) {
      var o = document.createElement("option");
      o.value = value;
      o.textContent = label;
      select.appendChild(o);
    }
    function shard(year, column) {
      var name = year + "-" + column + ".json";
      if (!cache[name]) {
        cache[name] = fetch(new URL(name, dataUrl)).then(function (r) {
          if (!r.ok) { throw new Error(r.status); }
          return r.json();
        });
      }
      return cache[name];
    }
    function at(r, field) { return r[index.fields.indexOf(field)] || ""; }
    function renderMore() {
      rows.slice(shown, shown + PAGE).forEach(function (r) {
        var tr = document.createElement("tr");
        shownFields.forEach(function (f) {
          var td = document.createElement("td");
          if (f === "title") {
            var a = document.createElement("a");
            a.href = new URL(at(r, "url"), base).href;
            a.textContent = at(r, "title");
            td.appendChild(a);
          } else {
            td.textContent = at(r, f) || "—";
          }
          tr.appendChild(td);
        });
        tbody.appendChild(tr);
      });
      shown = Math.min(rows.length, shown + PAGE);
      more.hidden = shown >= rows.length;
    }
    function sortRows() {
      var i = index.fields.indexOf(sortKey), ii = index.fields.indexOf("index_no");
      var sign = sortDir === "ascending" ? 1 : -1;
      rows.sort(function (a, b) { return sign * (compare(a[i] || "", b[i] || "") || compare(a[ii], b[ii])); });
      heads.forEach(function (th) {
        if (th.getAttribute("data-zwgk-field") === sortKey) { th.setAttribute("aria-sort", sortDir); } else { th.removeAttribute("aria-sort"); }
      });
      tbody.textContent = "";
      shown = 0;
      renderMore();
    }
    function matches(r) {
      var q = sel.q.value.trim().toLowerCase();
      if ((sel.topic.value && at(r, "topic") !== sel.topic.value) || (sel.division.value && at(r, "division") !== sel.division.value)) { return false; }
      if (!q) { return true; }
      return ["title", "summary", "doc_no", "index_no"].some(function (f) { return at(r, f).toLowerCase().indexOf(q) >= 0; });
    }
    function apply() {
      var years = sel.year.value ? [sel.year.value] : index.years;
      var wanted = [];
      years.forEach(function (y) {
        var counts = index.counts[y] || {};
        (sel.column.value ? [sel.column.value] : Object.keys(counts)).forEach(function (c) {
          if (counts[c]) { wanted.push(shard(y, c)); }
        });
      });
      var mine = ++seq;
      status.textContent = "正在加载……";
      return Promise.all(wanted).then(function (parts) {
        if (mine !== seq) { return; }
        rows = [].concat.apply([], parts).filter(matches);
        sortRows();
        var label = (sel.year.value ? sel.year.value + " 年" : "全部年份") +
          (sel.column.value ? "，" + sel.column.options[sel.column.selectedIndex].text : "");
        if (caption) { caption.textContent = label + "，共 " + rows.length + " 条"; }
        status.textContent = "共 " + rows.length + " 条";
      }).catch(function () { status.textContent = "目录数据加载失败，请使用下方按年份的目录页面。"; });
    }
    /* Sorting: each header becomes a button (a keyboard reaches it; Enter and Space press it); the
       sorted column carries aria-sort. A first press on the static table loads the chosen filters. */
    function sortable() {
      heads.forEach(function (th) {
        var b = document.createElement("button");
        b.type = "button";
        b.className = "zwgk-sort";
        b.textContent = th.textContent; /* the name stays the header's text; the state is in aria-sort */
        b.title = "按此列排序";
        th.textContent = "";
        th.appendChild(b);
        /* Chromium scrolls the table's region only when a focused header is wholly out of view: one
           half cut off at the region's edge stayed that way. Bring all of it in (no page scroll). */
        b.addEventListener("focus", function () { b.scrollIntoView({block: "nearest", inline: "nearest"}); });
        b.addEventListener("click", function () {
          var key = th.getAttribute("data-zwgk-field");
          /* The same column again reverses the order; a new column starts newest first for dates, A→Z otherwise. */
          if (key === sortKey) { sortDir = sortDir === "ascending" ? "descending" : "ascending"; } else { sortDir = DATES.test(key) ? "descending" : "ascending"; }
          sortKey = key;
          if (rows) { sortRows(); } else { apply(); }
        });
      });
    }
    var timer = 0;
    fetch(dataUrl).then(function (r) { return r.json(); }).then(function (data) {
      index = data;
      data.years.forEach(function (y) { option(sel.year, y, y + " 年"); });
      if (data.years.length) { sel.year.value = data.years[0]; } /* the newest year first: one year's shards */
      data.columns.forEach(function (c) { option(sel.column, c[0], c[1]); });
      data.topics.forEach(function (t) { option(sel.topic, t, t); });
      data.divisions.forEach(function (d) { option(sel.division, d, d); });
      sortable();
      form.hidden = false;
      form.addEventListener("change", function (ev) { if (ev.target !== sel.q) { apply(); } });
      sel.q.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(apply, 200); });
      form.addEventListener("submit", function (ev) { ev.preventDefault(); apply(); });
      more.addEventListener("click", renderMore);
    }).catch(function () { /* keep the static table and the per-year pages */ });
  }
  document.querySelectorAll("[data-zwgk-catalogue]").forEach(catalogue);
})();
