/* journeysite: the text of a title attribute stays text in Material's tooltips.
 *
 * With its feature content.tooltips, Material for MkDocs shows an element's title in a tooltip it
 * writes as HTML (innerHTML of the title's text): the title of a link or an abbreviation, of any
 * element of journeysite's views, the title of the header, and the text of a navigation, path or
 * table-of-contents entry cut short (which it copies into a title first). The page's HTML escapes
 * that text, but the browser hands it back unescaped: a page title or a file name holding
 * "<img src=x onerror=...>" would run script on hover. Material reads every such text through the
 * element's title property: here that property returns the text escaped for HTML, so the tooltip
 * shows it exactly as written. Material puts the value it read back into the attribute when the
 * tooltip closes; a value this property returned is returned as it is, so nothing is escaped twice.
 *
 * Loaded before the page is ready (Material mounts its tooltips then), and kept across Material's
 * instant navigation (the window stays).
 */
(function () {
  "use strict";

  var property = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "title");
  if (!property || !property.get || !property.set || typeof WeakMap === "undefined") return;
  var returned = new WeakMap();  // element -> the escaped text its title property returned last

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  Object.defineProperty(HTMLElement.prototype, "title", {
    configurable: true,
    enumerable: property.enumerable,
    get: function () {
      var text = property.get.call(this);
      if (returned.get(this) === text) return text;
      var escaped = escapeHtml(text);
      if (escaped !== text) returned.set(this, escaped);
      return escaped;
    },
    set: function (value) {
      returned.delete(this);
      property.set.call(this, value);
    }
  });
})();
