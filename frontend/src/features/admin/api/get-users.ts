import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { request } from "@/lib/api/request";

export const USERS_PAGE_SIZE = 10;

export const usersKeys = {
  all: ["users"] as const,
  page: (page: number) => ["users", "list", page] as const,
};

/** One page of all users (superusers only); pages start at 1. */
export function fetchUsersPage(page: number) {
  return request("get", "/api/v1/users", {
    query: { skip: (page - 1) * USERS_PAGE_SIZE, limit: USERS_PAGE_SIZE },
  });
}

export function useUsersPage(page: number) {
  return useQuery({
    queryKey: usersKeys.page(page),
    queryFn: () => fetchUsersPage(page),
    // Keep showing the current page while the next one loads: no flash of a spinner.
    placeholderData: keepPreviousData,
  });
}
