import { http, HttpResponse } from "msw";
import { screen } from "@testing-library/react";
import { RedirectIfSignedIn } from "@/lib/auth/guards";
import { sessionStore } from "@/lib/auth/session-store";
import { renderWithApp } from "@/test/render";
import { problem } from "@/test/problem";
import { server } from "@/test/server";
import SignupPage from "./signup-page";

const session = { access_token: "at", refresh_token: "rt", token_type: "bearer", expires_in: 1800 };
const created = {
  id: "0b6c1f4e-8d4c-4a4e-9d55-2f1b8f0b7a10",
  email: "ann@example.com",
  full_name: null,
  is_active: true,
  is_superuser: false,
  created_at: "2025-01-01T00:00:00Z",
};

function renderSignup() {
  // Inside the guard, as in the app: starting the session redirects on its own.
  const page = (
    <RedirectIfSignedIn>
      <SignupPage />
    </RedirectIfSignedIn>
  );
  return renderWithApp(page, {
    path: "/signup",
    route: "/signup",
    extraRoutes: [
      { path: "/", element: <p>Dashboard</p> },
      { path: "/login", element: <p>Login page</p> },
    ],
  });
}

type Entries = { email?: string; password?: string; confirm?: string };

async function fillIn(
  user: ReturnType<typeof renderSignup>["user"],
  { email = "ann@example.com", password = "correct horse", confirm = password }: Entries = {},
) {
  await user.type(screen.getByLabelText("Email"), email);
  await user.type(screen.getByLabelText("Password"), password);
  await user.type(screen.getByLabelText("Confirm password"), confirm);
  await user.click(screen.getByRole("button", { name: "Sign up" }));
}

test("has the fields, the button and a link back to log in", () => {
  renderSignup();
  expect(screen.getByRole("heading", { level: 1, name: "Create an account" })).toBeInTheDocument();
  expect(screen.getByLabelText("Full name")).toBeInTheDocument();
  expect(screen.getByText(/Already have an account\?/)).toBeInTheDocument();
  expect(screen.getByRole("link", { name: "Log in" })).toHaveAttribute("href", "/login");
});

test("checks the fields with the API's rules before sending anything", async () => {
  let sent = 0;
  server.use(http.post("/api/v1/users/signup", () => void sent++));
  const { user } = renderSignup();
  await user.click(screen.getByRole("button", { name: "Sign up" }));
  expect(screen.getByText("Email is required.")).toBeInTheDocument();
  expect(screen.getByText("Password is required.")).toBeInTheDocument();
  expect(screen.getByText("Confirm password is required.")).toBeInTheDocument();

  await user.click(screen.getByLabelText("Full name"));
  await user.paste("x".repeat(256));
  await fillIn(user, { email: "ann@", password: "short", confirm: "shorter" });
  expect(screen.getByText("Full name must be at most 255 characters.")).toBeInTheDocument();
  expect(screen.getByText("Enter a valid email address.")).toBeInTheDocument();
  expect(screen.getByText("Password must be at least 8 characters.")).toBeInTheDocument();
  expect(screen.getByText("The passwords do not match.")).toBeInTheDocument();
  expect(screen.getByLabelText("Confirm password")).toHaveAttribute("aria-invalid", "true");
  expect(sent).toBe(0);
});

test("shows the API's detail when the email is taken", async () => {
  const detail = "The user with this email already exists in the system";
  server.use(http.post("/api/v1/users/signup", () => problem(400, detail)));
  const { user } = renderSignup();
  await fillIn(user);
  expect(await screen.findByRole("alert")).toHaveTextContent(detail);
  expect(sessionStore.get()).toBeNull();
});

test("shows the API's rate limit detail", async () => {
  const detail = "Too many attempts; try again in 60 seconds";
  server.use(http.post("/api/v1/users/signup", () => problem(429, detail)));
  const { user } = renderSignup();
  await fillIn(user);
  expect(await screen.findByRole("alert")).toHaveTextContent(detail);
});

test("puts the API's field errors next to their fields", async () => {
  server.use(
    http.post("/api/v1/users/signup", () =>
      problem(422, "email: value is not a valid email address", [
        { field: "email", message: "value is not a valid email address" },
      ]),
    ),
  );
  const { user } = renderSignup();
  // The browser's check lets it through; the API has the last word.
  await fillIn(user, { email: "ann@example.com" });
  expect(await screen.findByText("value is not a valid email address")).toBeInTheDocument();
  expect(screen.getByLabelText("Email")).toHaveAttribute("aria-invalid", "true");
  // Shown once, by the field: no form alert repeats it.
  expect(screen.queryByRole("alert")).not.toBeInTheDocument();
});

test("creates the account, logs in and goes to the dashboard", async () => {
  let body: unknown;
  let form: URLSearchParams | undefined;
  server.use(
    http.post("/api/v1/users/signup", async ({ request }) => {
      body = await request.json();
      return HttpResponse.json(created, { status: 201 });
    }),
    http.post("/api/v1/login/access-token", async ({ request }) => {
      form = new URLSearchParams(await request.text());
      return HttpResponse.json(session);
    }),
  );
  const { user } = renderSignup();
  await user.type(screen.getByLabelText("Full name"), " Ann Lee ");
  await fillIn(user, { email: " ann@example.com " });
  expect(await screen.findByText("Dashboard")).toBeInTheDocument();
  expect(body).toEqual({
    email: "ann@example.com",
    password: "correct horse",
    full_name: "Ann Lee",
  });
  expect(form?.get("username")).toBe("ann@example.com");
  expect(form?.get("password")).toBe("correct horse");
  expect(sessionStore.get()).toEqual({ accessToken: "at", refreshToken: "rt" });
  expect(screen.getByRole("status")).toHaveTextContent("Welcome! Your account is ready.");
});

test("sends the user to log in when the account exists but the login failed", async () => {
  let body: unknown;
  server.use(
    http.post("/api/v1/users/signup", async ({ request }) => {
      body = await request.json();
      return HttpResponse.json(created, { status: 201 });
    }),
    http.post("/api/v1/login/access-token", () => problem(429, "Too many attempts")),
  );
  const { user } = renderSignup();
  await fillIn(user);
  expect(await screen.findByText("Login page")).toBeInTheDocument();
  expect(screen.getByRole("status")).toHaveTextContent(
    "Your account is ready. Log in to continue.",
  );
  expect(sessionStore.get()).toBeNull();
  // No full name given: sent as null, not as an empty name.
  expect(body).toMatchObject({ full_name: null });
});
