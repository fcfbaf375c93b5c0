// The article page's one behaviour: a record in the panel and its evidence in the text point at each other.
// Clicking a record marks it active, marks every piece of text carrying its id, and scrolls to the first;
// clicking highlighted text selects the innermost record it belongs to. No inline script, no HTML strings.
"use strict";

(function () {
  function evidenceOf(ref) {
    return Array.prototype.filter.call(document.querySelectorAll("#article-text [data-refs]"), function (el) {
      return el.getAttribute("data-refs").split(" ").indexOf(ref) !== -1;
    });
  }

  function clearFocus() {
    document.querySelectorAll(".focus").forEach(function (el) { el.classList.remove("focus"); });
    document.querySelectorAll(".record.active").forEach(function (el) {
      el.classList.remove("active");
      el.setAttribute("aria-pressed", "false");
    });
  }

  function select(ref, scrollPanel) {
    clearFocus();
    var record = document.querySelector('.record[data-ref="' + CSS.escape(ref) + '"]');
    var evidence = evidenceOf(ref);
    evidence.forEach(function (el) { el.classList.add("focus"); });
    if (record) {
      record.classList.add("active");
      record.setAttribute("aria-pressed", "true");
      var section = record.closest("details");
      if (section) { section.open = true; }
      if (scrollPanel) { record.scrollIntoView({ block: "nearest" }); }
    }
    if (evidence.length && !scrollPanel) {
      evidence[0].scrollIntoView({ block: "center", behavior: "smooth" });
    }
    document.body.setAttribute("data-selected", ref);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".record[data-ref]").forEach(function (button) {
      button.setAttribute("aria-pressed", "false");
      button.addEventListener("click", function () { select(button.getAttribute("data-ref"), false); });
    });
    var text = document.getElementById("article-text");
    if (text) {
      text.addEventListener("click", function (event) {
        var piece = event.target.closest("[data-refs]");
        if (!piece) { return; }
        var refs = piece.getAttribute("data-refs").split(" ");
        var listed = refs.filter(function (ref) {
          return document.querySelector('.record[data-ref="' + CSS.escape(ref) + '"]');
        });
        select(listed.length ? listed[0] : refs[0], true);
      });
    }
  });
})();
