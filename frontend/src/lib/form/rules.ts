// Form fields checked by the API's own rules: the zod schemas generated from
// backend/openapi.json (@/lib/api/schemas), run in the browser before any
// request, with messages in the SPA's words. The limits in the messages come
// from the schema, so a rule changed in the backend reaches the forms with
// `make openapi` alone.
import * as z from "zod/mini";
import { fromDateTimeInput } from "@/lib/dates";

type Rule = z.core.$ZodType;
type Issue = z.core.$ZodIssue;

type TextOptions = {
  /** Checked (and sent) without leading and trailing blanks; not for passwords. */
  trim?: boolean;
  /** Whether an empty field is refused; by default, when `rule` refuses "". */
  required?: boolean;
  /** The message when the text does not match the rule's pattern. */
  invalid?: string;
};

/**
 * A text field checked by `rule`, the API's rule for it (e.g.
 * `zItemCreate.shape.title`): "Title is required.", "Title must be at most
 * 255 characters.", "Enter a valid email address.".
 */
export function text(
  rule: Rule,
  label: string,
  { trim = true, required, invalid = `${label} is not valid.` }: TextOptions = {},
) {
  const refusesEmpty = required ?? !z.safeParse(rule, "").success;
  return z.string().check(
    ...(trim ? [z.trim()] : []),
    z.check<string>((ctx) => {
      const message = ctx.value
        ? firstProblem(rule, ctx.value, label, invalid)
        : refusesEmpty && `${label} is required.`;
      if (message) ctx.issues.push({ code: "custom", message, input: ctx.value });
    }),
  );
}

/**
 * A text field the API lets be null: left empty, it is sent as null (an
 * optional field of a generated resource; `zProjectInput.shape.notes`).
 */
export function optionalText(rule: Rule, label: string) {
  return z.pipe(
    text(rule, label, { required: false }),
    z.transform((value) => value || null),
  );
}

/**
 * A field the user types as text but the API takes as something else: a
 * number, a date, an id. Empty means none: null when `rule` (the API's rule)
 * takes null, "Label is required." when it does not. Anything else is
 * `parse`d (`invalid` when it cannot be) and checked by `rule`. The form gets
 * the value the API takes, of the type the API gives it.
 */
function typed<R extends Rule, T>(
  rule: R,
  label: string,
  parse: (text: string) => T | undefined,
  invalid: string,
) {
  const optional = z.safeParse(rule, null).success;
  const field = z.pipe(
    z.string(),
    z.transform((input, ctx) => {
      const refuse = (message: string) => {
        ctx.issues.push({ code: "custom", message, input });
        return z.NEVER;
      };
      const text = input.trim();
      if (!text) return optional ? null : refuse(`${label} is required.`);
      const value = parse(text);
      if (value === undefined) return refuse(invalid);
      const problem = firstProblem(rule, value, label, invalid);
      return problem ? refuse(problem) : value;
    }),
  );
  return field as unknown as z.ZodMiniType<z.output<R>, string>;
}

const wholeNumberText = /^[+-]?\d+$/;

/** A number input: "Hours must be a whole number.", "Hours must be at most 24." */
export const wholeNumber = <R extends Rule>(rule: R, label: string) =>
  typed(
    rule,
    label,
    (text) => (wholeNumberText.test(text) ? Number(text) : undefined),
    `${label} must be a whole number.`,
  );

/** An `<input type="date">`: the API's "2025-01-31". */
export const date = <R extends Rule>(rule: R, label: string) =>
  typed(rule, label, (text) => text, `${label} is not a valid date.`);

/** An `<input type="datetime-local">`: the user's local time, sent as RFC 3339 in UTC. */
export const dateTime = <R extends Rule>(rule: R, label: string) =>
  typed(rule, label, fromDateTimeInput, `${label} is not a valid date and time.`);

/** A `<select>` of records: the chosen one's id. */
export const choice = <R extends Rule>(rule: R, label: string) =>
  typed(rule, label, (text) => text, `${label} is not valid.`);

/** An email field checked by the API's rule for it (`zUserRegister.shape.email`). */
export const email = (rule: Rule) =>
  text(rule, "Email", { invalid: "Enter a valid email address." });

/**
 * For an object of fields: `confirm` must repeat `field` (a new password).
 * Checked even when other fields fail, so every mistake shows at once.
 */
export function matches<K extends string>(confirm: K, field: K) {
  return z.refine<Record<K, unknown>>((values) => values[confirm] === values[field], {
    path: [confirm],
    message: "The passwords do not match.",
    when: () => true,
  });
}

const isLength = (issue: Issue) => issue.code === "too_big" || issue.code === "too_small";

/**
 * The first thing `rule` finds wrong with `value`, in words; a length or a
 * bound first ("must be at most 255 characters" says more than "not valid"). Zod counts a
 * length in characters (code points), as the API does: an emoji counts once.
 */
function firstProblem(rule: Rule, value: unknown, label: string, invalid: string) {
  const issues = z.safeParse(rule, value).error?.issues ?? [];
  const issue = issues.find(isLength) ?? issues[0];
  return issue && wording(issue, label, invalid);
}

function wording(issue: Issue, label: string, invalid: string): string {
  switch (issue.code) {
    case "too_small":
      return `${label} must be at least ${issue.minimum}${unit(issue)}.`;
    case "too_big":
      return `${label} must be at most ${issue.maximum}${unit(issue)}.`;
    default:
      return invalid;
  }
}

/** A bound on a text counts characters; one on a number is the number itself. */
const unit = (issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig) =>
  issue.origin === "number" ? "" : " characters";

/** A field's hint about its length, from `rule`: "8 to 128 characters". */
export function lengthHint(rule: z.ZodMiniString): string {
  const limits: { minimum?: number; maximum?: number } = {};
  for (const check of rule._zod.def.checks ?? []) Object.assign(limits, check._zod.def);
  const { minimum, maximum } = limits;
  if (minimum && maximum !== undefined) return `${minimum} to ${maximum} characters`;
  if (maximum !== undefined) return `At most ${maximum} characters`;
  return minimum ? `At least ${minimum} characters` : "";
}
