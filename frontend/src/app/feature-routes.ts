// The features that bring a page and a navigation link of their own: every
// src/features/<name>/route.ts. Read at build time (Vite's glob import, which
// Vitest has too); each route.ts is a few bytes, its page stays a lazy chunk.
import type { FeatureRoute } from "@/lib/feature-route";

const modules = import.meta.glob<FeatureRoute>("../features/*/route.ts", {
  eager: true,
  import: "route",
});

/** Routes with an order first (lowest first), then the others by label. */
export function navigationOrder(a: FeatureRoute, b: FeatureRoute): number {
  const byOrder = (a.order ?? Infinity) - (b.order ?? Infinity);
  return byOrder || a.label.localeCompare(b.label, "en");
}

export const featureRoutes: readonly FeatureRoute[] = Object.values(modules).sort(navigationOrder);
