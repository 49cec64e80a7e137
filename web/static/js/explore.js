/* The network explorer: draw the view, show details of a clicked entity, expand its
 * neighbours (double-click or the button), replay how the network grew (time slider),
 * switch colours between kind and community, group outer entities by country, keep
 * labels readable, and keep the legend, the "showing N" line and the URL true.
 *
 * The view comes from #graph-data (the same dict as /explore.json). Everything the
 * user changes here is written into the address (history.replaceState): `expand`,
 * `until`, `colour` and `group`, so a view can be shared or bookmarked, and the
 * JSON twin of that address returns what is drawn (same rules as web/timeline.py).
 */
(function () {
  "use strict";
  var D = window.Diplomap;
  var el = D.el;
  var data = D.readJSON("graph-data");
  var meta = D.readJSON("explore-meta");
  var container = document.getElementById("network");
  var panel = document.getElementById("details");
  var count = document.getElementById("view-count");
  if (!container || !data) { return; }

  data.nodes.forEach(function (n) {
    n.fullLabel = n.label;
    n.bold = !!n.emphasis;
  });
  var drawn = D.drawNetwork(container, data);
  var network = drawn.network;
  var nodes = drawn.nodes;
  var edges = drawn.edges;
  var expanded = {};
  (meta.expand || []).forEach(function (id) { expanded[id] = true; });
  var total = meta.total;
  var colourBy = meta.colour || "kind";
  var until = meta.until || null;
  var state = new URLSearchParams(window.location.search);

  /* -- the address ------------------------------------------------------------------ */
  function setParam(name, value) {
    state.delete(name);
    [].concat(value === null || value === undefined ? [] : value).forEach(function (v) {
      if (v !== "") { state.append(name, v); }
    });
    var query = state.toString();
    var path = window.location.pathname + (query ? "?" + query : "");
    window.history.replaceState(null, "", path);
    var twin = document.querySelector("a[type='application/json']");
    if (twin) { twin.setAttribute("href", meta.explore_url + (query ? "?" + query : "")); }
    syncForm(name, value);
  }

  /* Keep the filter form's hidden fields in step, so "Apply" keeps the view state. */
  function syncForm(name, value) {
    var form = document.getElementById("explore-form");
    if (!form || (name !== "until" && name !== "expand")) { return; }
    Array.prototype.slice.call(form.querySelectorAll("input[type=hidden][name='" + name + "']"))
      .forEach(function (input) { input.parentNode.removeChild(input); });
    [].concat(value === null || value === undefined ? [] : value).forEach(function (v) {
      form.appendChild(el("input", { type: "hidden", name: name, value: String(v) }));
    });
  }

  /* -- counts, legend, labels ------------------------------------------------------- */
  function visible() { return nodes.get({ filter: function (n) { return !n.hidden; } }); }

  function updateLegend() {
    var byKind = {};
    var byGroup = {};
    var shown = visible();
    shown.forEach(function (n) {
      if (n.id === meta.home) { byKind.home = 1; } else { byKind[n.kind] = (byKind[n.kind] || 0) + 1; }
      var group = n.community < 12 ? String(n.community) : "other";
      byGroup[group] = (byGroup[group] || 0) + 1;
    });
    [["legend-kind", "data-kind", byKind], ["legend-community", "data-group", byGroup]].forEach(function (spec) {
      var list = document.getElementById(spec[0]);
      if (!list) { return; }
      Array.prototype.slice.call(list.querySelectorAll("li[" + spec[1] + "]")).forEach(function (item) {
        var n = spec[2][item.getAttribute(spec[1])] || 0;
        item.querySelector(".count").textContent = D.formatNumber(n);
        item.hidden = n === 0;
      });
    });
    total = Math.max(total, nodes.length);
    count.textContent = D.t("showing", { shown: D.formatNumber(shown.length), total: D.formatNumber(total) });
    container.setAttribute("data-shown", String(shown.length));
  }

  var labelTimer = null;
  function relabel() {
    window.clearTimeout(labelTimer);
    labelTimer = window.setTimeout(function () { D.placeLabels(network, nodes, container); }, 120);
  }
  network.on("zoom", relabel);
  network.on("dragEnd", relabel);
  network.on("stabilized", relabel);
  document.addEventListener("diplomap:ready", function () {
    /* a little room at the edges, so the outer labels are not cut */
    network.moveTo({ scale: network.getScale() * 0.94 });
    D.placeLabels(network, nodes, container);
    window.diplomapLabelledAt = performance.now();  /* ms since navigation start (benchmark) */
    container.setAttribute("data-labelled", "1");
  }, { once: true });

  /* -- colour ----------------------------------------------------------------------- */
  function setColour(mode) {
    colourBy = mode;
    nodes.update(nodes.get().map(function (n) {
      return { id: n.id, color: mode === "community" ? n.groupColour : n.kindColour };
    }));
    document.getElementById("legend-kind").hidden = mode !== "kind";
    document.getElementById("legend-community").hidden = mode !== "community";
    setParam("colour", mode === "kind" ? null : mode);
  }
  var colourSelect = document.getElementById("colour-by");
  if (colourSelect) {
    colourSelect.addEventListener("change", function () { setColour(colourSelect.value); });
  }

  /* -- time: the same rule as web/timeline.py as_of ---------------------------------- */
  function applyUntil(year) {
    until = year;
    var keptEdges = {};
    var links = {};
    edges.get().forEach(function (e) {
      var keep = year === null || e.year === null || e.year === undefined || e.year <= year;
      if (keep) {
        keptEdges[e.id] = true;
        (links[e.from] = links[e.from] || []).push(e.to);
        (links[e.to] = links[e.to] || []).push(e.from);
      }
    });
    var seen = {};
    if (year === null) {
      nodes.getIds().forEach(function (id) { seen[id] = true; });
    } else if (meta.focus && nodes.get(meta.focus)) {
      var queue = [meta.focus];
      seen[meta.focus] = true;
      while (queue.length) {
        (links[queue.shift()] || []).forEach(function (m) {
          if (!seen[m]) { seen[m] = true; queue.push(m); }
        });
      }
    } else {
      Object.keys(links).forEach(function (id) { seen[id] = true; });
    }
    nodes.update(nodes.get().map(function (n) { return { id: n.id, hidden: !seen[n.id] }; }));
    edges.update(edges.get().map(function (e) {
      return { id: e.id, hidden: !(keptEdges[e.id] && seen[e.from] && seen[e.to]) };
    }));
    var label = document.getElementById("until-label");
    if (label) { label.textContent = year === null ? D.t("all_years") : String(year); }
    setParam("until", year === null ? null : String(year));
    updateLegend();
    relabel();
    container.setAttribute("data-until", year === null ? "" : String(year));
  }

  var slider = document.getElementById("until");
  var playButton = document.getElementById("play");
  var playing = null;
  function sliderYear() {
    var value = parseInt(slider.value, 10);
    return value > meta.years.last ? null : value;
  }
  if (slider) {
    slider.addEventListener("input", function () { applyUntil(sliderYear()); });
    playButton.addEventListener("click", function () {
      if (playing) { window.clearInterval(playing); playing = null; playButton.textContent = "▶ " + D.t("replay"); return; }
      slider.value = String(meta.years.first);
      applyUntil(meta.years.first);
      playButton.textContent = "■ " + D.t("stop");
      playing = window.setInterval(function () {
        var next = parseInt(slider.value, 10) + 1;
        slider.value = String(next);
        applyUntil(sliderYear());
        if (next > meta.years.last) {
          window.clearInterval(playing);
          playing = null;
          playButton.textContent = "▶ " + D.t("replay");
        }
      }, 700);
    });
  }

  /* -- grouping by country ---------------------------------------------------------- */
  var GROUP_MIN = 4;
  function groupByCountry(ids) {
    var byCountry = {};
    ids.forEach(function (id) {
      var n = nodes.get(id);
      if (!n || n.hidden || !n.country || id === meta.focus || id === meta.home || expanded[id]) { return; }
      if (network.clustering.findNode(id).length > 1) { return; }
      (byCountry[n.country] = byCountry[n.country] || []).push(id);
    });
    var made = 0;
    Object.keys(byCountry).sort().forEach(function (code) {
      var members = byCountry[code];
      if (members.length < GROUP_MIN) { return; }
      var set = {};
      members.forEach(function (id) { set[id] = true; });
      var first = nodes.get(members[0]);
      network.cluster({
        joinCondition: function (options) { return set[options.id] === true; },
        clusterNodeProperties: {
          id: "country-group:" + code + ":" + made,
          label: (first.countryName || code) + " (" + members.length + ")",
          title: D.t("grouped", { count: members.length, country: first.countryName || code }),
          shape: "box", color: "#e2e8f0", font: { size: 14 }, borderWidth: 1
        }
      });
      made += 1;
    });
    container.setAttribute("data-groups", String(made + Number(container.getAttribute("data-groups") || 0)));
    return made;
  }
  var groupBox = document.getElementById("group-country");
  if (groupBox) {
    groupBox.addEventListener("change", function () {
      if (groupBox.checked) {
        groupByCountry(outer());
      } else {
        Object.keys(network.body.nodes).forEach(function (id) {
          if (network.isCluster(id)) { network.openCluster(id); }
        });
        container.setAttribute("data-groups", "0");
      }
      setParam("group", groupBox.checked ? "country" : null);
    });
  }
  /* The outer entities: those with one drawn tie (the leaves of the picture). */
  function outer() {
    var degree = {};
    edges.get().forEach(function (e) {
      degree[e.from] = (degree[e.from] || 0) + 1;
      degree[e.to] = (degree[e.to] || 0) + 1;
    });
    return nodes.getIds().filter(function (id) { return (degree[id] || 0) <= 1; });
  }

  /* -- expanding ---------------------------------------------------------------------- */
  function filterQuery() {
    var query = new URLSearchParams();
    (meta.kinds || []).forEach(function (k) { query.append("kind", k); });
    (meta.statuses || []).forEach(function (s) { query.append("status", s); });
    (meta.themes || []).forEach(function (t) { query.append("theme", t); });
    (meta.countries || []).forEach(function (c) { query.append("country", c); });
    query.set("agreements", meta.agreements || "links");
    return query;
  }

  var LARGE_NEIGHBOURHOOD = 25;
  function expand(id) {
    var query = filterQuery();
    query.set("focus", id);
    query.set("depth", "1");
    query.set("layout", "physics");
    var status = panel.querySelector(".expand-status");
    if (status) { status.textContent = D.t("loading"); }
    return D.getJSON(meta.explore_url + "?" + query.toString()).then(function (view) {
      var fresh = view.graph.nodes.filter(function (n) { return !nodes.get(n.id); });
      fresh.forEach(function (n) {
        n.fullLabel = n.label;
        n.rank = (n.rank || 0) + nodes.length;  /* after what is drawn: labels by room */
        n.color = colourBy === "community" ? n.groupColour : n.kindColour;
        n.community = 99;  /* communities were measured on the first view */
      });
      var physics = data.options.physics && data.options.physics.enabled;
      if (!physics) {
        D.ringAround(network, id, fresh);
        fresh.forEach(function (n) { n.physics = false; });
      }
      nodes.add(fresh);
      edges.add(view.graph.edges.filter(function (e) { return !edges.get(e.id); }));
      expanded[id] = true;
      setParam("expand", Object.keys(expanded));
      if (until !== null) { applyUntil(until); }
      if (fresh.length > LARGE_NEIGHBOURHOOD) {
        groupByCountry(fresh.map(function (n) { return n.id; }));
      }
      updateLegend();
      network.fit({ animation: { duration: 400, easingFunction: "easeInOutQuad" } });
      window.setTimeout(function () { D.placeLabels(network, nodes, container); }, 450);
      if (status) {
        status.textContent = fresh.length ? D.t("expanded", { count: fresh.length }) : D.t("nothing_new");
      }
      container.setAttribute("data-expanded", String(Object.keys(expanded).length));
      return fresh.length;
    }).catch(function () {
      if (status) { status.textContent = D.t("fetch_failed"); }
    });
  }

  /* -- the side panel ------------------------------------------------------------------ */
  function tieList(entity) {
    var list = el("ul", { class: "tie-list" });
    entity.ties.slice(0, 12).forEach(function (tie) {
      var facts = [tie.facts.since, D.term(tie.facts.status), D.term(tie.facts.role)].filter(Boolean);
      list.appendChild(el("li", {}, [
        el("span", { class: "verb", text: tie.verb + " " }),
        el("a", { href: tie.other.url, text: tie.other.display }),
        facts.length ? el("span", { class: "facts", text: " · " + facts.join(" · ") }) : null
      ]));
    });
    if (entity.ties_total > 12) {
      list.appendChild(el("li", { class: "more", text: "… " + D.formatNumber(entity.ties_total - 12) }));
    }
    return list;
  }

  function showNode(id) {
    var node = nodes.get(id);
    if (!node) { return; }
    D.clear(panel);
    panel.appendChild(el("h2", { text: node.name || node.fullLabel }));
    panel.appendChild(el("p", { class: "muted", text: [D.term(node.kind), node.countryName || node.country].filter(Boolean).join(" · ") }));
    var actions = el("div", { class: "actions vertical" }, [
      el("button", { type: "button", class: "primary", "data-action": "expand", text: D.t("expand"),
        onclick: function () { expand(id); } }),
      el("a", { class: "button", href: D.withId(meta.entity_page, id), text: D.t("open_page") }),
      el("a", { class: "button", href: meta.explore_page + "?focus=" + encodeURIComponent(id), text: D.t("focus_here") }),
      el("a", { class: "button", href: meta.path_url + "?a=" + encodeURIComponent(id), text: D.t("find_path") })
    ]);
    panel.appendChild(actions);
    panel.appendChild(el("p", { class: "expand-status muted", role: "status" }));
    var ties = el("section", { class: "ties" }, [el("h3", { text: D.t("ties") }), el("p", { class: "muted", text: D.t("loading") })]);
    panel.appendChild(ties);
    D.getJSON(D.withId(meta.entity_url, id)).then(function (entity) {
      ties.removeChild(ties.lastChild);
      ties.appendChild(tieList(entity));
    }).catch(function () { ties.lastChild.textContent = D.t("fetch_failed"); });
  }

  function showEdge(id) {
    var edge = edges.get(id);
    if (!edge) { return; }
    D.clear(panel);
    panel.appendChild(el("h2", { text: D.term(edge.type) }));
    String(edge.title || "").split("\n").forEach(function (line) {
      panel.appendChild(el("p", { text: line }));
    });
  }

  network.on("click", function (params) {
    if (params.nodes.length) {
      if (network.isCluster(params.nodes[0])) { return; }
      showNode(params.nodes[0]);
    } else if (params.edges.length && edges.get(params.edges[0])) { showEdge(params.edges[0]); }
  });
  network.on("doubleClick", function (params) {
    if (!params.nodes.length) { return; }
    var id = params.nodes[0];
    if (network.isCluster(id)) { network.openCluster(id); relabel(); return; }
    showNode(id);
    expand(id);
  });

  /* -- start -------------------------------------------------------------------------- */
  if (until !== null) { applyUntil(until); }
  if (meta.group === "country") { groupByCountry(outer()); }
  updateLegend();

  window.diplomapExplorer = {
    network: network, nodes: nodes, edges: edges, expand: expand, showNode: showNode,
    applyUntil: applyUntil, setColour: setColour, groupByCountry: groupByCountry,
    visibleIds: function () { return visible().map(function (n) { return n.id; }).sort(); }
  };
}());
