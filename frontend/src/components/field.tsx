import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import type { Choice } from "@/lib/use-choices";

type Common = { label: string; error?: string; hint?: string };

/** What ties a control to its label and messages. */
type ControlProps = { id: string; "aria-invalid"?: true; "aria-describedby"?: string };

/**
 * A labelled control with its hint, or its error message, tied to it for
 * screen readers (`aria-describedby`).
 */
function Field({
  label,
  error,
  hint,
  id,
  control,
}: Common & { id?: string; control: (props: ControlProps) => ReactNode }) {
  const fallbackId = useId();
  const controlId = id ?? fallbackId;
  const shownHint = hint && !error;
  const described = [error && `${controlId}-error`, shownHint && `${controlId}-hint`]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="field">
      <label htmlFor={controlId}>{label}</label>
      {control({
        id: controlId,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": described || undefined,
      })}
      {shownHint && (
        <p id={`${controlId}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${controlId}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

export function TextField({
  label,
  error,
  hint,
  id,
  ...input
}: Common & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field
      label={label}
      error={error}
      hint={hint}
      id={id}
      control={(props) => <input {...props} {...input} />}
    />
  );
}

export function TextAreaField({
  label,
  error,
  hint,
  id,
  ...input
}: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Field
      label={label}
      error={error}
      hint={hint}
      id={id}
      control={(props) => <textarea {...props} {...input} />}
    />
  );
}

/**
 * A select of `choices`, after an empty first option (`none`: "None", or
 * "Choose a project" when one is needed). Until the choices arrive it is a
 * disabled placeholder; the real select then takes the form's value.
 */
export function SelectField({
  label,
  error,
  hint,
  id,
  choices,
  none,
  ...select
}: Common & {
  choices: Choice[] | undefined;
  none: string;
} & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Field
      label={label}
      error={error}
      hint={hint}
      id={id}
      control={(props) =>
        choices ? (
          <select key="loaded" {...props} {...select}>
            <option value="">{none}</option>
            {choices.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        ) : (
          <select key="loading" {...props} disabled>
            <option>Loading…</option>
          </select>
        )
      }
    />
  );
}

export function CheckboxField({
  label,
  id,
  ...input
}: { label: string } & InputHTMLAttributes<HTMLInputElement>) {
  const fallbackId = useId();
  const inputId = id ?? fallbackId;
  return (
    <div className="field field-checkbox">
      <input id={inputId} type="checkbox" {...input} />
      <label htmlFor={inputId}>{label}</label>
    </div>
  );
}

/** A message about the whole form (the server's `detail`), announced when it appears. */
export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <p className="form-error" role="alert">
      {message}
    </p>
  );
}
