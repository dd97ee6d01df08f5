// Renders a component the way the app does: a fresh query client and a memory
// router, so tests can start on any route and see where navigation lands.
import type { ReactElement } from "react";
import { QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider, type RouteObject } from "react-router";
import { Toaster } from "@/components/toast";
import { createQueryClient } from "@/lib/query-client";

type Options = { path?: string; route?: string; extraRoutes?: RouteObject[] };

export function renderWithApp(
  ui: ReactElement,
  { path = "/", route = "/", extraRoutes = [] }: Options = {},
) {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({
    queries: { retry: false, staleTime: 0 },
    mutations: { retry: false },
  });
  const router = createMemoryRouter(
    [{ path, element: ui }, ...extraRoutes, { path: "*", element: <p>Page {"*"}</p> }],
    {
      initialEntries: [route],
    },
  );
  const user = userEvent.setup();
  const result = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
      <Toaster />
    </QueryClientProvider>,
  );
  return { ...result, user, router, queryClient };
}
