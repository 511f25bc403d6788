"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { apiRequest, messageOf } from "@/components/api-client";
import { buttonStyles } from "@/components/ui/styles";
import type { NewConsentVersionResult } from "@/lib/api/results";
import { consentVersionApi, consentVersionPage } from "./consent-urls";

/** Starts the next version of a form as a draft copied from `fromVersionId` (its latest), and opens it. */
export function NewVersionButton({ trialId, fromVersionId, label }: { trialId: string; fromVersionId: string; label: string }) {
  const router = useRouter();
  const mutation = useMutation<NewConsentVersionResult, Error>({
    mutationFn: () => apiRequest<NewConsentVersionResult>("POST", `${consentVersionApi(trialId, fromVersionId)}/new-version`),
    onSuccess: (created) => router.push(consentVersionPage(trialId, created.id)),
  });
  return (
    <div className="flex flex-col gap-1">
      <button
        type="button"
        className={buttonStyles.small}
        data-testid={`new-version-${fromVersionId}`}
        disabled={mutation.isPending}
        onClick={() => mutation.mutate()}
      >
        {mutation.isPending ? "Creating…" : label}
      </button>
      {mutation.error ? (
        <p role="alert" className="text-xs font-medium text-red-800">
          {messageOf(mutation.error)}
        </p>
      ) : null}
    </div>
  );
}
