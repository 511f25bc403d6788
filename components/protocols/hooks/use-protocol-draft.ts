"use client";

import { useMutation } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { apiRequest, type ApiError } from "@/components/api-client";
import type { SavedDraftResult, SponsorTrialResult } from "@/lib/api/results";
import { toDraftData, toProtocolForm, type ProtocolForm } from "../protocol-form-data";
import { sponsorTrialUrl } from "./use-sponsor-trial";

const AUTOSAVE_MS = 1200;

/**
 * The protocol draft as the form edits it, autosaved: every change restarts a short timer, then the draft is saved
 * (never public). Dirty = the form differs from what was last saved. Warns before leaving with unsaved edits.
 */
export function useProtocolDraft(trialId: string, draft: SponsorTrialResult["draft"]) {
  const [form, setForm] = useState<ProtocolForm>(() => toProtocolForm(draft.data));
  const [saved, setSaved] = useState<ProtocolForm>(form);
  const latest = useRef(form);
  useEffect(() => {
    latest.current = form;
  }, [form]);

  const mutation = useMutation<SavedDraftResult, ApiError, ProtocolForm>({
    mutationFn: (sent) => apiRequest<SavedDraftResult>("PUT", `${sponsorTrialUrl(trialId)}/draft`, { data: toDraftData(sent) }),
    // What was sent is now saved; edits made while it was on its way stay dirty.
    onSuccess: (_result, sent) => setSaved(sent),
  });
  const { mutateAsync } = mutation;
  const save = useCallback(
    () =>
      mutateAsync(latest.current).then(
        () => true,
        () => false,
      ),
    [mutateAsync],
  );

  const dirty = form !== saved;
  useEffect(() => {
    if (!dirty) return;
    const timer = setTimeout(() => void save(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [form, dirty, save]);

  useEffect(() => {
    if (!dirty) return;
    const onLeave = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", onLeave);
    return () => window.removeEventListener("beforeunload", onLeave);
  }, [dirty]);

  return {
    form,
    onChange: setForm,
    dirty,
    saving: mutation.isPending,
    savedAt: mutation.data?.updatedAt ?? draft.updatedAt,
    saveError: mutation.error,
    save,
  };
}

export type ProtocolDraft = ReturnType<typeof useProtocolDraft>;
