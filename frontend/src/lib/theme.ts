// Light and dark themes: the user's choice, or the system's when they have
// not chosen. The choice is an attribute on <html> that the CSS keys off.
import { useSyncExternalStore } from "react";

export type ThemeChoice = "light" | "dark" | "system";
const KEY = "app.theme";
const listeners = new Set<() => void>();
const systemDark = () => window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;

function choice(): ThemeChoice {
  const stored = localStorage.getItem(KEY);
  return stored === "light" || stored === "dark" ? stored : "system";
}

function apply() {
  const selected = choice();
  const resolved = selected === "system" ? (systemDark() ? "dark" : "light") : selected;
  document.documentElement.dataset.theme = resolved;
  for (const listener of listeners) listener();
}

export function setTheme(next: ThemeChoice) {
  if (next === "system") localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, next);
  apply();
}

/** Applies the stored choice and follows system changes; call once at start-up. */
export function initTheme() {
  apply();
  window.matchMedia?.("(prefers-color-scheme: dark)").addEventListener?.("change", apply);
}

// Module-level, so React does not resubscribe on every render.
function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useTheme(): ThemeChoice {
  return useSyncExternalStore(subscribe, choice, () => "system");
}
