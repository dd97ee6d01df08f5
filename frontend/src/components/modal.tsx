// A modal dialog on the platform's <dialog>: showModal() puts it in the top
// layer over a ::backdrop, moves the focus into it and makes the page behind
// inert, so Tab cannot reach the page. Whether it is open stays the parent's
// call: Escape and a press on the backdrop ask `onClose`, and the parent
// unmounts it.
import { useEffect, useId, useRef, type ReactNode } from "react";

type Props = { title: string; onClose: () => void; children: ReactNode };

export function Modal({ title, onClose, children }: Props) {
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    const opener = document.activeElement as HTMLElement | null;
    element?.showModal();
    return () => {
      // Closing matters when the element stays: in development, StrictMode runs
      // this cleanup and the effect again on the same <dialog>.
      element?.close();
      // By hand: close() gives the focus back only while the dialog is still in
      // the page, and on unmount React has already removed it.
      opener?.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      className="modal"
      aria-labelledby={titleId}
      // Escape: the browser's cancel event. Prevented, so the dialog closes by
      // being unmounted, like any other way out.
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      // .modal-body covers the whole dialog box: a press on the dialog itself
      // is a press on its ::backdrop. Prevented, so the press does not move the
      // focus to the page under it after the opener has it back.
      onMouseDown={(event) => {
        if (event.target !== event.currentTarget) return;
        event.preventDefault();
        onClose();
      }}
    >
      <div className="modal-body">
        <h2 id={titleId} className="modal-title">
          {title}
        </h2>
        {children}
      </div>
    </dialog>
  );
}
