/* Autocomplete for every <input data-autocomplete> (fetches /search.json?q=).
 *
 *   data-autocomplete="entity"  choosing a result opens its page
 *   data-autocomplete="pick"    choosing a result fills the input named by
 *                               data-target in the same form with its id
 *   data-autocomplete="set"     the same, for a visible input that typing here leaves as is
 *   data-autocomplete="add"     choosing a result adds its id to that input's list
 *                               (ids separated by "; "), once
 *   data-kinds="City,Network"   (optional) only entities of these kinds
 *
 * Keyboard: arrows move, Enter chooses, Escape closes. Results are built with
 * textContent only.
 */
(function () {
  "use strict";
  var D = window.Diplomap;
  var counter = 0;

  function attach(input) {
    var mode = input.getAttribute("data-autocomplete");
    var form = input.form;
    var picking = mode === "pick" || mode === "set" || mode === "add";
    var hidden = picking && form ? form.elements.namedItem(input.getAttribute("data-target")) : null;
    var kinds = input.getAttribute("data-kinds");
    var list = D.el("ul", { class: "ac-list", role: "listbox", id: "ac-list-" + (counter += 1), hidden: true });
    var results = [];
    var active = -1;
    var timer = null;
    var sequence = 0;

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.parentNode.classList.add("ac-host");
    input.parentNode.appendChild(list);

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      active = -1;
    }

    function highlight(index) {
      var items = list.querySelectorAll("li");
      active = index;
      items.forEach(function (item, i) { item.setAttribute("aria-selected", i === index ? "true" : "false"); });
    }

    function choose(result) {
      close();
      if (mode === "entity") { window.location.assign(result.url); return; }
      if (hidden && hidden !== input && mode === "add") {
        var ids = hidden.value.split(/[;|]/).map(function (s) { return s.trim(); }).filter(Boolean);
        if (ids.indexOf(result.id) < 0) { ids.push(result.id); }
        hidden.value = ids.join("; ");
        input.value = "";
      } else {
        input.value = result.display;
        if (hidden) { hidden.value = result.id; }
      }
      if (hidden && hidden !== input) { hidden.dispatchEvent(new Event("change", { bubbles: true })); }
      input.dispatchEvent(new CustomEvent("diplomap:picked", { detail: result, bubbles: true }));
    }

    function render(found) {
      results = found;
      D.clear(list);
      if (!found.length) {
        list.appendChild(D.el("li", { class: "ac-empty", text: D.t("no_results") }));
      }
      found.forEach(function (result, i) {
        var item = D.el("li", { role: "option", id: list.id + "-" + i, "data-id": result.id }, [
          D.el("span", { class: "ac-name", text: result.display }),
          D.el("span", { class: "ac-meta", text: [result.kind_label, result.country].filter(Boolean).join(" · ") })
        ]);
        item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(result); });
        list.appendChild(item);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      highlight(found.length ? 0 : -1);
    }

    function lookup() {
      var query = input.value.trim();
      var mine = (sequence += 1);
      if (!query) { close(); return; }
      var url = "/search.json?limit=8&q=" + encodeURIComponent(query);
      if (kinds) { url += "&kind=" + encodeURIComponent(kinds); }
      D.getJSON(url).then(function (data) {
        if (mine === sequence) { render(data.results); }
      }).catch(close);
    }

    input.addEventListener("input", function () {
      if (hidden && hidden !== input && mode === "pick") { hidden.value = ""; }
      window.clearTimeout(timer);
      timer = window.setTimeout(lookup, 120);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        highlight(Math.max(0, Math.min(results.length - 1, active + step)));
      } else if (event.key === "Enter" && active >= 0 && results[active]) {
        event.preventDefault();
        choose(results[active]);
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 100); });
  }

  document.querySelectorAll("input[data-autocomplete]").forEach(attach);
}());
