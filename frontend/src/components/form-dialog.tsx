import type { FormEventHandler, ReactNode } from "react";
import { Button } from "./button";
import { FormError } from "./field";
import { Modal } from "./modal";

type Props = {
  title: string;
  /** Saving: the buttons wait. */
  busy: boolean;
  /** A message about the whole form (`formAlert(form)`). */
  alert?: string;
  onSubmit: FormEventHandler<HTMLFormElement>;
  onClose: () => void;
  /** The fields. */
  children: ReactNode;
};

/** A form in a dialog ("Add item", "Edit item"), with Cancel and Save. */
export function FormDialog({ title, busy, alert, onSubmit, onClose, children }: Props) {
  return (
    <Modal title={title} onClose={onClose}>
      <form onSubmit={onSubmit} noValidate>
        <FormError message={alert} />
        {children}
        <div className="modal-actions">
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy}>
            Save
          </Button>
        </div>
      </form>
    </Modal>
  );
}
