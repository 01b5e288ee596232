/* Progressive enhancement for the comment form: a live character counter, replies opened
   under their comment, focus on the error summary or the confirmation, replies folded on phones,
   name and email remembered on this device if the reader asks, each comment's age ("5 minutes ago").
   Everything works without this file. */
(function () {
  "use strict";
  showAges(document.querySelectorAll(".comment-thread time[datetime]"));
  // The confirmation after posting, replying or reporting: focused, so it is in view and read out.
  var confirmation = document.querySelector("[data-feedback]");
  foldThread(document.querySelector(".comment-thread[data-fold-texts]"));
  if (confirmation) {
    // In the middle of the screen, so the comment replied to stays in sight above it; again after
    // the browser's own jump to #feedback, which comes once the page has loaded.
    var center = function () { confirmation.scrollIntoView({ block: "center" }); };
    confirmation.focus({ preventScroll: true });
    center();
    window.addEventListener("load", function () { window.setTimeout(center, 0); });
    forgetTheConfirmationsAddress();
  }

  // The address carried the confirmation (?sent=…, signed, not secret: it says "urgent" to whoever decodes
  // it). Once shown, it leaves the address bar and this history entry, so a family phone's history or a
  // copied link does not show it again.
  function forgetTheConfirmationsAddress() {
    if (!window.history || !history.replaceState || !window.URL) { return; }
    var address = new URL(window.location.href);
    if (!address.searchParams.has("sent")) { return; }
    address.searchParams.delete("sent");
    history.replaceState(history.state, "", address.pathname + address.search + address.hash);
  }

  var form = document.querySelector("[data-comment-form]");
  if (!form) { return; }
  // Live counter: counts characters as the server does (code points, line breaks as one). Its words
  // come from the page (data-counter-texts, see consultations/templatetags/character_counter.py).
  var textarea = form.querySelector("textarea[data-counter]");
  var counter = textarea && form.querySelector('[data-counter-for="' + textarea.id + '"]');
  var say = counter && counterWords(counter);
  if (textarea && say) {
    var limit = parseInt(textarea.getAttribute("maxlength"), 10);
    textarea.removeAttribute("maxlength"); // the browser counts UTF-16 units; we count characters
    var update = function () {
      var used = Array.from(textarea.value.replace(/\r\n/g, "\n")).length;
      var left = limit - used;
      counter.textContent = left >= 0 ? say("left", left) : say("over", -left);
      counter.classList.toggle("char-counter--over", left < 0);
    };
    counter.hidden = false;
    textarea.addEventListener("input", update);
    update();
  }

  // Reply: move the form under the comment instead of jumping to the bottom of the page.
  var home = form.parentNode;
  var replyField = form.querySelector('input[name="reply_to"]');
  var notice = form.querySelector("[data-reply-notice]");
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-reply-to]");
    if (link && replyField) {
      event.preventDefault();
      var comment = document.getElementById("c" + link.getAttribute("data-reply-to"));
      replyField.value = link.getAttribute("data-reply-to");
      comment.querySelector(".comment__body").after(form);
      if (notice) { notice.hidden = false; }
      form.querySelector("input:not([type=hidden]), textarea").focus();
      return;
    }
    var cancel = event.target.closest("[data-cancel-reply]");
    if (cancel && replyField) {
      event.preventDefault();
      replyField.value = "0";
      home.appendChild(form);
      if (notice) { notice.hidden = true; }
      form.querySelector("input:not([type=hidden]), textarea").focus();
      return;
    }
    // "Give your opinion" beside the question: the link goes to the form's section; a form moved
    // under a comment goes back there first, as a new comment.
    if (event.target.closest("[data-give-opinion]") && replyField && form.parentNode !== home) {
      replyField.value = "0";
      home.appendChild(form);
      if (notice) { notice.hidden = true; }
    }
  });

  rememberMe(form);

  var summary = form.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }

  // Name and email kept in this browser's localStorage, only when the reader ticks the box (the box
  // has no name: the site never receives it). Never the comment. No cookie.
  function rememberMe(form) {
    var block = form.querySelector("[data-remember]");
    if (!block) { return; } // a form without name and email (the revise page)
    var storage = null;
    try {
      storage = window.localStorage;
      storage.setItem("tribune.test", "1");
      storage.removeItem("tribune.test");
    } catch (error) {
      return; // storage turned off (private browsing, school policy): the box stays hidden
    }
    var KEY = "tribune.author";
    var box = block.querySelector("[data-remember-box]");
    var kept = block.querySelector("[data-remember-kept]");
    var forgotten = block.querySelector("[data-remember-forgotten]");
    var name = form.querySelector('input[name="name"]');
    var email = form.querySelector('input[name="email"]');
    block.hidden = false;
    var saved = null;
    try {
      saved = JSON.parse(storage.getItem(KEY));
    } catch (error) {
      saved = null;
    }
    if (saved && typeof saved.name === "string" && typeof saved.email === "string") {
      if (!name.value) { name.value = saved.name; }
      if (!email.value) { email.value = saved.email; }
      box.checked = true;
      kept.hidden = false;
    }
    form.addEventListener("submit", function () {
      if (box.checked) {
        storage.setItem(KEY, JSON.stringify({ name: name.value, email: email.value }));
      } else {
        storage.removeItem(KEY);
      }
    });
    block.querySelector("[data-forget]").addEventListener("click", function () {
      storage.removeItem(KEY);
      name.value = "";
      email.value = "";
      box.checked = false;
      kept.hidden = true;
      forgotten.textContent = forgotten.getAttribute("data-text");
      box.focus();
    });
  }

  // say(message, count): the page's words for count, in the plural form of the page's language.
  function counterWords(element) {
    var texts = pluralWords(element.getAttribute("data-counter-texts"), ["left", "over"]);
    return texts && texts.say;
  }

  // On phones, a long thread shows its top-level comments with a "Show 3 replies" button each
  // (a real button with aria-expanded). The branch holding the comment in the address (#c12) or
  // a fresh confirmation stays open. Words and plural forms come from the page (data-fold-texts).
  function foldThread(thread) {
    if (!thread) { return; }
    var texts = pluralWords(thread.getAttribute("data-fold-texts"), ["show"]);
    if (!texts) { return; }
    var tops = Array.prototype.filter.call(thread.children, function (item) {
      return item.matches("li.comment");
    });
    // Long: more than 5 top-level comments, or more than 10 in all (the demo's 13 fill 5,000 px).
    var long = tops.length > 5 || thread.querySelectorAll("li.comment").length > 10;
    var fold = long && window.matchMedia("(max-width: 47.99rem)").matches;
    var toggles = [];
    tops.forEach(function (item) {
      var replies = item.querySelector(":scope > .comment-replies");
      if (!replies) { return; }
      var count = replies.querySelectorAll("li.comment").length;
      replies.id = replies.id || item.id + "-replies";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "replies-toggle";
      button.setAttribute("aria-controls", replies.id);
      var set = function (open) {
        replies.hidden = !open;
        button.setAttribute("aria-expanded", open ? "true" : "false");
        button.textContent = open ? texts.words.hide : texts.say("show", count);
      };
      button.addEventListener("click", function () {
        set(button.getAttribute("aria-expanded") !== "true");
      });
      replies.before(button);
      toggles.push({ item: item, set: set });
      set(!fold || holdsTarget(item));
    });
    window.addEventListener("hashchange", function () {
      toggles.forEach(function (toggle) {
        if (holdsTarget(toggle.item)) {
          toggle.set(true);
          var target = document.getElementById(window.location.hash.slice(1));
          if (target) { target.scrollIntoView(); }
        }
      });
    });
  }

  function holdsTarget(item) {
    var id = window.location.hash.slice(1);
    var target = id && document.getElementById(id);
    return Boolean(
      (target && target !== item && item.contains(target)) || item.querySelector("[data-feedback]")
    );
  }

  // Each comment's age ("5 minutes ago", "il y a 5 minutes"), in the page's language, before the absolute
  // date the server wrote (which stays: it is all a reader without JavaScript sees). Written here, not on
  // the server, so that one cached copy of the page serves every reader at any time; again every minute.
  function showAges(times) {
    if (!times.length || !window.Intl || !Intl.RelativeTimeFormat) { return; }
    var words;
    try {
      words = new Intl.RelativeTimeFormat(document.documentElement.lang || undefined, { numeric: "auto" });
    } catch (error) {
      return; // a language the browser does not know: the dates alone
    }
    var update = function () {
      var now = Date.now();
      Array.prototype.forEach.call(times, function (time) {
        var age = time.querySelector("[data-age]");
        var moment = Date.parse(time.getAttribute("datetime"));
        if (!age || isNaN(moment)) { return; }
        age.textContent = ageWords(words, (now - moment) / 1000) + " · ";
      });
    };
    update();
    window.setInterval(update, 60 * 1000);
  }

  // Coarse on purpose, as the server used to say it: now, minutes, hours, days, then months and years.
  // A moment ahead of this device's clock (a clock set late) is "now".
  function ageWords(words, seconds) {
    var minutes = Math.floor(seconds / 60);
    var hours = Math.floor(seconds / 3600);
    var days = Math.floor(seconds / 86400);
    if (minutes < 1) { return words.format(0, "second"); }
    if (hours < 1) { return words.format(-minutes, "minute"); }
    if (days < 1) { return words.format(-hours, "hour"); }
    if (days < 30) { return words.format(-days, "day"); }
    if (days < 365) { return words.format(-Math.floor(days / 30), "month"); }
    return words.format(-Math.floor(days / 365), "year");
  }

  // The words of a data attribute: {"language": …, <message>: [[form, [numbers]], …], other words…}.
  // Each plural form comes listed with numbers that take it; the browser's plural rules tell
  // which of them is in the same category as a count. Without those rules (or words), null.
  function pluralWords(json, messages) {
    var texts;
    try {
      texts = JSON.parse(json);
    } catch (error) {
      return null;
    }
    if (!texts || !window.Intl || !Intl.PluralRules) { return null; }
    var rules = new Intl.PluralRules(texts.language);
    var tables = {};
    messages.forEach(function (message) {
      var table = tables[message] = {};
      texts[message].forEach(function (entry) {
        entry[1].forEach(function (number) {
          var category = rules.select(number);
          if (!(category in table)) { table[category] = entry[0]; }
        });
      });
    });
    return {
      words: texts,
      say: function (message, count) {
        var table = tables[message];
        return (table[rules.select(count)] || table.other).replace("%(count)s", String(count));
      }
    };
  }
})();
