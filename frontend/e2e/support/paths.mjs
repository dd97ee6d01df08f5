// Where things are, from frontend/e2e/support/.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const FRONTEND = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const REPO = path.resolve(FRONTEND, "..");
export const BACKEND = path.join(REPO, "backend");
export const E2E = path.join(FRONTEND, "e2e");
export const ARTIFACTS = path.join(E2E, "artifacts");
