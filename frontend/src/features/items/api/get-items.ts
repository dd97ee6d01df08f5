import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { request } from "@/lib/api/request";

export const ITEMS_PAGE_SIZE = 10;

// Everything under "items" is invalidated together after a change (the
// dashboard's count lives under the same root in its own feature).
export const itemsKeys = {
  all: ["items"] as const,
  page: (page: number) => ["items", "list", page] as const,
};

/** One page of the caller's items, newest first; pages start at 1. */
export function fetchItemsPage(page: number) {
  return request("get", "/api/v1/items", {
    query: { skip: (page - 1) * ITEMS_PAGE_SIZE, limit: ITEMS_PAGE_SIZE },
  });
}

export function useItemsPage(page: number) {
  return useQuery({
    queryKey: itemsKeys.page(page),
    queryFn: () => fetchItemsPage(page),
    // Keep showing the current page while the next one loads: no flash of a spinner.
    placeholderData: keepPreviousData,
  });
}
