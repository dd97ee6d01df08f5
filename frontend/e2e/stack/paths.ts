// Where things are, from frontend/e2e/stack/.
import path from "node:path";

export const FRONTEND = path.resolve(import.meta.dirname, "..", "..");
export const REPO = path.resolve(FRONTEND, "..");
export const BACKEND = path.join(REPO, "backend");
export const E2E = path.join(FRONTEND, "e2e");
/** Everything a run leaves for people to read (git-ignored). */
export const ARTIFACTS = path.join(E2E, "artifacts");
/** The process logs and received mail of the last run. */
export const LOGS = path.join(ARTIFACTS, "logs");
