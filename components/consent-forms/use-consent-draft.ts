"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { ApiError, apiRequest } from "@/components/api-client";
import type { CreatedConsentFormResult, SavedConsentDraftResult } from "@/lib/api/results";
import type { ConsentDraft } from "./consent-draft-data";
import { consentFormsApi, consentVersionApi, consentVersionPage } from "./consent-urls";

/**
 * The draft being edited and its saving: a new form is created on its first save (the page then moves to the new
 * version's address), an existing draft is replaced whole. Warns before leaving with unsaved edits.
 */
export function useConsentDraft(trialId: string, formVersionId: string | null, initial: ConsentDraft) {
  const router = useRouter();
  const [draft, setDraft] = useState(initial);
  const [saved, setSaved] = useState(initial);
  const mutation = useMutation<SavedConsentDraftResult | CreatedConsentFormResult, ApiError, ConsentDraft>({
    mutationFn: (sent) =>
      formVersionId
        ? apiRequest<SavedConsentDraftResult>("PUT", consentVersionApi(trialId, formVersionId), sent)
        : apiRequest<CreatedConsentFormResult>("POST", consentFormsApi(trialId), sent),
    onSuccess: (result, sent) => {
      setSaved(sent);
      if ("id" in result) router.replace(consentVersionPage(trialId, result.id));
    },
  });
  const { mutateAsync } = mutation;
  const dirty = draft !== saved;

  useEffect(() => {
    if (!dirty) return;
    const onLeave = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", onLeave);
    return () => window.removeEventListener("beforeunload", onLeave);
  }, [dirty]);

  // A new form is created once: after that the page is on its way to the new version's address.
  const created = formVersionId === null && mutation.isSuccess;
  /** Saves when there is something to save (a new form always is); true once the server holds the draft as shown. */
  const save = () =>
    (dirty || formVersionId === null) && !created
      ? mutateAsync(draft).then(
          () => true,
          () => false,
        )
      : Promise.resolve(true);

  const errors = mutation.error instanceof ApiError ? mutation.error.fieldErrors : {};
  return {
    draft,
    setDraft,
    dirty,
    created,
    save,
    mutation,
    errors,
    savedAt: mutation.data && "updatedAt" in mutation.data ? mutation.data.updatedAt : null,
  };
}
