// Screenshots of every page, in the light and the dark theme, at a phone's
// and a desktop's width, against the same stack as the e2e suite, with the
// same fixtures (a console error fails it too). Run by
// `make screenshots` (npx playwright test --config e2e/screenshots.config.ts).
//
// Writes e2e/artifacts/screenshots/<page>-<theme>-<phone|desktop>.png (full
// page; the viewport for the dialog). The superuser signs in, with a few
// items and users made first so the tables are not empty.

import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import type { Api } from "./fixtures/api";
import { expect, test } from "./fixtures/test";
import { button, dialog, heading, login } from "./fixtures/ui";
import { DESKTOP, PHONE } from "./fixtures/viewports";
import { ARTIFACTS } from "./stack/paths";

const OUT = path.join(ARTIFACTS, "screenshots");
const THEMES = ["light", "dark"] as const;
const SIZES = { phone: PHONE, desktop: DESKTOP };

interface Shot {
  name: string;
  path: string;
  heading: string;
  /** Full page unless false. */
  fullPage?: boolean;
  then?: (page: Page) => Promise<void>;
}

const SIGNED_OUT: Shot[] = [
  { name: "login", path: "/login", heading: "Log in" },
  { name: "signup", path: "/signup", heading: "Create an account" },
  { name: "recover-password", path: "/recover-password", heading: "Recover your password" },
  {
    name: "reset-password",
    path: "/reset-password?token=screenshot",
    heading: "Set a new password",
  },
];

const SIGNED_IN: Shot[] = [
  { name: "dashboard", path: "/", heading: "Hi, {name}" },
  { name: "items", path: "/items", heading: "Items" },
  {
    name: "items-add-dialog",
    path: "/items",
    heading: "Items",
    // The viewport only: a dialog is fixed to it, the page behind is dimmed.
    fullPage: false,
    then: async (page) => {
      await button(page, "Add item").click();
      await expect(dialog(page, "Add item")).toBeVisible();
    },
  },
  { name: "settings", path: "/settings", heading: "Settings" },
  { name: "admin", path: "/admin", heading: "Users" },
];

async function seed(api: Api) {
  const token = await api.superuserToken();
  const items: [string, string | null][] = [
    ["Buy groceries", "Milk, eggs, bread and coffee"],
    ["Renew passport", "The appointment is on the 12th"],
    ["Plan the team offsite", null],
    ["Write the quarterly report", "Numbers from finance first"],
    ["Fix the bike", "Rear brake pads"],
  ];
  for (const [title, description] of items) await api.createItem(token, { title, description });
  for (const [tag, fullName] of [
    ["alice", "Alice Martin"],
    ["bob", "Bob Chen"],
    ["carol", "Carol Diaz"],
  ] as const) {
    await api.createUser({ tag, fullName });
  }
}

async function shoot(page: Page, shot: Shot, file: string) {
  await page.goto(shot.path);
  await expect(heading(page, shot.heading)).toBeVisible();
  await page.waitForLoadState("networkidle");
  if (shot.then) await shot.then(page);
  await page.screenshot({ path: file, fullPage: shot.fullPage ?? true, animations: "disabled" });
}

test.beforeAll(async ({ api }) => {
  await seed(api);
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
});

for (const theme of THEMES) {
  for (const [size, viewport] of Object.entries(SIZES)) {
    test.describe(() => {
      test.use({ viewport, colorScheme: theme });

      test(`screenshots: ${theme}, ${size}`, async ({ page, context, stack }) => {
        // The app's stored choice wins over the system's (src/lib/theme.ts).
        await context.addInitScript((value) => {
          // Also runs in about:blank, which has no storage.
          if (globalThis.location.protocol === "https:") {
            globalThis.localStorage.setItem("app.theme", value);
          }
        }, theme);
        const save = async (shot: Shot) => {
          const file = path.join(OUT, `${shot.name}-${theme}-${size}.png`);
          await shoot(page, shot, file);
          console.log(`  ${path.relative(process.cwd(), file)}`);
        };
        for (const shot of SIGNED_OUT) await save(shot);
        await login(page, stack.superuser);
        for (const shot of SIGNED_IN) {
          await save({ ...shot, heading: shot.heading.replace("{name}", stack.superuser.email) });
        }
      });
    });
  }
}
