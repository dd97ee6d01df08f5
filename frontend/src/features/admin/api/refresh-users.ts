import { useQueryClient } from "@tanstack/react-query";
import type { UserPublic } from "@/lib/api/types";
import { currentUserKey } from "@/lib/auth/current-user";
import { usersKeys } from "./get-users";

/**
 * After a change to user `changedId`: every users query (lists, counts) is
 * stale. The signed-in user's own record is stale only when it is the one
 * that changed: then the header, the guards and the admin link follow.
 */
export function useRefreshUsers() {
  const queryClient = useQueryClient();
  return (changedId: string) => {
    const me = queryClient.getQueryData<UserPublic>(currentUserKey);
    void queryClient.invalidateQueries({
      queryKey: usersKeys.all,
      predicate: (query) => query.queryKey[1] !== currentUserKey[1],
    });
    if (me?.id === changedId) void queryClient.invalidateQueries({ queryKey: currentUserKey });
  };
}
