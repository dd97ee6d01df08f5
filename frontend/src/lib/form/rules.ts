// Form fields checked by the API's own rules: the zod schemas generated from
// backend/openapi.json (@/lib/api/schemas), run in the browser before any
// request, with messages in the SPA's words. The limits in the messages come
// from the schema, so a rule changed in the backend reaches the forms with
// `make openapi` alone.
import * as z from "zod/mini";

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
 * The first thing `rule` finds wrong with `value`, in words; a length first
 * ("must be at most 255 characters" says more than "not valid"). Zod counts a
 * length in characters (code points), as the API does: an emoji counts once.
 */
function firstProblem(rule: Rule, value: string, label: string, invalid: string) {
  const issues = z.safeParse(rule, value).error?.issues ?? [];
  const issue = issues.find(isLength) ?? issues[0];
  return issue && wording(issue, label, invalid);
}

function wording(issue: Issue, label: string, invalid: string): string {
  switch (issue.code) {
    case "too_small":
      return `${label} must be at least ${issue.minimum} characters.`;
    case "too_big":
      return `${label} must be at most ${issue.maximum} characters.`;
    default:
      return invalid;
  }
}

/** A field's hint about its length, from `rule`: "8 to 128 characters". */
export function lengthHint(rule: z.ZodMiniString): string {
  const limits: { minimum?: number; maximum?: number } = {};
  for (const check of rule._zod.def.checks ?? []) Object.assign(limits, check._zod.def);
  const { minimum, maximum } = limits;
  if (minimum && maximum !== undefined) return `${minimum} to ${maximum} characters`;
  if (maximum !== undefined) return `At most ${maximum} characters`;
  return minimum ? `At least ${minimum} characters` : "";
}
