import { http, HttpResponse } from "msw";
import { act, screen } from "@testing-library/react";
import { useLocation } from "react-router";
import { REFRESH_PATH } from "@/lib/api/client";
import { renderWithApp } from "@/test/render";
import { problem } from "@/test/problem";
import { server } from "@/test/server";
import { testUser } from "@/test/user";
import { RedirectIfSignedIn, RequireAuth, RequireSuperuser } from "./guards";
import { sessionStore } from "./session-store";

const ME = "/api/v1/users/me";

/** The login page, showing where it was asked to send the user back to. */
function LoginProbe() {
  const state = useLocation().state as { next?: string } | null;
  return <p>Login page, next: {state?.next ?? "none"}</p>;
}

function renderGuarded(page: React.ReactElement, route = "/items?page=2") {
  return renderWithApp(<RequireAuth>{page}</RequireAuth>, {
    path: "/items",
    route,
    extraRoutes: [{ path: "/login", element: <LoginProbe /> }],
  });
}

const signIn = () => sessionStore.set({ accessToken: "at", refreshToken: "rt" });

afterEach(() => {
  // Runs before the unmount: signing out re-renders the guards.
  act(() => sessionStore.clear());
  sessionStore.takeEndReason();
});

describe("RequireAuth", () => {
  test("sends a visitor without a session to log in, remembering the page", async () => {
    renderGuarded(<p>Items</p>);
    expect(await screen.findByText("Login page, next: /items?page=2")).toBeInTheDocument();
  });

  test("shows the page once the current user is loaded", async () => {
    signIn();
    server.use(http.get(ME, () => HttpResponse.json(testUser())));
    renderGuarded(<p>Items</p>);
    expect(screen.getByRole("status")).toHaveTextContent("Loading your account");
    expect(await screen.findByText("Items")).toBeInTheDocument();
  });

  test("sends the user to log in when the session has ended", async () => {
    signIn();
    server.use(
      http.get(ME, () => problem(401, "Could not validate credentials")),
      http.post(REFRESH_PATH, () => problem(401, "Invalid refresh token")),
    );
    renderGuarded(<p>Items</p>);
    expect(await screen.findByText("Login page, next: /items?page=2")).toBeInTheDocument();
    expect(sessionStore.get()).toBeNull();
    expect(sessionStore.takeEndReason()).toBe("expired");
  });

  test("offers a retry when the user cannot be loaded", async () => {
    signIn();
    let calls = 0;
    server.use(
      http.get(ME, () =>
        ++calls === 1 ? problem(503, "The service is busy") : HttpResponse.json(testUser()),
      ),
    );
    const { user: actor } = renderGuarded(<p>Items</p>);
    expect(await screen.findByRole("alert")).toHaveTextContent("The service is busy");
    await actor.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("Items")).toBeInTheDocument();
  });
});

describe("RequireSuperuser", () => {
  const adminPage = (
    <RequireSuperuser>
      <p>Users admin</p>
    </RequireSuperuser>
  );

  test("tells a normal user the page is not for them", async () => {
    signIn();
    server.use(http.get(ME, () => HttpResponse.json(testUser(false))));
    renderGuarded(adminPage);
    expect(await screen.findByRole("heading", { name: "Not allowed" })).toBeInTheDocument();
    expect(screen.queryByText("Users admin")).not.toBeInTheDocument();
  });

  test("shows the page to a superuser", async () => {
    signIn();
    server.use(http.get(ME, () => HttpResponse.json(testUser(true))));
    renderGuarded(adminPage);
    expect(await screen.findByText("Users admin")).toBeInTheDocument();
  });
});

describe("RedirectIfSignedIn", () => {
  const renderLogin = (route: string) =>
    renderWithApp(
      <RedirectIfSignedIn>
        <p>Log in form</p>
      </RedirectIfSignedIn>,
      {
        path: "/login",
        route,
        extraRoutes: [
          { path: "/", element: <p>Dashboard</p> },
          { path: "/items", element: <p>Items</p> },
        ],
      },
    );

  test("shows the page to a visitor", () => {
    renderLogin("/login");
    expect(screen.getByText("Log in form")).toBeInTheDocument();
  });

  test("sends a signed-in user to the dashboard", async () => {
    signIn();
    renderLogin("/login");
    expect(await screen.findByText("Dashboard")).toBeInTheDocument();
  });

  test("sends a signed-in user back to the page they were headed to", async () => {
    signIn();
    const { router } = renderLogin("/elsewhere");
    await act(() => router.navigate("/login", { state: { next: "/items" } }));
    expect(await screen.findByText("Items")).toBeInTheDocument();
  });

  test("moves on as soon as the user signs in", async () => {
    renderLogin("/login");
    act(signIn);
    expect(await screen.findByText("Dashboard")).toBeInTheDocument();
  });
});
