import type { FormEvent } from "react";
import { Button } from "@/components/button";
import { FormError, TextAreaField, TextField } from "@/components/field";
import { Modal } from "@/components/modal";
import { serverErrors } from "@/lib/api/form-errors";
import type { ItemPublic } from "@/lib/api/types";
import { useForm } from "@/lib/use-form";
import { useCreateItem } from "../api/create-item";
import { useUpdateItem } from "../api/update-item";
import { checkItem, initialValues, toItemBody, toItemChanges } from "../lib/item-rules";

type Props = {
  /** The item to edit; without one the dialog adds a new item. */
  item?: ItemPublic;
  onClose: () => void;
};

/** "Add item" / "Edit item". Stays open, with the API's answer, when saving fails. */
export function ItemFormDialog({ item, onClose }: Props) {
  const create = useCreateItem();
  const update = useUpdateItem();
  const mutation = item ? update : create;
  const form = useForm(() => initialValues(item));
  const { values } = form;
  const server = serverErrors(mutation.error, ["title", "description"] as const);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!form.passes(checkItem(values))) return;
    if (item) {
      update.mutate({ id: item.id, changes: toItemChanges(values, item) }, { onSuccess: onClose });
    } else {
      create.mutate(toItemBody(values), { onSuccess: onClose });
    }
  }

  return (
    <Modal title={item ? "Edit item" : "Add item"} onClose={onClose}>
      <form onSubmit={onSubmit} noValidate>
        <FormError message={server.form} />
        <TextField label="Title" {...form.text("title", server.fields.title)} />
        <TextAreaField
          label="Description"
          {...form.text("description", server.fields.description)}
        />
        <div className="modal-actions">
          <Button onClick={onClose} disabled={mutation.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={mutation.isPending}>
            Save
          </Button>
        </div>
      </form>
    </Modal>
  );
}
