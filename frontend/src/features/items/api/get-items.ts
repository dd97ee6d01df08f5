import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { readItemsOptions } from "@/lib/api";

export const ITEMS_PAGE_SIZE = 10;

/** One page of the caller's items, newest first; pages start at 1. */
export function useItemsPage(page: number) {
  return useQuery({
    ...readItemsOptions({
      query: { skip: (page - 1) * ITEMS_PAGE_SIZE, limit: ITEMS_PAGE_SIZE },
    }),
    // Keep showing the current page while the next one loads: no flash of a spinner.
    placeholderData: keepPreviousData,
  });
}
