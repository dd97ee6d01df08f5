import { useQuery } from "@tanstack/react-query";
import { request } from "@/lib/api/request";
import { useSession } from "./use-session";

export const currentUserKey = ["users", "me"] as const;

export function fetchCurrentUser() {
  return request("get", "/api/v1/users/me");
}

/** The signed-in user; disabled (and undefined) when nobody is signed in. */
export function useCurrentUser() {
  const session = useSession();
  return useQuery({
    queryKey: currentUserKey,
    queryFn: fetchCurrentUser,
    enabled: session !== null,
    staleTime: 60_000,
  });
}
