import {
  keepPreviousData,
  useQuery,
  type QueryKey,
  type UseQueryOptions,
} from "@tanstack/react-query";

/** How many records a list page shows. */
export const PAGE_SIZE = 10;

/**
 * One page of a list, newest first; pages start at 1. `list` gives the list's
 * query options for a skip and a limit: `(query) => readItemsOptions({ query })`.
 */
export function useListPage<Data, Error, Key extends QueryKey>(
  list: (query: { skip: number; limit: number }) => UseQueryOptions<Data, Error, Data, Key>,
  page: number,
) {
  return useQuery({
    ...list({ skip: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
    // Keep showing the current page while the next one loads: no flash of a spinner.
    placeholderData: keepPreviousData,
  });
}
