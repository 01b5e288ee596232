/* "Me too" in one tap, without reloading the page. Without this file each button is a form that
   posts and comes back to the comment with the new count.

   The page is the same for every reader, so which comments this browser supported is remembered
   here, in localStorage (never sent anywhere), and shown with aria-pressed. The server is the
   authority: each tap says which state the reader saw ("on" or "off"), and the answer gives the
   state and the count. */
(function () {
  "use strict";
  var thread = document.querySelector("[data-support-texts]");
  var forms = document.querySelectorAll("form[data-support]");
  if (!thread || !forms.length || !window.fetch) { return; }
  var STORE = "tribune-supports";
  var words = supportWords(thread);
  var failed = thread.getAttribute("data-support-failed") || "";
  var supported = load();

  forms.forEach(function (form) {
    pressed(form, !!supported[form.getAttribute("data-support")]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (form.getAttribute("aria-busy") === "true") { return; }
      tap(form);
    });
  });

  function tap(form) {
    var id = form.getAttribute("data-support");
    var button = form.querySelector("button");
    var data = new FormData(form);
    data.set("support", button.getAttribute("aria-pressed") === "true" ? "off" : "on"); // the form's own says "on"
    var token = document.querySelector('input[name="csrfmiddlewaretoken"]');
    if (token) { data.append("csrfmiddlewaretoken", token.value); } // only for a signed-in visitor
    form.setAttribute("aria-busy", "true");
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok || typeof body.count !== "number") {
          say(form, body.message || failed);
          return;
        }
        say(form, "");
        show(form, body.count);
        pressed(form, body.supported);
        if (body.supported) { supported[id] = true; } else { delete supported[id]; }
        save();
      });
    }).catch(function () {
      say(form, failed); // offline, or the answer was cut: nothing is known to have changed
    }).then(function () {
      form.removeAttribute("aria-busy");
    });
  }

  function pressed(form, on) {
    form.querySelector("button").setAttribute("aria-pressed", on ? "true" : "false");
  }

  function show(form, count) {
    var button = form.querySelector("button");
    form.querySelector("[data-support-count]").textContent = String(count);
    if (!words) { return; } // no plural rules in this browser: the name keeps the page's words
    button.setAttribute("aria-label", form.querySelector(".support__label").textContent + ", " + words(count));
  }

  // A refusal (too many supports from one network, a closed consultation) is said under the comment.
  function say(form, message) {
    var actions = form.closest(".comment__actions");
    var note = actions.parentNode.querySelector(".support-message");
    if (!message) {
      if (note) { note.remove(); }
      return;
    }
    if (!note) {
      note = document.createElement("p");
      note.className = "support-message";
      note.setAttribute("role", "status");
      actions.after(note);
    }
    note.textContent = message;
  }

  function load() {
    try {
      return JSON.parse(window.localStorage.getItem(STORE)) || {};
    } catch (error) {
      return {}; // storage off (private browsing) or damaged: nothing shown as pressed
    }
  }

  function save() {
    try {
      window.localStorage.setItem(STORE, JSON.stringify(supported));
    } catch (error) {
      // storage off: the count is right all the same, only the pressed state is not remembered
    }
  }

  // words(count): "3 supports", in the plural form the page's language gives count (see
  // consultations/templatetags/character_counter.py).
  function supportWords(element) {
    var texts;
    try {
      texts = JSON.parse(element.getAttribute("data-support-texts"));
    } catch (error) {
      return null;
    }
    if (!texts || !window.Intl || !Intl.PluralRules) { return null; }
    var rules = new Intl.PluralRules(document.documentElement.lang || undefined);
    var table = {};
    texts.supports.forEach(function (entry) {
      entry[1].forEach(function (number) {
        var category = rules.select(number);
        if (!(category in table)) { table[category] = entry[0]; }
      });
    });
    return function (count) {
      return (table[rules.select(count)] || table.other).replace("%(count)s", String(count));
    };
  }
})();
