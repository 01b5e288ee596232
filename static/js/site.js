/* The phone menu: without JavaScript the "Menu" link opens it through #site-menu (:target in the CSS);
   here it becomes a real button that says whether the menu is open. Escape closes it. */
(function () {
  "use strict";
  var link = document.querySelector("[data-menu-toggle]");
  var menu = document.querySelector("[data-menu]");
  if (!link || !menu) { return; }
  var button = document.createElement("button");
  button.type = "button";
  button.className = link.className;
  button.setAttribute("aria-controls", menu.id);
  button.setAttribute("aria-expanded", "false");
  while (link.firstChild) { button.appendChild(link.firstChild); }
  link.replaceWith(button);
  menu.classList.add("site-menu--js");

  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("site-menu--open", open);
  }
  // Reached through the no-JavaScript link (#site-menu in the address): the CSS shows it; say so.
  if (window.location.hash === "#" + menu.id) { setOpen(true); }
  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
})();
