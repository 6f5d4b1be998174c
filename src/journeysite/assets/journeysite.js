/* journeysite: sortable tables and scroll hints. No dependency, no network.
 *
 * Sortable tables (table.js-sortable): each column header becomes a button:
 * click (or Enter/Space) sorts by that column, again to reverse. A cell's sort
 * value is its data-sort attribute, else its text; numbers compare as numbers,
 * text in the page's language; empty values always go last.
 *
 * Scroll hints: a wide map or table (matrix, heatmap, curve, diagrams, tables) scrolls sideways in its
 * region; while more of it lies to the right, the region gets the class
 * js-more-right, which fades its right edge (journeymap.css).
 *
 * Works with Material's instant navigation.
 */
(function () {
  "use strict";

  var lang = document.documentElement.lang || undefined;
  var collator = typeof Intl !== "undefined" && Intl.Collator
    ? new Intl.Collator(lang, { numeric: true, sensitivity: "base" })
    : null;

  function sortKey(cell) {
    if (!cell) return "";
    var value = cell.getAttribute("data-sort");
    return (value !== null ? value : cell.textContent || "").trim();
  }

  function asNumber(text) {
    if (text === "") return NaN;
    var n = Number(text);
    return isFinite(n) ? n : NaN;
  }

  function compare(a, b) {
    var x = asNumber(a), y = asNumber(b);
    if (!isNaN(x) && !isNaN(y)) return x - y;
    return collator ? collator.compare(a, b) : (a < b ? -1 : a > b ? 1 : 0);
  }

  function sortTable(table, column, direction) {
    var body = table.tBodies[0];
    if (!body) return;
    var rows = Array.prototype.slice.call(body.rows).map(function (row, index) {
      return { row: row, key: sortKey(row.cells[column]), index: index };
    });
    var sign = direction === "descending" ? -1 : 1;
    rows.sort(function (a, b) {
      if (a.key === "" && b.key !== "") return 1;   // missing values last, both ways
      if (b.key === "" && a.key !== "") return -1;
      var order = compare(a.key, b.key) * sign;
      return order !== 0 ? order : a.index - b.index;  // stable
    });
    rows.forEach(function (entry) { body.appendChild(entry.row); });
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    for (var i = 0; i < headers.length; i++) {
      if (i === column) headers[i].setAttribute("aria-sort", direction);
      else headers[i].removeAttribute("aria-sort");
    }
  }

  function enhance(table) {
    if (table.getAttribute("data-js-sortable") === "ready" || !table.tHead || !table.tHead.rows.length) return;
    table.setAttribute("data-js-sortable", "ready");
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "js-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var next = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        sortTable(table, column, next);
      });
    });
  }

  function hintScroll(region) {
    if (region.getAttribute("data-js-hint") === "ready") return;
    region.setAttribute("data-js-hint", "ready");
    function update() {
      var more = region.scrollLeft + region.clientWidth < region.scrollWidth - 2;
      region.classList.toggle("js-more-right", more);
    }
    region.addEventListener("scroll", update, { passive: true });
    if (typeof ResizeObserver !== "undefined") new ResizeObserver(update).observe(region);
    else window.addEventListener("resize", update);
    update();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table.js-sortable"), enhance);
    Array.prototype.forEach.call(document.querySelectorAll(".js-matrix-scroll, .js-curve-scroll, .js-graph-scroll, .js-flow-compare, .js-table-wrap"), hintScroll);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);   // Material: every page, including instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
