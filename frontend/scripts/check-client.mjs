// Fails when the committed API types (src/lib/api/schema.d.ts) no longer match
// the backend's OpenAPI document (backend/openapi.json, itself checked against
// the running API by a backend test). Fix: `make frontend-client`.
import { readFile } from "node:fs/promises";
import openapiTS, { astToString } from "openapi-typescript";
import * as prettier from "prettier";

const SPEC = new URL("../../backend/openapi.json", import.meta.url);
const CLIENT = new URL("../src/lib/api/schema.d.ts", import.meta.url);

const ast = await openapiTS(SPEC);
const generated = await prettier.format(astToString(ast), {
  ...(await prettier.resolveConfig(CLIENT.pathname)),
  filepath: CLIENT.pathname,
});
const committed = await readFile(CLIENT, "utf8");

// The CLI adds a banner comment; compare the declarations only.
const body = (text) => text.slice(text.indexOf("export "));
if (body(generated) !== body(committed)) {
  console.error(
    "src/lib/api/schema.d.ts does not match backend/openapi.json: run `make frontend-client` and commit the result.",
  );
  process.exit(1);
}
console.log("API client types match backend/openapi.json");
