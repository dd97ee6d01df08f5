import { http, HttpResponse } from "msw";
import { screen } from "@testing-library/react";
import { renderWithApp } from "@/test/render";
import { problem } from "@/test/problem";
import { server } from "@/test/server";
import RecoverPasswordPage from "./recover-password-page";

const RECOVERY_PATH = "/api/v1/password-recovery/:email";
const SENT = "If an account exists for that address, we have sent a link to reset its password.";

function renderRecover() {
  return renderWithApp(<RecoverPasswordPage />, {
    path: "/recover-password",
    route: "/recover-password",
  });
}

async function submit(user: ReturnType<typeof renderRecover>["user"], email: string) {
  await user.type(screen.getByLabelText("Email"), email);
  await user.click(screen.getByRole("button", { name: "Send reset link" }));
}

test("has the heading and a link back to log in", () => {
  renderRecover();
  expect(
    screen.getByRole("heading", { level: 1, name: "Recover your password" }),
  ).toBeInTheDocument();
  expect(screen.getByRole("link", { name: "Back to log in" })).toHaveAttribute("href", "/login");
});

test("checks the email before sending anything", async () => {
  let sent = 0;
  server.use(http.post(RECOVERY_PATH, () => void sent++));
  const { user } = renderRecover();
  await user.click(screen.getByRole("button", { name: "Send reset link" }));
  expect(screen.getByText("Email is required.")).toBeInTheDocument();
  await submit(user, "ann@example");
  expect(screen.getByText("Enter a valid email address.")).toBeInTheDocument();
  expect(screen.getByLabelText("Email")).toHaveAttribute("aria-invalid", "true");
  expect(sent).toBe(0);
});

test("sends the email in the path, encoded, and replaces the form with a notice", async () => {
  let url: URL | undefined;
  server.use(
    http.post(RECOVERY_PATH, ({ request }) => {
      url = new URL(request.url);
      return HttpResponse.json({ message: "If that email is registered, a link has been sent" });
    }),
  );
  const { user } = renderRecover();
  await submit(user, " ann+test@example.com ");
  expect(await screen.findByRole("status")).toHaveTextContent(SENT);
  expect(url?.pathname).toBe("/api/v1/password-recovery/ann%2Btest%40example.com");
  expect(screen.queryByLabelText("Email")).not.toBeInTheDocument();
  expect(screen.queryByRole("button", { name: "Send reset link" })).not.toBeInTheDocument();
  expect(screen.getByRole("link", { name: "Back to log in" })).toBeInTheDocument();
});

test("shows the API's detail when rate limited, and keeps the form", async () => {
  const detail = "Too many attempts; try again in 60 seconds";
  server.use(http.post(RECOVERY_PATH, () => problem(429, detail)));
  const { user } = renderRecover();
  await submit(user, "ann@example.com");
  expect(await screen.findByRole("alert")).toHaveTextContent(detail);
  expect(screen.getByLabelText("Email")).toHaveValue("ann@example.com");
});

test("puts the API's email error on the field", async () => {
  server.use(
    http.post(RECOVERY_PATH, () =>
      problem(422, "email: value is not a valid email address", [
        { field: "email", message: "value is not a valid email address" },
      ]),
    ),
  );
  const { user } = renderRecover();
  // The browser's check lets it through; the API has the last word.
  await submit(user, "ann@example.com");
  expect(await screen.findByText("value is not a valid email address")).toBeInTheDocument();
  expect(screen.getByLabelText("Email")).toHaveAttribute("aria-invalid", "true");
});

test("says so when the server cannot be reached", async () => {
  server.use(http.post(RECOVERY_PATH, () => HttpResponse.error()));
  const { user } = renderRecover();
  await submit(user, "ann@example.com");
  expect(await screen.findByRole("alert")).toHaveTextContent(
    "Cannot reach the server. Check your connection and try again.",
  );
});
