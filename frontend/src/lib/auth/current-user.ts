import { useQuery } from "@tanstack/react-query";
import { readUserMeOptions } from "@/lib/api";
import { useSession } from "./use-session";

/** The signed-in user; disabled (and undefined) when nobody is signed in. */
export function useCurrentUser() {
  const session = useSession();
  return useQuery({
    ...readUserMeOptions(),
    enabled: session !== null,
    staleTime: 60_000,
  });
}
