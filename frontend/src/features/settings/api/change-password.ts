import { useMutation } from "@tanstack/react-query";
import { toast } from "@/components/toast";
import { updatePasswordMeMutation } from "@/lib/api";

/** The API also ends the user's other sessions; this one carries on. */
export function useChangePassword() {
  return useMutation({
    ...updatePasswordMeMutation(),
    onSuccess: () => toast.success("Password changed"),
  });
}
