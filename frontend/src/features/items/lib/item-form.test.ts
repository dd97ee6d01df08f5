// The item form's rules are the API's, declared once in the backend: they
// reach the form through backend/openapi.json and the generated schemas, with
// no hand edit. Here a copy of the document with another title limit goes
// through the real generator, and the form follows it.
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as z from "zod/mini";
import { itemForm, toItemBody, toItemChanges } from "./item-form";

const FRONTEND = join(dirname(fileURLToPath(import.meta.url)), "../../../..");

/** The message the item form gives `values`' title, or null when it passes. */
function titleError(form: typeof itemForm, title: string): string | null {
  const issues = z.safeParse(form, { title, description: "" }).error?.issues ?? [];
  return issues.find((issue) => issue.path[0] === "title")?.message ?? null;
}

test("takes the title's limit from the API (255 characters)", () => {
  expect(titleError(itemForm, "t".repeat(255))).toBeNull();
  expect(titleError(itemForm, "t".repeat(256))).toBe("Title must be at most 255 characters.");
});

test("follows a changed backend/openapi.json after regenerating, with no hand edit", async () => {
  const scratch = join(FRONTEND, "node_modules/.tmp");
  await mkdir(scratch, { recursive: true });
  const folder = await mkdtemp(join(scratch, "single-source-"));
  try {
    const document = JSON.parse(await readFile(join(FRONTEND, "../backend/openapi.json"), "utf8"));
    document.components.schemas.ItemCreate.properties.title.maxLength = 100;
    const spec = join(folder, "openapi.json");
    await writeFile(spec, JSON.stringify(document));
    const generated = join(folder, "generated");
    execFileSync("node", ["scripts/api-client.mjs", "--spec", spec, "--out", generated], {
      cwd: FRONTEND,
    });

    vi.resetModules();
    vi.doMock("@/lib/api/schemas", () => import(/* @vite-ignore */ join(generated, "zod.gen.ts")));
    const regenerated = await import("./item-form");

    expect(titleError(regenerated.itemForm, "t".repeat(100))).toBeNull();
    expect(titleError(regenerated.itemForm, "t".repeat(101))).toBe(
      "Title must be at most 100 characters.",
    );
  } finally {
    vi.doUnmock("@/lib/api/schemas");
    await rm(folder, { recursive: true, force: true });
  }
}, 30_000);

test("sends no description as null, and clears one with an empty text", () => {
  const item = {
    id: "00000000-0000-4000-8000-000000000001",
    owner_id: "00000000-0000-4000-8000-000000000002",
    title: "Milk",
    description: "Two litres",
    created_at: "2025-01-31T09:30:00.000Z",
  };
  expect(toItemBody({ title: "Milk", description: "" })).toEqual({
    title: "Milk",
    description: null,
  });
  expect(toItemChanges({ title: "Milk", description: "" }, item)).toEqual({
    title: "Milk",
    description: "",
  });
  expect(toItemChanges({ title: "Milk", description: "" }, { ...item, description: null })).toEqual(
    { title: "Milk", description: null },
  );
});
