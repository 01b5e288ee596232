/* Progressive enhancement for the comment form: a live character counter, replies opened
   under their comment, focus on the error summary. Everything works without this file. */
(function () {
  "use strict";
  var form = document.querySelector("[data-comment-form]");
  if (!form) { return; }
  var lang = document.documentElement.lang || "en";
  var texts = {
    en: { left: "characters left", over: "characters too many", cancel: "Write a new comment instead" },
    fr: { left: "caractères restants", over: "caractères en trop", cancel: "Écrire un nouveau commentaire" }
  }[lang.slice(0, 2)] || null;

  // Live counter: counts characters as the server does (code points, line breaks as one).
  var textarea = form.querySelector("textarea[data-counter]");
  var counter = textarea && form.querySelector('[data-counter-for="' + textarea.id + '"]');
  if (textarea && counter && texts) {
    var limit = parseInt(textarea.getAttribute("maxlength"), 10);
    textarea.removeAttribute("maxlength"); // the browser counts UTF-16 units; we count characters
    var update = function () {
      var used = Array.from(textarea.value.replace(/\r\n/g, "\n")).length;
      var left = limit - used;
      counter.textContent = left >= 0 ? left + " " + texts.left : (-left) + " " + texts.over;
      counter.classList.toggle("char-counter--over", left < 0);
    };
    counter.hidden = false;
    textarea.addEventListener("input", update);
    update();
  }

  // Reply: move the form under the comment instead of jumping to the bottom of the page.
  var section = document.getElementById("comment-form");
  var home = section.querySelector("[data-comment-form]").parentNode;
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
})();
