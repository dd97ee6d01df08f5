// Route guards. Signed-in pages wait for the current user; a session that
// ended (refresh refused) lands on /login with a message and the page to come
// back to.
import type { ReactNode } from "react";
import { Navigate, Outlet, useLocation } from "react-router";
import { FullPageSpinner } from "@/components/spinner";
import { ErrorState } from "@/components/error-state";
import { errorStatus } from "@/lib/api/errors";
import { useCurrentUser } from "./current-user";
import { nextPath } from "./next-path";
import { useSession } from "./use-session";

export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  const user = useCurrentUser();

  if (!session || errorStatus(user.error) === 401) {
    const next = location.pathname + location.search;
    return <Navigate to="/login" replace state={{ next }} />;
  }
  if (user.isPending) return <FullPageSpinner label="Loading your account" />;
  if (user.isError) return <ErrorState error={user.error} onRetry={() => void user.refetch()} />;
  return children;
}

/** Inside RequireAuth: the user is loaded. Renders `children`, or the nested routes. */
export function RequireSuperuser({ children }: { children?: ReactNode }) {
  const user = useCurrentUser();
  if (!user.data?.is_superuser) {
    return <ErrorState title="Not allowed" message="This page is for administrators only." />;
  }
  return children ?? <Outlet />;
}

/** Login and sign-up pages: a signed-in user goes to where they were headed. */
export function RedirectIfSignedIn({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session) return <Navigate to={nextPath(location)} replace />;
  return children;
}
