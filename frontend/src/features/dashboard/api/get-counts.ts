// Totals for the dashboard cards. The list endpoints count every record
// whatever the page size, so one record per call is enough to read `count`.
// Being list queries, they are refreshed with the lists after any change.
import { useQuery } from "@tanstack/react-query";
import { readItemsOptions, readUsersOptions } from "@/lib/api";

export function useItemCount() {
  return useQuery({ ...readItemsOptions({ query: { limit: 1 } }), select: (page) => page.count });
}

/** Only superusers may list users: pass `enabled: false` for everyone else. */
export function useUserCount(enabled: boolean) {
  return useQuery({
    ...readUsersOptions({ query: { limit: 1 } }),
    select: (page) => page.count,
    enabled,
  });
}
