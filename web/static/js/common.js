/* Diplomap: helpers shared by every page.
 *
 * Data from the server arrives in <script type="application/json"> blocks and is
 * read with readJSON; anything shown to the user is built with el(), which sets
 * textContent, never innerHTML. Links are only made to same-site paths or
 * http(s) URLs.
 */
(function () {
  "use strict";

  function readJSON(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  var messages = readJSON("i18n") || {};

  /* The translated message `key`, with {name} placeholders filled in. */
  function t(key, values) {
    var text = typeof messages[key] === "string" ? messages[key] : key;
    Object.keys(values || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(String(values[name]));
    });
    return text;
  }

  /* The word for a data code (kind, status, agreement type...). */
  function term(code) {
    if (code === null || code === undefined) { return ""; }
    var tables = [messages.kinds || {}, messages.values || {}, messages.relations || {}];
    for (var i = 0; i < tables.length; i += 1) {
      if (Object.prototype.hasOwnProperty.call(tables[i], code)) { return tables[i][code]; }
    }
    return String(code).split("_").join(" ");
  }

  function safeHref(url) {
    var text = String(url || "");
    if (text.charAt(0) === "/" && text.charAt(1) !== "/") { return text; }
    return /^https?:\/\/[^\s]+$/i.test(text) ? text : null;
  }

  /* document.createElement with text and attributes; children may be nodes or strings. */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) { return; }
      if (name === "text") { node.textContent = String(value); }
      else if (name === "class") { node.className = value; }
      else if (name === "href") {
        var href = safeHref(value);
        if (href) { node.setAttribute("href", href); }
        if (href && href.charAt(0) !== "/") { node.setAttribute("rel", "noopener noreferrer"); }
      }
      else if (name.slice(0, 2) === "on") { node.addEventListener(name.slice(2), value); }
      else { node.setAttribute(name, value === true ? "" : String(value)); }
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) { return; }
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function clear(node) {
    while (node.firstChild) { node.removeChild(node.firstChild); }
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      });
  }

  function formatNumber(value) {
    return new Intl.NumberFormat(messages.lang === "en" ? "en-GB" : "tr-TR").format(value);
  }

  /* A URL template with __ID__ filled in. */
  function withId(template, id) {
    return template.split("__ID__").join(encodeURIComponent(id));
  }

  /* A menu of the top bar closes when the user clicks elsewhere or presses Escape. */
  function closeMenus(except) {
    Array.prototype.slice.call(document.querySelectorAll("details.navmenu[open]")).forEach(function (menu) {
      if (menu !== except) { menu.removeAttribute("open"); }
    });
  }
  document.addEventListener("click", function (event) {
    closeMenus(event.target.closest ? event.target.closest("details.navmenu") : null);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { closeMenus(null); }
  });

  window.Diplomap = {
    readJSON: readJSON, t: t, term: term, el: el, clear: clear, getJSON: getJSON,
    formatNumber: formatNumber, withId: withId, messages: messages
  };
}());
