// The JavaScript a first visit downloads before the page can render: the entry
// script of dist/index.html and the modules it preloads, gzipped. Lazy pages
// are not counted (they load when their route opens). Fails above the budget.
import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";

const BUDGET_KB = Number(process.env.BUNDLE_BUDGET_KB ?? 150);
const dist = new URL("../dist/", import.meta.url);

const html = await readFile(new URL("index.html", dist), "utf8");
const files = [
  ...html.matchAll(/<script[^>]+type="module"[^>]+src="\/([^"]+\.js)"/g),
  ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g),
].map((match) => match[1]);
if (files.length === 0)
  throw new Error("no entry script found in dist/index.html: run `npm run build`");

let total = 0;
for (const file of new Set(files)) {
  const size = gzipSync(await readFile(new URL(file, dist)), { level: 9 }).length;
  total += size;
  console.log(`${(size / 1024).toFixed(1).padStart(7)} KB  ${file}`);
}
const totalKb = total / 1024;
console.log(`initial JavaScript, gzipped: ${totalKb.toFixed(1)} KB (budget ${BUDGET_KB} KB)`);
if (totalKb > BUDGET_KB) {
  console.error(`over budget by ${(totalKb - BUDGET_KB).toFixed(1)} KB`);
  process.exit(1);
}
