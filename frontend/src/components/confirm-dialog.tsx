import type { ReactNode } from "react";
import { errorMessage } from "@/lib/api/errors";
import { Button } from "./button";
import { FormError } from "./field";
import { Modal } from "./modal";

type Props = {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  /** A failed attempt: its message is shown and the dialog stays open. */
  error?: unknown;
  onConfirm: () => void;
  onCancel: () => void;
};

/** Asks before something that cannot be undone. */
export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  busy,
  error,
  onConfirm,
  onCancel,
}: Props) {
  return (
    <Modal title={title} onClose={onCancel}>
      <FormError message={error ? errorMessage(error) : null} />
      <p>{message}</p>
      <div className="modal-actions">
        <Button onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
        <Button variant="danger" busy={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
      </div>
    </Modal>
  );
}
