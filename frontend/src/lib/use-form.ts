// A form's state: its values, the messages of the browser-side checks, and
// the props that bind a field to both. Server-side messages (serverErrors)
// are passed per field; the browser's own check wins when both exist.
import { useState, type ChangeEvent } from "react";

type Values = Record<string, string | boolean>;
type KeysOf<V, T> = { [K in keyof V]: V[K] extends T ? K : never }[keyof V] & string;
export type FieldErrors<V> = Partial<Record<keyof V & string, string>>;

export function useForm<V extends Values>(initial: V | (() => V)) {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<FieldErrors<V>>({});

  const set = (name: keyof V, value: V[keyof V]) =>
    setValues((current) => ({ ...current, [name]: value }));

  /** value, onChange and error for a TextField or TextAreaField. */
  const text = (name: KeysOf<V, string>, serverError?: string) => ({
    value: values[name] as string,
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      set(name, event.target.value as V[keyof V]),
    error: errors[name] ?? serverError,
  });

  /** checked and onChange for a CheckboxField. */
  const checkbox = (name: KeysOf<V, boolean>) => ({
    checked: values[name] as boolean,
    onChange: (event: ChangeEvent<HTMLInputElement>) =>
      set(name, event.target.checked as V[keyof V]),
  });

  /** Shows the checks' messages next to their fields; true when there are none. */
  const passes = (found: FieldErrors<V>) => {
    setErrors(found);
    return Object.keys(found).length === 0;
  };

  return { values, setValues, text, checkbox, passes };
}
