// Items as a select offers them, when a record points at one: by title.
import { readItemsOptions } from "@/lib/api";
import { CHOICES_LIMIT, useChoices } from "@/lib/use-choices";

export const useItemChoices = () =>
  useChoices(readItemsOptions({ query: { limit: CHOICES_LIMIT } }), (item) => item.title);
