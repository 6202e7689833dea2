// The generator writes this file into docs/assets/ (from generator/render/assets/), like briefing.css.
// Material's search panel has role="dialog" but no name; screen readers then announce an
// unnamed dialog (axe-core rule aria-dialog-name). Name it after its search box.
function nameSearchDialog() {
  for (const dialog of document.querySelectorAll(".md-search[role='dialog']")) {
    if (!dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
  }
}
if (typeof document$ !== "undefined") {
  document$.subscribe(nameSearchDialog); // again after each instant navigation
} else {
  nameSearchDialog();
}
