// Every form's state: react-hook-form, checked by a zod schema built from the
// API's rules (rules.ts). One place for the choices every form shares.
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, type DefaultValues, type FieldValues } from "react-hook-form";
import type * as z from "zod/mini";

export function useSchemaForm<Input extends FieldValues, Output extends FieldValues>(
  schema: z.ZodMiniType<Output, Input>,
  defaultValues: DefaultValues<Input>,
) {
  return useForm<Input, unknown, Output>({
    resolver: zodResolver(schema),
    defaultValues,
    // A failed check shows its message; the focus stays where the user put it.
    shouldFocusError: false,
  });
}
