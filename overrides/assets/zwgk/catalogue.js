/* zwgk: filters of the 政府信息公开目录. Loads data/index.json, then only the shards (one per year
   and column) that the chosen filters need — never the whole catalogue. */
(function () {
  "use strict";
  var form = document.querySelector("[data-zwgk-catalogue]");
  if (!form || !window.fetch) { return; }
  var dataUrl = new URL(form.getAttribute("data-zwgk-catalogue"), location.href);
  var base = new URL(form.getAttribute("data-zwgk-base"), location.href);
  var tbody = document.querySelector("[data-zwgk-rows]");
  var caption = document.querySelector(".zwgk-catalogue caption");
  var more = document.querySelector("[data-zwgk-more]");
  var status = form.querySelector("[data-zwgk-status]");
  var sel = {};
  ["year", "column", "topic", "division"].forEach(function (n) { sel[n] = form.elements[n]; });
  var index = null;
  var cache = {};
  var rows = [];
  var shown = 0;
  var PAGE = 100;
  var seq = 0;

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
  function cell(tr, value) {
    var td = document.createElement("td");
    td.textContent = value || "—";
    tr.appendChild(td);
    return td;
  }
  function renderMore() {
    var f = index.fields;
    rows.slice(shown, shown + PAGE).forEach(function (r) {
      var tr = document.createElement("tr");
      cell(tr, r[f.indexOf("index_no")]);
      var td = cell(tr, "");
      var a = document.createElement("a");
      a.href = new URL(r[f.indexOf("url")], base).href;
      a.textContent = r[f.indexOf("title")];
      td.textContent = "";
      td.appendChild(a);
      ["summary", "formed", "publisher", "doc_no", "topic"].forEach(function (k) { cell(tr, r[f.indexOf(k)]); });
      tbody.appendChild(tr);
    });
    shown = Math.min(rows.length, shown + PAGE);
    more.hidden = shown >= rows.length;
  }
  function apply() {
    var year = sel.year.value;
    var counts = index.counts[year] || {};
    var columns = sel.column.value ? [sel.column.value] : Object.keys(counts);
    columns = columns.filter(function (c) { return counts[c]; });
    var mine = ++seq;
    status.textContent = "正在加载……";
    Promise.all(columns.map(function (c) { return shard(year, c); })).then(function (parts) {
      if (mine !== seq) { return; }
      var f = index.fields;
      var ti = f.indexOf("topic"), di = f.indexOf("division"), pi = f.indexOf("published"), ii = f.indexOf("index_no");
      rows = [].concat.apply([], parts).filter(function (r) {
        return (!sel.topic.value || r[ti] === sel.topic.value) && (!sel.division.value || r[di] === sel.division.value);
      });
      rows.sort(function (a, b) { return (b[pi] + b[ii]).localeCompare(a[pi] + a[ii]); });
      tbody.textContent = "";
      shown = 0;
      renderMore();
      var label = year + " 年" + (sel.column.value ? "，" + sel.column.options[sel.column.selectedIndex].text : "");
      if (caption) { caption.textContent = label + "，共 " + rows.length + " 条"; }
      status.textContent = "共 " + rows.length + " 条";
    }).catch(function () { status.textContent = "目录数据加载失败，请使用下方按年份的目录页面。"; });
  }
  fetch(dataUrl).then(function (r) { return r.json(); }).then(function (data) {
    index = data;
    data.years.forEach(function (y) { option(sel.year, y, y + " 年"); });
    data.columns.forEach(function (c) { option(sel.column, c[0], c[1]); });
    data.topics.forEach(function (t) { option(sel.topic, t, t); });
    data.divisions.forEach(function (d) { option(sel.division, d, d); });
    form.hidden = false;
    form.addEventListener("change", apply);
    more.addEventListener("click", renderMore);
  }).catch(function () { /* keep the static table and the per-year pages */ });
})();
