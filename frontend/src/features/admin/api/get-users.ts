import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  readUserMeQueryKey,
  readUsersOptions,
  readUsersQueryKey,
  type UserPublic,
} from "@/lib/api";

export const USERS_PAGE_SIZE = 10;

/** One page of all users (superusers only); pages start at 1. */
export function useUsersPage(page: number) {
  return useQuery({
    ...readUsersOptions({
      query: { skip: (page - 1) * USERS_PAGE_SIZE, limit: USERS_PAGE_SIZE },
    }),
    // Keep showing the current page while the next one loads: no flash of a spinner.
    placeholderData: keepPreviousData,
  });
}

/**
 * After a change to user `changedId`: every users list (and the dashboard's
 * count) is stale. The signed-in user's own record is stale only when it is
 * the one that changed: then the header, the guards and the admin link follow.
 */
export function useRefreshUsers() {
  const queryClient = useQueryClient();
  return (changedId: string) => {
    const me = queryClient.getQueryData<UserPublic>(readUserMeQueryKey());
    void queryClient.invalidateQueries({ queryKey: readUsersQueryKey() });
    if (me?.id === changedId)
      void queryClient.invalidateQueries({ queryKey: readUserMeQueryKey() });
  };
}
