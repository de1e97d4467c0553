// Quick exit: the link works without this file. With it, the page being left is replaced in the
// history, so "Back" on the neutral site does not bring it back.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[data-quick-exit]");
  if (!link) return;
  event.preventDefault();
  window.location.replace(link.href);
});
