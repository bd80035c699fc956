/* zwgk: 适老化 text size, print, and the header search. No external requests; no framework. */
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "zwgk-font";
  var MAX = 3;

  /* Text size: 0 (default) … 3, kept in localStorage so every page opens at the reader's size. */
  function getStep() { return Number(root.getAttribute("data-zwgk-font") || 0); }
  function setStep(n) {
    n = Math.max(0, Math.min(MAX, n));
    if (n) { root.setAttribute("data-zwgk-font", String(n)); } else { root.removeAttribute("data-zwgk-font"); }
    try { if (n) { localStorage.setItem(KEY, String(n)); } else { localStorage.removeItem(KEY); } } catch (e) { /* private mode */ }
    /* Every toolbar's own status (a page may have more than one toolbar). */
    document.querySelectorAll("[data-zwgk-font-status]").forEach(function (status) {
      status.textContent = n ? "字号已放大 " + n + " 级" : "默认字号";
    });
  }
  document.querySelectorAll(".zwgk-tools").forEach(function (bar) {
    bar.hidden = false; /* the tools need JavaScript, so they only appear with it */
    var live = document.createElement("span");
    live.className = "zwgk-tools__status";
    live.setAttribute("aria-live", "polite");
    live.setAttribute("data-zwgk-font-status", "");
    bar.appendChild(live);
  });
  document.addEventListener("click", function (ev) {
    var btn = ev.target.closest ? ev.target.closest("[data-zwgk-font-step],[data-zwgk-print]") : null;
    if (!btn) { return; }
    if (btn.hasAttribute("data-zwgk-print")) { window.print(); return; }
    var step = Number(btn.getAttribute("data-zwgk-font-step"));
    setStep(step === 0 ? 0 : getStep() + step);
  });

  /* Keyboard and the phone nav drawer (below 76.25em). Material opens it with a <label> that takes
     no focus; header.html adds a real <button>, shown here instead of the label. Opening moves focus
     into the drawer; Esc, or tabbing out of it, closes it (the page behind is covered). */
  var drawer = document.getElementById("__drawer");
  var sidebar = document.querySelector(".md-sidebar--primary");
  var drawerButton = document.querySelector("[data-zwgk-drawer]");
  function firstVisible(root) {
    var all = root ? root.querySelectorAll("a[href], button, [tabindex='0']") : [];
    for (var i = 0; i < all.length; i++) {
      if (all[i].getClientRects().length && getComputedStyle(all[i]).visibility === "visible") { return all[i]; }
    }
    return null;
  }
  function setDrawer(open) { if (drawer && drawer.checked !== open) { drawer.click(); } } /* click: Material sees a change */
  if (drawer && sidebar && drawerButton) {
    var drawerLabel = document.querySelector(".md-header label[for='__drawer']");
    if (drawerLabel) { drawerLabel.hidden = true; }
    drawerButton.hidden = false;
    drawerButton.addEventListener("click", function () {
      setDrawer(!drawer.checked);
      if (drawer.checked) { var first = firstVisible(sidebar); if (first) { first.focus(); } }
    });
    drawer.addEventListener("change", function () { drawerButton.setAttribute("aria-expanded", String(drawer.checked)); });
    sidebar.addEventListener("focusout", function (ev) {
      var to = ev.relatedTarget;
      if (drawer.checked && to && !sidebar.contains(to) && to !== drawerButton) { setDrawer(false); }
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && drawer.checked) { setDrawer(false); drawerButton.focus(); }
    });
  }
  /* In the drawer a section opens as a panel over the list; its "←" title (a <label>) is the only way
     back: focusable, Enter/Space press it, and focus returns to the section's entry in the list. */
  document.querySelectorAll(".md-nav--primary .md-nav .md-nav__title[for]").forEach(function (title) {
    var hint = document.createElement("span");
    hint.className = "zwgk-sr-only";
    hint.textContent = "返回上一级：";
    title.insertBefore(hint, title.firstChild);
    title.setAttribute("tabindex", "0");
    title.addEventListener("keydown", function (ev) {
      if (ev.key !== "Enter" && ev.key !== " ") { return; }
      ev.preventDefault();
      ev.stopPropagation(); /* Material also clicks a focused label on Enter: two clicks would cancel out */
      title.click();
      var entry = document.getElementById(title.getAttribute("for") + "_label");
      if (entry) { entry.focus(); }
    });
  });

  /* Header search: the index's client (search/zwgk-search.js, zwgk.core.searchindex) is loaded on first focus only. */
  var box = document.querySelector("[data-zwgk-search]");
  if (!box) { return; }
  var bundle = box.getAttribute("data-zwgk-search");
  var form = box.querySelector("form");
  var input = box.querySelector("[data-zwgk-query]");
  var toggle = document.getElementById("__search");
  var list = box.querySelector("[data-zwgk-results]");
  var status = box.querySelector("[data-zwgk-status]");
  var more = box.querySelector("[data-zwgk-more]");
  var filterBar = box.querySelector(".zwgk-search__filters");
  var selects = box.querySelectorAll("[data-zwgk-filter]");
  var engine = null;
  var results = [];
  var shown = 0;
  var seq = 0;
  var PAGE = 10;

  function load() {
    if (engine) { return engine; }
    var url = new URL(bundle + "zwgk-search.js", location.href);
    engine = import(url.href).then(function (pf) {
      return pf.options({ baseUrl: new URL(bundle + "../", location.href).pathname }).then(function () {
        filterBar.hidden = false; /* the choices are in the page already: no request for them */
        return pf;
      });
    }).catch(function () {
      status.textContent = "搜索暂不可用，请使用政府信息公开目录查找。";
      return null;
    });
    return engine;
  }

  function text(el, value) { el.textContent = value; return el; }

  function render(batch) {
    batch.forEach(function (d) {
      var li = document.createElement("li");
      li.className = "md-search-result__item";
      var a = document.createElement("a");
      a.className = "md-search-result__link";
      a.href = d.url;
      var art = document.createElement("article");
      art.className = "md-search-result__article md-typeset";
      art.appendChild(text(document.createElement("h1"), d.meta.title || d.url));
      var info = [d.meta.column, d.meta.date].filter(Boolean).join(" · ");
      if (info) { art.appendChild(text(document.createElement("p"), info)).className = "zwgk-search__info"; }
      var p = document.createElement("p");
      p.innerHTML = d.excerpt; /* escaped text with <mark> around matches */
      art.appendChild(p);
      a.appendChild(art);
      li.appendChild(a);
      list.appendChild(li);
    });
  }

  function showMore() {
    var batch = results.slice(shown, shown + PAGE);
    shown += batch.length;
    more.hidden = shown >= results.length;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(render);
  }

  function run() {
    var query = input.value.trim();
    var mine = ++seq;
    list.textContent = "";
    more.hidden = true;
    if (!query) { status.textContent = "输入关键词搜索"; return; }
    status.textContent = "正在搜索……";
    load().then(function (pf) {
      if (!pf) { return null; }
      var filters = {};
      selects.forEach(function (sel) { if (sel.value) { filters[sel.getAttribute("data-zwgk-filter")] = sel.value; } });
      return pf.search(query, { filters: filters });
    }).then(function (res) {
      if (!res || mine !== seq) { return; }
      results = res.results;
      shown = 0;
      /* The count is announced once the first results are on the page: a screen reader (and a test)
         that hears "找到 3 条结果" finds the three links there. */
      return showMore().then(function () {
        if (mine !== seq) { return; }
        status.textContent = results.length ? "找到 " + results.length + " 条结果" : "没有找到相关信息，换个关键词试试";
      });
    }).catch(function () {
      /* A part of the index could not be fetched (network, or a new build replaced it meanwhile). */
      if (mine === seq) { status.textContent = "搜索暂不可用，请稍后重试或使用政府信息公开目录查找。"; }
    });
  }

  var timer = 0;
  input.addEventListener("focus", function () { toggle.checked = true; load(); });
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 250); });
  selects.forEach(function (sel) { sel.addEventListener("change", run); });
  more.addEventListener("click", showMore);
  form.addEventListener("submit", function (ev) { ev.preventDefault(); run(); });
  form.addEventListener("reset", function () { setTimeout(run, 0); });
  box.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { toggle.checked = false; input.blur(); }
  });
  /* Tabbing out of the search closes it: otherwise the open panel (full screen on a phone) hides the
     controls that receive focus next. Only when focus moves to another control: a tap on the panel's
     own labels (no focus target) must not close it. */
  box.addEventListener("focusout", function (ev) {
    if (ev.relatedTarget && !box.contains(ev.relatedTarget)) { toggle.checked = false; }
  });
  /* ?q=… opens the search with that query (links from elsewhere, bookmarks). */
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; toggle.checked = true; run(); }
  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (!typing && ev.key === "/" && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
      ev.preventDefault();
      input.focus();
    }
  });
})();
