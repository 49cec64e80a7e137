/* Edit forms: once a form has been checked, changing a value hides the Save button until it
 * is checked again (so what is saved is what was previewed), and the first field with a
 * problem gets the focus. */
(function () {
  "use strict";
  var form = document.querySelector("form.edit-form");
  if (!form) { return; }
  var save = document.getElementById("save");
  var problem = form.querySelector(".field.has-problem input, .field.has-problem select, .field.has-problem textarea");
  if (problem) { problem.focus(); }
  if (!save) { return; }
  function stale(event) {
    if (event.target && event.target.name === "confirm_duplicates") { return; }
    if (event.target && event.target.classList.contains("ref-search")) { return; }
    save.hidden = true;
    var preview = document.getElementById("preview");
    if (preview) { preview.classList.add("stale"); }
  }
  form.addEventListener("input", stale);
  form.addEventListener("change", stale);
}());
