/* journeysite: filters in the browser (render/filters.py writes the bars). No dependency, no network.
 *
 * A bar (form.js-filters, hidden until this script runs) filters the items ([data-js-item]) inside the
 * elements its data-js-for names: an item stays shown when, for every select set, its data-f-NAME
 * attribute holds the chosen value among its space-separated tokens. Items marked
 * data-js-default-hidden (dropped chantiers) show only with the "dropped" checkbox, or when the status
 * filter asks for them. The choice lives in the URL (?status=planned&department=digital), so a link
 * shares a filtered view, and is read back when a page opens (Material's instant navigation included): a
 * URL value may be an option's value, its label or one of its words (data-js-words, folded as
 * vocabulary.fold folds them), and a value none of them names is said in the bar (.js-filter-unknown).
 *
 * The bar's count says how many items show (in the target its data-js-count-in names, if any).
 * Then: an element marked data-js-hide-empty hides when no item inside it shows; an element
 * data-js-sum="NAME=VALUE ..." shows the budget (data-budget) of the live items shown that match,
 * within its nearest data-js-sum-scope, in the currency of its data-js-currency.
 */
(function () {
  "use strict";

  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };
  var DROPPED = "dropped";

  function tokens(item, name) {
    var value = item.getAttribute("data-f-" + name);
    return value ? value.split(" ") : [];
  }

  function controls(form) {
    return form.querySelectorAll("select[name], input[name]");
  }

  function chosen(form) {
    var state = {};
    each(controls(form), function (control) {
      if (control.type === "checkbox") {
        if (control.checked) state[control.name] = control.value;
      } else if (control.value) {
        state[control.name] = control.value;
      }
    });
    return state;
  }

  function targets(form) {
    return (form.getAttribute("data-js-for") || "").split(" ").map(function (id) {
      return id ? document.getElementById(id) : null;
    }).filter(Boolean);
  }

  function shows(item, state) {
    for (var name in state) {
      if (name !== DROPPED && tokens(item, name).indexOf(state[name]) < 0) return false;
    }
    if (item.hasAttribute("data-js-default-hidden")) return Boolean(state[DROPPED]) || state.status === DROPPED;
    return true;
  }

  function plural(n) {  // "one" or "other", as the page's language counts (French: 0 and 1 are "one")
    try {
      return new Intl.PluralRules(document.documentElement.lang || undefined).select(n);
    } catch (e) {
      return n === 1 ? "one" : "other";
    }
  }

  function money(amount, element) {
    if (amount === null) return "\u2013";
    var currency = element.getAttribute("data-js-currency") || "EUR";
    var whole = Math.round(amount) === amount;
    try {
      return new Intl.NumberFormat(document.documentElement.lang || undefined, {
        style: "currency", currency: currency,
        minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: whole ? 0 : 2
      }).format(amount);
    } catch (e) {
      return amount + " " + currency;
    }
  }

  function sum(element, target) {
    var scope = element.closest("[data-js-sum-scope]") || target;
    var wanted = (element.getAttribute("data-js-sum") || "").split(" ").filter(Boolean).map(function (pair) {
      return pair.split("=");
    });
    var total = null;
    each(scope.querySelectorAll("[data-js-item][data-budget]"), function (item) {
      if (item.hidden || tokens(item, "status").indexOf(DROPPED) >= 0) return;
      for (var i = 0; i < wanted.length; i++) {
        if (tokens(item, wanted[i][0]).indexOf(wanted[i][1]) < 0) return;
      }
      total = (total || 0) + Number(item.getAttribute("data-budget"));
    });
    element.textContent = money(total, element);
  }

  function apply(form) {
    var state = chosen(form);
    var shown = 0, total = 0;
    var counted = form.getAttribute("data-js-count-in");
    targets(form).forEach(function (target) {
      each(target.querySelectorAll("[data-js-item]"), function (item) {
        var visible = shows(item, state);
        item.hidden = !visible;
        if (!counted || target.id === counted) {
          total += 1;
          shown += visible ? 1 : 0;
        }
      });
      var groups = Array.prototype.slice.call(target.querySelectorAll("[data-js-hide-empty]")).reverse();
      groups.forEach(function (group) {  // innermost first
        group.hidden = !group.querySelector("[data-js-item]:not([hidden])");
      });
      each(target.querySelectorAll("[data-js-sum]"), function (element) { sum(element, target); });
    });
    var count = form.querySelector(".js-filter-count");
    if (count) {
      var words = form.getAttribute(plural(shown) === "one" ? "data-js-count-one" : "data-js-count") || "";
      count.textContent = shown || !total
        ? words.replace("{shown}", shown).replace("{total}", total)
        : form.getAttribute("data-js-none") || "";
    }
  }

  function remember(form) {
    var params = new URLSearchParams(window.location.search);
    var state = chosen(form);
    each(controls(form), function (control) {
      if (state[control.name]) params.set(control.name, state[control.name]);
      else params.delete(control.name);
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(window.history.state, "", url);
  }

  function fold(text) {  // as vocabulary.fold: no case, accents, spaces, dashes, underscores, apostrophes, dots
    return String(text).normalize("NFKD").toLowerCase().replace(/[\u0300-\u036f]/g, "")
      .replace(/[\s\-_'\u2019.\u2010-\u2015]+/g, "");
  }

  function option(select, value) {
    // The option a URL value names: its value, else its label or one of its words (data-js-words), folded.
    var options = Array.prototype.slice.call(select.options, 1);
    var exact = options.filter(function (o) { return o.value === value; })[0];
    if (exact) return exact;
    var wanted = fold(value);
    return options.filter(function (o) {
      var words = (o.getAttribute("data-js-words") || "").split(" ");
      return wanted && (fold(o.value) === wanted || fold(o.textContent) === wanted || words.indexOf(wanted) >= 0);
    })[0] || null;
  }

  function recall(form) {
    var params = new URLSearchParams(window.location.search);
    var unknown = [];
    each(controls(form), function (control) {
      var value = params.get(control.name);
      if (control.type === "checkbox") {
        control.checked = value === control.value;
      } else {
        var found = value ? option(control, value) : null;
        control.value = found ? found.value : "";
        if (value && !found) {
          var label = control.closest("label").querySelector(".js-filter-label");
          unknown.push((form.getAttribute("data-js-unknown") || "")
            .replace("{filter}", function () { return label ? label.textContent : control.name; })
            .replace("{value}", function () { return value; }));
        }
      }
    });
    var note = form.querySelector(".js-filter-unknown");
    if (note) {
      note.textContent = unknown.join(" ");
      note.hidden = !unknown.length;
    }
  }

  function wire(form) {
    if (form.getAttribute("data-js-filters") === "ready") return;
    form.setAttribute("data-js-filters", "ready");
    recall(form);
    form.hidden = false;
    var forget = function () {  // once a filter is chosen again, the link's unknown value is past
      var note = form.querySelector(".js-filter-unknown");
      if (note) note.hidden = true;
    };
    form.addEventListener("change", function () { forget(); apply(form); remember(form); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () {
      forget();
      window.setTimeout(function () { apply(form); remember(form); }, 0);  // after the controls are reset
    });
    apply(form);
  }

  function init() {
    each(document.querySelectorAll("form.js-filters"), wire);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);   // Material: every page, including instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
