import type { FeatureRoute } from "@/lib/feature-route";
import { featureRoutes, navigationOrder } from "./feature-routes";

const page = async () => ({ default: () => null });
const route = (label: string, order?: number): FeatureRoute => ({
  path: `/${label.toLowerCase()}`,
  label,
  order,
  page,
});

test("every src/features/*/route.ts is found, items first", () => {
  expect(featureRoutes[0]).toMatchObject({ path: "/items", label: "Items" });
  const paths = featureRoutes.map((feature) => feature.path);
  expect(new Set(paths).size, "two features share a path").toBe(paths.length);
  for (const path of paths) expect(path).toMatch(/^\/[a-z0-9-]+$/);
});

test("routes with an order come first, lowest first; the others by label", () => {
  const sorted = [route("Zebras"), route("Tasks", 5), route("Apples"), route("Items", 0)].sort(
    navigationOrder,
  );
  expect(sorted.map((feature) => feature.label)).toEqual(["Items", "Tasks", "Apples", "Zebras"]);
});

test("a route's page is its page component, imported when asked for", async () => {
  const items = featureRoutes.find((feature) => feature.path === "/items");
  const loaded = await items?.page();
  expect(loaded?.default.name).toBe("ItemsPage");
});
