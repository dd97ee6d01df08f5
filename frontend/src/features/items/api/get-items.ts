import { readItemsOptions } from "@/lib/api";
import { useListPage } from "@/lib/use-list-page";

/** One page of the caller's items, newest first; pages start at 1. */
export const useItemsPage = (page: number) =>
  useListPage((query) => readItemsOptions({ query }), page);
