// The records of a list as a select's choices: what a form offers for a field
// that points at another record (a task's project). The first page of the
// list, newest first, is what the select offers.
import { useQuery, type QueryKey, type UseQueryOptions } from "@tanstack/react-query";

/** One option: the record's id, and what the user reads. */
export type Choice = { value: string; label: string };

/** How many records a select offers (the API's largest page). */
export const CHOICES_LIMIT = 100;

/** A list's answer: `{ data: [...], count }`. */
type Page = { data: { id: string }[] };

/**
 * `list`: a list's query options for its first CHOICES_LIMIT records
 * (`readProjectsOptions({ query: { limit: CHOICES_LIMIT } })`); `label`: what
 * names one of them.
 */
export function useChoices<List extends Page, Error, Key extends QueryKey>(
  list: UseQueryOptions<List, Error, List, Key>,
  label: (row: List["data"][number]) => string,
) {
  return useQuery({
    queryKey: list.queryKey,
    queryFn: list.queryFn,
    select: (page: List): Choice[] =>
      page.data.map((row) => ({ value: row.id, label: label(row) })),
  });
}

/**
 * The label of the record `id` names: "" for none; its id's first characters
 * when it is not among the choices (not loaded yet, or past the first page).
 */
export function choiceLabel(choices: Choice[] | undefined, id: string | null | undefined): string {
  if (!id) return "";
  return choices?.find((choice) => choice.value === id)?.label ?? `${id.slice(0, 8)}…`;
}

/**
 * The choices, with the record the form starts with when it is not among
 * them, so that saving keeps it.
 */
export function withCurrent(choices: Choice[] | undefined, id: string | null | undefined) {
  if (!choices || !id || choices.some((choice) => choice.value === id)) return choices;
  return [...choices, { value: id, label: choiceLabel(choices, id) }];
}
