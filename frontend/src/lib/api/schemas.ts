// The API's input rules as zod schemas (zItemCreate, zUserRegister, ...),
// generated from backend/openapi.json. Only forms import them: they stay out
// of the first download.
export * from "./generated/zod.gen";
