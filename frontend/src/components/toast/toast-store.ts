// Short notices ("Item created") shown in a corner for a few seconds. A module
// store, so any code (a mutation's onSuccess, the API client) can raise one.
export type Toast = { id: number; kind: "success" | "error" | "info"; message: string };

const DISMISS_AFTER_MS = 5_000;
const listeners = new Set<() => void>();
let toasts: Toast[] = [];
let nextId = 1;

function emit() {
  for (const listener of listeners) listener();
}

function show(kind: Toast["kind"], message: string) {
  const id = nextId++;
  toasts = [...toasts, { id, kind, message }];
  emit();
  setTimeout(() => dismissToast(id), DISMISS_AFTER_MS);
}

export function dismissToast(id: number) {
  toasts = toasts.filter((toast) => toast.id !== id);
  emit();
}

/** Removes every toast (tests start each case with none). */
export function clearToasts() {
  toasts = [];
  emit();
}

export const toast = {
  success: (message: string) => show("success", message),
  error: (message: string) => show("error", message),
  info: (message: string) => show("info", message),
};

export const toastStore = {
  get: () => toasts,
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
