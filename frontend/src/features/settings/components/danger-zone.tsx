import { useState } from "react";
import { Button } from "@/components/button";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { useDeleteAccount } from "../api/delete-account";

/** Deleting one's own account. Success and failure toasts come from the mutation. */
export function DangerZone() {
  const remove = useDeleteAccount();
  const [confirming, setConfirming] = useState(false);

  return (
    <>
      <p className="muted">
        Deleting your account also deletes all your items. This cannot be undone.
      </p>
      <Button variant="danger" onClick={() => setConfirming(true)}>
        Delete account
      </Button>
      {confirming && (
        <ConfirmDialog
          title="Delete account"
          message="Your account and all your items will be deleted for good. Do you want to continue?"
          confirmLabel="Delete my account"
          busy={remove.isPending}
          // A refusal (a superuser's 403) is told by a toast: the dialog has nothing more to offer.
          onConfirm={() => remove.mutate({}, { onError: () => setConfirming(false) })}
          onCancel={() => setConfirming(false)}
        />
      )}
    </>
  );
}
