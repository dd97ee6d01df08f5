// The SPA's API types, generated from the backend's OpenAPI document
// (backend/openapi.json, itself checked against the running API by a backend
// test) into src/lib/api/schema.d.ts. One generator for both uses:
//
//   node scripts/api-client.mjs          write the file (npm run generate-client)
//   node scripts/api-client.mjs --check  fail when the committed file differs (npm run check-client)
import { readFile, writeFile } from "node:fs/promises";
import openapiTS, { astToString } from "openapi-typescript";
import * as prettier from "prettier";

const SPEC = new URL("../../backend/openapi.json", import.meta.url);
const CLIENT = new URL("../src/lib/api/schema.d.ts", import.meta.url);

const banner = "// Generated from backend/openapi.json by scripts/api-client.mjs: do not edit.\n\n";
const generated = await prettier.format(banner + astToString(await openapiTS(SPEC)), {
  ...(await prettier.resolveConfig(CLIENT.pathname)),
  filepath: CLIENT.pathname,
});

if (!process.argv.includes("--check")) {
  await writeFile(CLIENT, generated);
  console.log("wrote src/lib/api/schema.d.ts");
} else if (generated !== (await readFile(CLIENT, "utf8"))) {
  console.error(
    "src/lib/api/schema.d.ts does not match backend/openapi.json: run `make frontend-client` and commit the result.",
  );
  process.exit(1);
} else {
  console.log("API client types match backend/openapi.json");
}
