import { http, HttpResponse } from "msw";
import { screen } from "@testing-library/react";
import { sessionStore } from "@/lib/auth/session-store";
import { renderWithApp } from "@/test/render";
import { problem } from "@/test/problem";
import { server } from "@/test/server";
import ResetPasswordPage from "./reset-password-page";

const RESET_PATH = "/api/v1/reset-password";

function renderReset(route = "/reset-password?token=abc.def") {
  return renderWithApp(<ResetPasswordPage />, {
    path: "/reset-password",
    route,
    extraRoutes: [{ path: "/login", element: <p>Login page</p> }],
  });
}

async function fillIn(
  user: ReturnType<typeof renderReset>["user"],
  password = "new password",
  confirm = password,
) {
  await user.type(screen.getByLabelText("New password"), password);
  await user.type(screen.getByLabelText("Confirm password"), confirm);
  await user.click(screen.getByRole("button", { name: "Reset password" }));
}

test("without a token, says the link is broken and offers a new one", () => {
  renderReset("/reset-password");
  expect(screen.getByRole("heading", { level: 1, name: "Set a new password" })).toBeInTheDocument();
  expect(screen.getByRole("alert")).toHaveTextContent("This reset link is invalid or incomplete.");
  expect(screen.getByRole("link", { name: "Request a new link" })).toHaveAttribute(
    "href",
    "/recover-password",
  );
  expect(screen.queryByLabelText("New password")).not.toBeInTheDocument();
});

test("checks the passwords before sending anything", async () => {
  let sent = 0;
  server.use(http.post(RESET_PATH, () => void sent++));
  const { user } = renderReset();
  await user.click(screen.getByRole("button", { name: "Reset password" }));
  expect(screen.getByText("Password is required.")).toBeInTheDocument();
  await fillIn(user, "short", "other");
  expect(screen.getByText("Password must be at least 8 characters.")).toBeInTheDocument();
  expect(screen.getByText("The passwords do not match.")).toBeInTheDocument();
  expect(sent).toBe(0);
});

test("shows the API's detail when the token is invalid or expired", async () => {
  const detail = "Invalid token";
  server.use(http.post(RESET_PATH, () => problem(400, detail)));
  const { user } = renderReset();
  await fillIn(user);
  expect(await screen.findByRole("alert")).toHaveTextContent(detail);
  expect(screen.getByRole("link", { name: "Request a new link" })).toBeInTheDocument();
});

test("puts the API's password error on the field", async () => {
  server.use(
    http.post(RESET_PATH, () =>
      problem(422, "new_password: must be at least 8 characters", [
        { field: "new_password", message: "must be at least 8 characters" },
      ]),
    ),
  );
  const { user } = renderReset();
  await fillIn(user);
  expect(await screen.findByText("must be at least 8 characters")).toBeInTheDocument();
  expect(screen.getByLabelText("New password")).toHaveAttribute("aria-invalid", "true");
  expect(screen.queryByRole("alert")).not.toBeInTheDocument();
});

test("sets the password with the token, then goes to log in", async () => {
  let body: unknown;
  server.use(
    http.post(RESET_PATH, async ({ request }) => {
      body = await request.json();
      return HttpResponse.json({ message: "Password updated successfully" });
    }),
  );
  const { user } = renderReset("/reset-password?token=abc%2Bdef");
  await fillIn(user);
  expect(await screen.findByText("Login page")).toBeInTheDocument();
  expect(body).toEqual({ token: "abc+def", new_password: "new password" });
  expect(screen.getByRole("status")).toHaveTextContent(
    "Your password has been reset. Log in with the new one.",
  );
});

test("forgets a session kept in this browser: the API has ended it", async () => {
  let loggedOut: unknown;
  sessionStore.set({ accessToken: "at", refreshToken: "rt" });
  server.use(
    http.post(RESET_PATH, () => HttpResponse.json({ message: "Password updated successfully" })),
    http.post("/api/v1/logout", async ({ request }) => {
      loggedOut = await request.json();
      return problem(401, "Invalid refresh token");
    }),
  );
  const { user } = renderReset();
  await fillIn(user);
  expect(await screen.findByText("Login page")).toBeInTheDocument();
  expect(loggedOut).toEqual({ refresh_token: "rt" });
  expect(sessionStore.get()).toBeNull();
});
