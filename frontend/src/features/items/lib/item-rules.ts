import type { ItemPublic } from "@/lib/api/types";
import { maxLength, required, validate } from "@/lib/validation";

type ItemFields = "title" | "description";
export type ItemValues = Record<ItemFields, string>;

/**
 * The API's rules: a title of 1 to 255 characters (not only blanks), a
 * description of at most 255. Checked on the trimmed text, which is what is sent.
 */
export function checkItem(values: ItemValues) {
  const sent = { title: values.title.trim(), description: values.description.trim() };
  return validate(sent, {
    title: [required("Title"), maxLength("Title")],
    description: [maxLength("Description")],
  });
}

/** What the form sends: trimmed text, and no description as null (not ""). */
export function toItemBody(values: ItemValues) {
  const description = values.description.trim();
  return { title: values.title.trim(), description: description || null };
}

/**
 * The changes for an edit. The API keeps a field that is null ("absent"), so
 * clearing a description that had text has to send "" instead.
 */
export function toItemChanges(values: ItemValues, item: ItemPublic) {
  const body = toItemBody(values);
  if (body.description === null && item.description) return { ...body, description: "" };
  return body;
}

export function initialValues(item?: ItemPublic): ItemValues {
  return { title: item?.title ?? "", description: item?.description ?? "" };
}
