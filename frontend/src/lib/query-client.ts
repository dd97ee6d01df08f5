import { QueryClient } from "@tanstack/react-query";
import { errorStatus } from "@/lib/api/errors";

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx will not change on retry; network blips and 5xx may.
        retry: (failures, error) => {
          const status = errorStatus(error);
          return failures < 2 && (status === undefined || status >= 500);
        },
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
