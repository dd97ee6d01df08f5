import { TextAreaField, TextField } from "@/components/field";
import { FormDialog } from "@/components/form-dialog";
import type { ItemPublic } from "@/lib/api";
import { formAlert, showServerErrors } from "@/lib/form/server-errors";
import { useSchemaForm } from "@/lib/form/use-schema-form";
import { useCreateItem } from "../api/create-item";
import { useUpdateItem } from "../api/update-item";
import { initialValues, itemForm, toItemBody, toItemChanges } from "../lib/item-form";

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
  const form = useSchemaForm(itemForm, initialValues(item));
  const { errors } = form.formState;

  const save = form.handleSubmit((values) => {
    const outcome = {
      onSuccess: onClose,
      onError: (error: unknown) => showServerErrors(form, error),
    };
    if (item) {
      update.mutate({ path: { id: item.id }, body: toItemChanges(values, item) }, outcome);
    } else {
      create.mutate({ body: toItemBody(values) }, outcome);
    }
  });

  return (
    <FormDialog
      title={item ? "Edit item" : "Add item"}
      busy={mutation.isPending}
      alert={formAlert(form)}
      onSubmit={save}
      onClose={onClose}
    >
      <TextField label="Title" error={errors.title?.message} {...form.register("title")} />
      <TextAreaField
        label="Description"
        error={errors.description?.message}
        {...form.register("description")}
      />
    </FormDialog>
  );
}
