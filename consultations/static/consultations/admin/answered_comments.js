/* The comments an answer links to: a filter box that hides the comments whose label does not contain every
   word typed (pseudonym, date, language or text). Without JavaScript the whole list shows and works. */
(function () {
  "use strict";
  function setUp(box) {
    if (box.hasAttribute("data-ready")) return;
    box.setAttribute("data-ready", "");
    var filter = box.querySelector(".answered-comments__filter");
    var input = box.querySelector("[data-answered-comments-filter]");
    if (!filter || !input) return;
    filter.hidden = false;
    var items = Array.prototype.slice.call(box.querySelectorAll(".answered-comments__item"));
    var texts = items.map(function (item) { return item.textContent.toLowerCase(); });
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      items.forEach(function (item, index) {
        var ticked = item.querySelector("input:checked");
        item.hidden = !ticked && !words.every(function (word) { return texts[index].indexOf(word) !== -1; });
      });
    });
  }
  function setUpAll() {
    document.querySelectorAll("[data-answered-comments]").forEach(setUp);
  }
  document.addEventListener("DOMContentLoaded", setUpAll);
  // A new answer added with "Add answer" draws its list later.
  new MutationObserver(setUpAll).observe(document.documentElement, { childList: true, subtree: true });
})();
