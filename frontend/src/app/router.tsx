// Every route of the SPA, in one place; the features with a page in the main
// navigation bring their own (feature-routes.ts). Pages load lazily, so the
// first download holds only the shell and the page being opened.
import { createBrowserRouter, type RouteObject } from "react-router";
import { FullPageSpinner } from "@/components/spinner";
import { RedirectIfSignedIn, RequireAuth, RequireSuperuser } from "@/lib/auth/guards";
import { featureRoutes } from "./feature-routes";
import { AppLayout } from "./layouts/app-layout";
import { AuthLayout } from "./layouts/auth-layout";
import { RouteError } from "./routes/route-error";
import { NotFoundPage } from "./routes/not-found";

const page = (load: () => Promise<{ default: React.ComponentType }>) => async () => ({
  Component: (await load()).default,
});

export const routes: RouteObject[] = [
  {
    errorElement: <RouteError />,
    // Shown while the first page's code loads.
    hydrateFallbackElement: <FullPageSpinner />,
    children: [
      {
        element: (
          <RedirectIfSignedIn>
            <AuthLayout />
          </RedirectIfSignedIn>
        ),
        children: [
          { path: "/login", lazy: page(() => import("@/features/auth/components/login-page")) },
          { path: "/signup", lazy: page(() => import("@/features/auth/components/signup-page")) },
        ],
      },
      {
        element: <AuthLayout />,
        children: [
          {
            path: "/recover-password",
            lazy: page(() => import("@/features/auth/components/recover-password-page")),
          },
          {
            path: "/reset-password",
            lazy: page(() => import("@/features/auth/components/reset-password-page")),
          },
          {
            path: "/revert-email",
            lazy: page(() => import("@/features/auth/components/revert-email-page")),
          },
        ],
      },
      {
        element: (
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        ),
        children: [
          {
            index: true,
            lazy: page(() => import("@/features/dashboard/components/dashboard-page")),
          },
          ...featureRoutes.map((route) => ({ path: route.path, lazy: page(route.page) })),
          {
            path: "/settings",
            lazy: page(() => import("@/features/settings/components/settings-page")),
          },
          {
            path: "/admin",
            element: <RequireSuperuser />,
            children: [
              { index: true, lazy: page(() => import("@/features/admin/components/admin-page")) },
            ],
          },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
