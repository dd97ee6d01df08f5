import { http, HttpResponse } from "msw";
import { screen } from "@testing-library/react";
import { sessionStore } from "@/lib/auth/session-store";
import { renderWithApp } from "@/test/render";
import { server } from "@/test/server";
import LoginPage from "./login-page";

const session = { access_token: "at", refresh_token: "rt", token_type: "bearer", expires_in: 1800 };

function renderLogin() {
  return renderWithApp(<LoginPage />, {
    path: "/login",
    route: "/login",
    extraRoutes: [{ path: "/", element: <p>Dashboard</p> }],
  });
}

test("checks the fields before sending anything", async () => {
  const { user } = renderLogin();
  await user.type(screen.getByLabelText("Email"), "not-an-email");
  await user.click(screen.getByRole("button", { name: "Log in" }));
  expect(screen.getByText("Enter a valid email address.")).toBeInTheDocument();
  expect(screen.getByText("Password is required.")).toBeInTheDocument();
  expect(screen.getByLabelText("Email")).toHaveAttribute("aria-invalid", "true");
});

test("shows the API's detail when the credentials are wrong", async () => {
  server.use(
    http.post("/api/v1/login/access-token", () =>
      HttpResponse.json(
        {
          type: "about:blank",
          title: "Bad Request",
          status: 400,
          detail: "Incorrect email or password",
        },
        { status: 400 },
      ),
    ),
  );
  const { user } = renderLogin();
  await user.type(screen.getByLabelText("Email"), "ann@example.com");
  await user.type(screen.getByLabelText("Password"), "wrong-password");
  await user.click(screen.getByRole("button", { name: "Log in" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("Incorrect email or password");
  expect(sessionStore.get()).toBeNull();
});

test("stores the session and goes to the dashboard", async () => {
  let form: URLSearchParams | undefined;
  server.use(
    http.post("/api/v1/login/access-token", async ({ request }) => {
      form = new URLSearchParams(await request.text());
      return HttpResponse.json(session);
    }),
  );
  const { user } = renderLogin();
  await user.type(screen.getByLabelText("Email"), " ann@example.com ");
  await user.type(screen.getByLabelText("Password"), "correct horse");
  await user.click(screen.getByRole("button", { name: "Log in" }));
  expect(await screen.findByText("Dashboard")).toBeInTheDocument();
  expect(form?.get("username")).toBe("ann@example.com");
  expect(sessionStore.get()).toEqual({ accessToken: "at", refreshToken: "rt" });
});

test("tells the user when their session ended", async () => {
  sessionStore.set({ accessToken: "a", refreshToken: "r" });
  sessionStore.clear("expired");
  renderLogin();
  expect(screen.getByRole("status")).toHaveTextContent(
    "Your session has ended. Please log in again.",
  );
});
