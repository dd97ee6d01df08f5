// Screenshots of every page, in the light and the dark theme, at a phone's
// and a desktop's width, against the same native stack as the e2e suite
// (support/stack.mjs):
//
//   node e2e/screenshots.mjs        (E2E_SKIP_BUILD=1: use the existing dist/)
//
// Writes e2e/artifacts/screenshots/<page>-<theme>-<phone|desktop>.png (full
// page; the viewport for the dialog). The superuser signs in, with a few items and users made first so the
// tables are not empty. Console errors are reported (and make the exit status 1).

import fs from "node:fs";
import path from "node:path";
import { disposeApi, accessToken, createItem, createUser } from "./support/api.mjs";
import { closeBrowser, DESKTOP, newContext, PHONE, watchConsole } from "./support/browser.mjs";
import { exportStack, stack as running } from "./support/env.mjs";
import { ARTIFACTS } from "./support/paths.mjs";
import { startStack } from "./support/stack.mjs";
import { button, dialog, expectHeading, expectVisible, login } from "./support/ui.mjs";

const OUT = path.join(ARTIFACTS, "screenshots");
const THEMES = ["light", "dark"];
const SIZES = { phone: PHONE, desktop: DESKTOP };

const SIGNED_OUT = [
  { name: "login", path: "/login", heading: "Log in" },
  { name: "signup", path: "/signup", heading: "Create an account" },
  { name: "recover-password", path: "/recover-password", heading: "Recover your password" },
  {
    name: "reset-password",
    path: "/reset-password?token=screenshot",
    heading: "Set a new password",
  },
];

const SIGNED_IN = [
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
      await expectVisible(dialog(page, "Add item"), 'the dialog "Add item"');
    },
  },
  { name: "settings", path: "/settings", heading: "Settings" },
  { name: "admin", path: "/admin", heading: "Users" },
];

async function seed() {
  const token = await accessToken(running.superuser);
  const items = [
    ["Buy groceries", "Milk, eggs, bread and coffee"],
    ["Renew passport", "The appointment is on the 12th"],
    ["Plan the team offsite", null],
    ["Write the quarterly report", "Numbers from finance first"],
    ["Fix the bike", "Rear brake pads"],
  ];
  for (const [title, description] of items) await createItem(token, { title, description });
  for (const [tag, fullName] of [
    ["alice", "Alice Martin"],
    ["bob", "Bob Chen"],
    ["carol", "Carol Diaz"],
  ]) {
    await createUser({ tag, fullName });
  }
}

async function shoot(page, shot, file) {
  await page.goto(shot.path);
  await expectHeading(page, shot.heading);
  await page.waitForLoadState("networkidle");
  if (shot.then) await shot.then(page);
  await page.screenshot({ path: file, fullPage: shot.fullPage ?? true, animations: "disabled" });
}

async function main() {
  const stack = await startStack();
  let failed = false;
  const problems = [];
  try {
    exportStack(stack);
    await seed();
    fs.rmSync(OUT, { recursive: true, force: true });
    fs.mkdirSync(OUT, { recursive: true });

    for (const theme of THEMES) {
      for (const [size, viewport] of Object.entries(SIZES)) {
        const context = await newContext({ viewport, colorScheme: theme });
        // The app's stored choice wins over the system's (src/lib/theme.ts).
        await context.addInitScript((value) => {
          // Also runs in about:blank, which has no storage.
          if (globalThis.location.protocol === "https:") {
            globalThis.localStorage.setItem("app.theme", value);
          }
        }, theme);
        const browserConsole = watchConsole(context);
        const page = await context.newPage();
        const save = async (shot) => {
          const file = path.join(OUT, `${shot.name}-${theme}-${size}.png`);
          await shoot(page, shot, file);
          console.log(`  ${path.relative(process.cwd(), file)}`);
        };
        for (const shot of SIGNED_OUT) await save(shot);
        await login(page, running.superuser);
        for (const shot of SIGNED_IN) {
          const heading = shot.heading.replace("{name}", running.superuser.email);
          await save({ ...shot, heading });
        }
        problems.push(...browserConsole.errors.map((line) => `${theme}/${size}: ${line}`));
        await context.close();
      }
    }
  } catch (error) {
    failed = true;
    console.error(error);
  } finally {
    await closeBrowser().catch(() => {});
    await disposeApi().catch(() => {});
    await stack.stop({ failed });
  }
  if (problems.length) {
    console.error(`browser console errors:\n  ${problems.join("\n  ")}`);
  }
  console.log(
    failed ? "screenshots: failed" : `screenshots in ${path.relative(process.cwd(), OUT)}/`,
  );
  process.exit(failed || problems.length ? 1 : 0);
}

await main();
