// The item dialog's fields: checked by the API's rules for an item (the zod
// schema generated from backend/openapi.json), on the trimmed text that is sent.
import * as z from "zod/mini";
import type { ItemCreate, ItemPublic, ItemUpdate } from "@/lib/api";
import { zItemCreate } from "@/lib/api/schemas";
import { text } from "@/lib/form/rules";

export const itemForm = z.object({
  title: text(zItemCreate.shape.title, "Title"),
  description: text(zItemCreate.shape.description, "Description"),
});

export type ItemValues = z.output<typeof itemForm>;

export function initialValues(item?: ItemPublic): ItemValues {
  return { title: item?.title ?? "", description: item?.description ?? "" };
}

/** What the form sends: no description is null, not "". */
export function toItemBody(values: ItemValues): ItemCreate {
  return { title: values.title, description: values.description || null };
}

/**
 * The changes for an edit. The API keeps a field that is null ("absent"), so
 * clearing a description that had text has to send "" instead.
 */
export function toItemChanges(values: ItemValues, item: ItemPublic): ItemUpdate {
  const body = toItemBody(values);
  if (body.description === null && item.description) return { ...body, description: "" };
  return body;
}
