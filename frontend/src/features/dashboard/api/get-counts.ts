// Totals for the dashboard cards. The list endpoints count every record
// whatever the page size, so one record per call is enough to read `count`.
import { useQuery } from "@tanstack/react-query";
import { request } from "@/lib/api/request";

// Under the "items" and "users" roots, so the lists' changes invalidate them too.
export const itemCountKey = ["items", "count"] as const;
export const userCountKey = ["users", "count"] as const;

export async function fetchItemCount(): Promise<number> {
  return (await request("get", "/api/v1/items", { query: { limit: 1 } })).count;
}

export async function fetchUserCount(): Promise<number> {
  return (await request("get", "/api/v1/users", { query: { limit: 1 } })).count;
}

export function useItemCount() {
  return useQuery({ queryKey: itemCountKey, queryFn: fetchItemCount });
}

/** Only superusers may list users: pass `enabled: false` for everyone else. */
export function useUserCount(enabled: boolean) {
  return useQuery({ queryKey: userCountKey, queryFn: fetchUserCount, enabled });
}
