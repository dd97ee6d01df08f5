import { http, HttpResponse } from "msw";
import { screen } from "@testing-library/react";
import { sessionStore } from "@/lib/auth/session-store";
import { renderWithApp } from "@/test/render";
import { problem } from "@/test/problem";
import { server } from "@/test/server";
import RevertEmailPage from "./revert-email-page";

const REVERT_PATH = "/api/v1/revert-email-change";

function renderRevert(route = "/revert-email?token=ert_abc") {
  return renderWithApp(<RevertEmailPage />, {
    path: "/revert-email",
    route,
    extraRoutes: [{ path: "/login", element: <p>Login page</p> }],
  });
}

async function fillIn(
  user: ReturnType<typeof renderRevert>["user"],
  password = "new password",
  confirm = password,
) {
  await user.type(screen.getByLabelText("New password"), password);
  await user.type(screen.getByLabelText("Confirm password"), confirm);
  await user.click(screen.getByRole("button", { name: "Restore my email" }));
}

test("without a token, says the link is broken", () => {
  renderRevert("/revert-email");
  expect(
    screen.getByRole("heading", { level: 1, name: "Undo the email change" }),
  ).toBeInTheDocument();
  expect(screen.getByRole("alert")).toHaveTextContent("This link is invalid or incomplete.");
  expect(screen.queryByLabelText("New password")).not.toBeInTheDocument();
});

test("checks the passwords before sending anything", async () => {
  let sent = 0;
  server.use(http.post(REVERT_PATH, () => void sent++));
  const { user } = renderRevert();
  await fillIn(user, "short", "other");
  expect(screen.getByText("Password must be at least 8 characters.")).toBeInTheDocument();
  expect(screen.getByText("The passwords do not match.")).toBeInTheDocument();
  expect(sent).toBe(0);
});

test("shows the API's detail when the link is used or expired", async () => {
  const detail = "Invalid or expired email change link";
  server.use(http.post(REVERT_PATH, () => problem(400, detail)));
  const { user } = renderRevert();
  await fillIn(user);
  expect(await screen.findByRole("alert")).toHaveTextContent(detail);
});

test("restores the email with the token, ends this browser's session, then goes to log in", async () => {
  let body: unknown;
  sessionStore.set({ accessToken: "at", refreshToken: "rt" });
  server.use(
    http.post(REVERT_PATH, async ({ request }) => {
      body = await request.json();
      return HttpResponse.json({ message: "Email restored" });
    }),
    http.post("/api/v1/logout", () => problem(401, "Invalid refresh token")),
  );
  const { user } = renderRevert("/revert-email?token=ert_abc%2Bdef");
  await fillIn(user);
  expect(await screen.findByText("Login page")).toBeInTheDocument();
  expect(body).toEqual({ token: "ert_abc+def", new_password: "new password" });
  expect(sessionStore.get()).toBeNull();
  expect(screen.getByRole("status")).toHaveTextContent("Your email is back");
});
