import type { FeatureRoute } from "@/lib/feature-route";

export const route: FeatureRoute = {
  path: "/items",
  label: "Items",
  order: 0,
  page: () => import("./components/items-page"),
};
