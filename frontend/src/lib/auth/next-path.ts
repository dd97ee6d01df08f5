import type { Location } from "react-router";

/** Where a signed-in user goes next: the page RequireAuth sent them away from, or home. */
export function nextPath(location: Location): string {
  return (location.state as { next?: string } | null)?.next ?? "/";
}
