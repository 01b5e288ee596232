/* Progressive enhancement for the comment form: a live character counter, replies opened
   under their comment, focus on the error summary. Everything works without this file. */
(function () {
  "use strict";
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
    }
  });

  var summary = form.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }

  // say(message, count): the page's words for count, in the plural form the page's language gives it.
  // Each form comes listed with numbers that take it; the browser's plural rules tell which of
  // them is in the same category as count. Without those rules (or words), no counter.
  function counterWords(element) {
    var texts;
    try {
      texts = JSON.parse(element.getAttribute("data-counter-texts"));
    } catch (error) {
      return null;
    }
    if (!texts || !window.Intl || !Intl.PluralRules) { return null; }
    var rules = new Intl.PluralRules(texts.language);
    var tables = {};
    ["left", "over"].forEach(function (message) {
      var table = tables[message] = {};
      texts[message].forEach(function (entry) {
        entry[1].forEach(function (number) {
          var category = rules.select(number);
          if (!(category in table)) { table[category] = entry[0]; }
        });
      });
    });
    return function (message, count) {
      var table = tables[message];
      return (table[rules.select(count)] || table.other).replace("%(count)s", String(count));
    };
  }
})();
