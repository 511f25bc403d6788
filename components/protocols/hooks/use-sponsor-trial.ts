"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { apiRequest } from "@/components/api-client";
import type { SponsorTrialResult } from "@/lib/api/results";

export const sponsorTrialUrl = (trialId: string) => `/api/sponsor/trials/${encodeURIComponent(trialId)}`;

export type SponsorTrial = SponsorTrialResult;
export type PendingCommitment = NonNullable<SponsorTrialResult["pending"]>;

/**
 * The sponsor's view of one trial, kept current through the API route (the page renders it first). `refresh`
 * resolves once the new view is in: a mutation that awaits it stays pending until the page shows its effect.
 */
export function useSponsorTrial(trialId: string, initial?: SponsorTrialResult) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: ["sponsor-trial", trialId],
    queryFn: ({ signal }) => apiRequest<SponsorTrialResult>("GET", sponsorTrialUrl(trialId), undefined, { signal }),
    initialData: initial,
    staleTime: 0,
    refetchOnWindowFocus: false,
    refetchOnMount: false,
  });
  const refresh = useCallback(() => queryClient.invalidateQueries({ queryKey: ["sponsor-trial", trialId] }), [queryClient, trialId]);
  return { query, refresh };
}
