import type { ComponentType } from "react";

/**
 * What a feature with a page of its own in the main navigation tells the app
 * (`src/features/<name>/route.ts`, exported as `route`). The router and the
 * navigation find every such file by themselves (src/app/feature-routes.ts),
 * so adding a feature edits neither, and removing one is deleting its folder.
 */
export type FeatureRoute = {
  /** The page's path: "/items". */
  path: string;
  /** Its link in the main navigation: "Items". */
  label: string;
  /**
   * Where the link stands: routes with an order come first, lowest first;
   * then the others by label.
   */
  order?: number;
  /** The page, downloaded when the route is first opened. */
  page: () => Promise<{ default: ComponentType }>;
};
