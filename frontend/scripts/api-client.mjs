// The SPA's API client, generated from the backend's OpenAPI document
// (backend/openapi.json, itself checked against the running API by a backend
// test) by @hey-api/openapi-ts into src/lib/api/generated/: the types, one SDK
// function per operation, TanStack Query options and keys, and the zod schemas
// that carry the API's input rules (lengths, formats) to the forms.
//
//   node scripts/api-client.mjs          write the files (npm run generate-client)
//   node scripts/api-client.mjs --check  fail when the committed files differ (npm run check-client)
//   node scripts/api-client.mjs --spec <openapi.json> --out <folder>
//                                        generate from another document elsewhere (a unit test does)
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createClient } from "@hey-api/openapi-ts";
import * as prettier from "prettier";

const FRONTEND = fileURLToPath(new URL("..", import.meta.url));
const SPEC = join(FRONTEND, "../backend/openapi.json");
const GENERATED = join(FRONTEND, "src/lib/api/generated");

const HEADER = [
  "// Generated from backend/openapi.json by scripts/api-client.mjs (@hey-api/openapi-ts):",
  "// do not edit; run `make frontend-client` (or `make openapi`) instead.",
];

/** Writes the client for the document `spec` into `out` (emptied first). */
async function generate(spec, out) {
  await createClient({
    input: spec,
    output: { path: out, header: HEADER },
    logs: { level: "silent" },
    plugins: [
      // fetch, not axios: nothing more to download.
      "@hey-api/client-fetch",
      "@hey-api/typescript",
      "@hey-api/sdk",
      "@tanstack/react-query",
      // Zod Mini: the same checks as Zod's classic API, in a fraction of the bytes.
      { name: "zod", compatibilityVersion: "mini" },
    ],
  });
  // In the project's style, so a diff of the generated files reads like any other.
  const config = await prettier.resolveConfig(join(FRONTEND, "src/main.tsx"));
  for (const file of await filesIn(out)) {
    const path = join(out, file);
    const source = escapePatterns(await readFile(path, "utf8"));
    await writeFile(path, await prettier.format(source, { ...config, filepath: path }));
  }
}

/**
 * The generator decodes the `\uXXXX` escapes of the API's patterns when it
 * writes them as regex literals (`^[^\u0000]*$` becomes a raw NUL, and a
 * line break ends the literal). Inside each `z.regex(/.../)`, every character
 * outside printable ASCII is written back as its escape, which means the same.
 */
function escapePatterns(source) {
  return source.replace(/z\.regex\(\/((?:\\.|[^\\/])*)\//gs, (_, body) => {
    const escaped = body.replace(
      /[^\x20-\x7e]/g,
      (char) => `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`,
    );
    return `z.regex(/${escaped}/`;
  });
}

/** Every file under `folder`, as paths relative to it, sorted. */
async function filesIn(folder) {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)))
    .sort();
}

/** The files of `generated` that differ from, or are missing in, `committed`. */
async function differences(generated, committed) {
  const committedFiles = await filesIn(committed).catch(() => []);
  const generatedFiles = await filesIn(generated);
  const stale = committedFiles.filter((file) => !generatedFiles.includes(file));
  for (const file of generatedFiles) {
    const fresh = await readFile(join(generated, file), "utf8");
    const kept = await readFile(join(committed, file), "utf8").catch(() => null);
    if (fresh !== kept) stale.push(file);
  }
  return stale;
}

const { values: args } = parseArgs({
  options: { check: { type: "boolean" }, spec: { type: "string" }, out: { type: "string" } },
});

if (args.spec || args.out) {
  await generate(args.spec ?? SPEC, args.out ?? GENERATED);
} else if (!args.check) {
  await generate(SPEC, GENERATED);
  console.log("wrote src/lib/api/generated/ from backend/openapi.json");
} else {
  const scratch = await mkdtemp(join(tmpdir(), "api-client-"));
  try {
    await generate(SPEC, scratch);
    const stale = await differences(scratch, GENERATED);
    if (stale.length) {
      console.error(
        `src/lib/api/generated/ does not match backend/openapi.json (${stale.join(", ")}):` +
          " run `make frontend-client` and commit the result.",
      );
      process.exitCode = 1;
    } else {
      console.log("API client matches backend/openapi.json");
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
