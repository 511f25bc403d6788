"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, apiRequest } from "@/components/api-client";
import type { AmendmentResult, RegistrationResult } from "@/lib/api/results";
import { clientErrorsOf } from "../protocol-form-data";
import type { ProtocolDraft } from "./use-protocol-draft";
import { sponsorTrialUrl } from "./use-sponsor-trial";

/**
 * Registration (version 1) or an amendment (with its required reason): checks the draft against the shared schema
 * first, saves pending edits, then asks the portal to prepare the version for the wallet. `onPrepared` resolves once
 * the page shows what awaits signature.
 */
export function usePrepareVersion(trialId: string, isAmendment: boolean, draft: ProtocolDraft, onPrepared: () => Promise<unknown>) {
  const [reason, setReason] = useState("");
  const [showClientErrors, setShowClientErrors] = useState(false);
  const mutation = useMutation<RegistrationResult | AmendmentResult, Error>({
    mutationFn: async () => {
      if (draft.dirty && !(await draft.save())) throw new ApiError(0, "SAVE", "The draft could not be saved; fix the errors shown and try again.");
      const url = sponsorTrialUrl(trialId);
      return isAmendment
        ? apiRequest<AmendmentResult>("POST", `${url}/amendments`, { reason })
        : apiRequest<RegistrationResult>("POST", `${url}/registration`);
    },
    onSuccess: async () => {
      setReason("");
      setShowClientErrors(false);
      await onPrepared();
    },
  });

  const clientErrors = showClientErrors ? clientErrorsOf(draft.form) : {};
  const reasonMissing = showClientErrors && isAmendment && !reason.trim();

  function submit() {
    setShowClientErrors(true);
    mutation.reset();
    if (Object.keys(clientErrorsOf(draft.form)).length > 0) return;
    if (isAmendment && !reason.trim()) return;
    mutation.mutate();
  }

  return { reason, setReason, clientErrors, reasonMissing, submit, mutation };
}
