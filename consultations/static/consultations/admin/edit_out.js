// "Edit out and publish" on a comment's page: a button that replaces the selected part of the text with the
// marker ("[removed by moderation]", in the comment's language). Without JavaScript, the moderator types it.
(function () {
  "use strict";
  document.querySelectorAll("textarea[data-tm-edit-out]").forEach(function (textarea) {
    var button = textarea.form && textarea.form.querySelector("[data-tm-mark-selection]");
    var marker = textarea.getAttribute("data-tm-marker");
    if (!button || !marker) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var start = textarea.selectionStart;
      var end = textarea.selectionEnd;
      if (start === end) {
        textarea.focus();
        return;
      }
      textarea.setRangeText(marker, start, end, "end");
      textarea.focus();
    });
  });
})();
