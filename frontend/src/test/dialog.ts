// jsdom has <dialog> (hidden until open) but not showModal() or close(). These
// do the parts unit tests see: the open state, the focus moving in (as the
// browser's dialog focusing steps do: an [autofocus] element, else the first
// focusable one, else the dialog) and the close event. The rest (the inert
// page behind, Tab kept inside, Escape firing `cancel`) is only a browser's,
// and the e2e suite checks it in Chromium.
const FOCUSABLE =
  "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [tabindex]";

if (typeof HTMLDialogElement.prototype.showModal !== "function") {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.open = true;
    const target =
      this.querySelector<HTMLElement>("[autofocus]") ??
      this.querySelector<HTMLElement>(FOCUSABLE) ??
      this;
    target.focus();
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    if (!this.open) return;
    this.open = false;
    this.dispatchEvent(new Event("close"));
  };
}
