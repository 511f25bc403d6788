"use client";

import { useMutation } from "@tanstack/react-query";
import { apiRequest } from "@/components/api-client";
import type { DiscardedVersionResult } from "@/lib/api/results";
import type { TDiscardPendingVersionRequest } from "@/lib/schemas/protocol";
import { sponsorTrialUrl } from "./use-sponsor-trial";

/** Discards the version awaiting signature (named by its protocol hash); `onDiscarded` resolves once the page shows it. */
export function useDiscardVersion(trialId: string, onDiscarded: () => Promise<unknown>) {
  return useMutation({
    mutationFn: (request: TDiscardPendingVersionRequest) =>
      apiRequest<DiscardedVersionResult>("POST", `${sponsorTrialUrl(trialId)}/pending-version/discard`, request),
    onSuccess: async () => {
      await onDiscarded();
    },
  });
}
