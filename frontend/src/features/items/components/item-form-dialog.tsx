import { useState, type FormEvent } from "react";
import { Button } from "@/components/button";
import { FormError, TextAreaField, TextField } from "@/components/field";
import { Modal } from "@/components/modal";
import { serverErrors } from "@/lib/api/form-errors";
import type { ItemPublic } from "@/lib/api/types";
import { useCreateItem } from "../api/create-item";
import { useUpdateItem } from "../api/update-item";
import {
  checkItem,
  initialValues,
  toItemBody,
  toItemChanges,
  type ItemFields,
} from "../lib/item-rules";

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
  const [values, setValues] = useState(() => initialValues(item));
  const [errors, setErrors] = useState<Partial<Record<ItemFields, string>>>({});
  const server = serverErrors(mutation.error, ["title", "description"] as const);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const found = checkItem(values);
    setErrors(found);
    if (Object.keys(found).length) return;
    if (item) {
      update.mutate({ id: item.id, changes: toItemChanges(values, item) }, { onSuccess: onClose });
    } else {
      create.mutate(toItemBody(values), { onSuccess: onClose });
    }
  }

  const set =
    (field: ItemFields) => (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      setValues((current) => ({ ...current, [field]: event.target.value }));

  return (
    <Modal title={item ? "Edit item" : "Add item"} onClose={onClose}>
      <form onSubmit={onSubmit} noValidate>
        <FormError message={server.form} />
        <TextField
          label="Title"
          value={values.title}
          onChange={set("title")}
          error={errors.title ?? server.fields.title}
        />
        <TextAreaField
          label="Description"
          value={values.description}
          onChange={set("description")}
          error={errors.description ?? server.fields.description}
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
