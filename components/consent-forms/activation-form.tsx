"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, apiRequest, messageOf, type FieldErrors } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { buttonStyles } from "@/components/ui/styles";
import type { ActivatedConsentVersionResult } from "@/lib/api/results";
import type { TConsentActivationRequest } from "@/lib/schemas/consent";
import { fieldId } from "./consent-draft-data";
import { consentVersionApi } from "./consent-urls";
import { Group, ListErrors, TextField } from "./form-controls";

type Site = { id: string; name: string };

/**
 * Activation: the ethics approval (committee, reference, date) and the sites the version applies to. Activating logs
 * the whole form and freezes it for good; `beforeActivate` saves pending edits first (false stops here).
 */
export function ActivationForm({
  trialId,
  formVersionId,
  version,
  sites,
  beforeActivate,
  onDraftErrors,
  onActivated,
}: {
  trialId: string;
  formVersionId: string;
  version: number;
  sites: Site[];
  beforeActivate: () => Promise<boolean>;
  /** Errors the activation found in the draft itself (e.g. its protocol version), for the editor to show at its fields. */
  onDraftErrors: (errors: FieldErrors) => void;
  onActivated: (result: ActivatedConsentVersionResult) => void;
}) {
  const [approval, setApproval] = useState({ committee: "", reference: "", approvalDate: "" });
  const [allSites, setAllSites] = useState(true);
  const [chosen, setChosen] = useState<string[]>([]);
  const mutation = useMutation<ActivatedConsentVersionResult, Error>({
    mutationFn: async () => {
      if (!(await beforeActivate())) throw new ApiError(0, "SAVE", "The draft could not be saved: correct the fields marked above first.");
      const request: TConsentActivationRequest = { ethicsApproval: approval, sites: allSites ? "all" : chosen };
      return apiRequest<ActivatedConsentVersionResult>("POST", `${consentVersionApi(trialId, formVersionId)}/activation`, request);
    },
    onMutate: () => onDraftErrors({}),
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      onDraftErrors(Object.fromEntries(Object.entries(error.fieldErrors).filter(([k]) => !k.startsWith("ethicsApproval") && !k.startsWith("sites"))));
    },
    onSuccess: onActivated,
  });
  const errors = mutation.error instanceof ApiError ? mutation.error.fieldErrors : {};
  const dateId = fieldId("ethicsApproval.approvalDate");

  return (
    <form
      className="flex flex-col gap-4"
      data-testid="activation-form"
      onSubmit={(e) => {
        e.preventDefault();
        mutation.mutate();
      }}
    >
      <Alert tone="warning" title={`Activating version ${version} is final`}>
        Once active, a version can never be edited: it is recorded in the trial&apos;s log, participants at its sites sign it, and any change is made
        as a new version (participants who signed an older one are then asked to consent again).
      </Alert>
      <Group legend="Ethics approval">
        <TextField
          path="ethicsApproval.committee"
          label="Ethics committee"
          value={approval.committee}
          errors={errors}
          onChange={(committee) => setApproval({ ...approval, committee })}
        />
        <TextField
          path="ethicsApproval.reference"
          label="Approval reference"
          value={approval.reference}
          errors={errors}
          onChange={(reference) => setApproval({ ...approval, reference })}
        />
        <div className="flex flex-col gap-1">
          <label htmlFor={dateId} className="text-sm font-medium text-slate-900">
            Approval date
          </label>
          <input
            id={dateId}
            data-testid={dateId}
            type="date"
            className="block w-48 rounded-md border border-slate-500 bg-white px-3 py-2 text-sm text-slate-900 aria-[invalid=true]:border-red-700"
            aria-invalid={Boolean(errors["ethicsApproval.approvalDate"])}
            aria-describedby={errors["ethicsApproval.approvalDate"] ? `${dateId}-error` : undefined}
            value={approval.approvalDate}
            onChange={(e) => setApproval({ ...approval, approvalDate: e.target.value })}
          />
          {errors["ethicsApproval.approvalDate"] ? (
            <p id={`${dateId}-error`} className="text-sm font-medium text-red-800">
              {errors["ethicsApproval.approvalDate"].join(" ")}
            </p>
          ) : null}
        </div>
      </Group>
      <Group legend="Sites">
        <ListErrors errors={errors} path="sites" />
        {[true, false].map((all) => (
          <div key={String(all)} className="flex items-center gap-2">
            <input
              id={`cf-sites-${all ? "all" : "chosen"}`}
              data-testid={`cf-sites-${all ? "all" : "chosen"}`}
              type="radio"
              name="cf-sites"
              className="h-4 w-4"
              checked={allSites === all}
              onChange={() => setAllSites(all)}
            />
            <label htmlFor={`cf-sites-${all ? "all" : "chosen"}`} className="text-sm text-slate-900">
              {all ? "All sites of the trial, including sites added later" : "Only the sites chosen below"}
            </label>
          </div>
        ))}
        {allSites ? null : (
          <div className="ml-6 flex flex-col gap-2">
            {sites.length === 0 ? <p className="text-sm text-slate-700">The trial has no sites yet.</p> : null}
            {sites.map((site) => (
              <div key={site.id} className="flex items-center gap-2">
                <input
                  id={`cf-site-${site.id}`}
                  type="checkbox"
                  className="h-4 w-4"
                  checked={chosen.includes(site.id)}
                  onChange={(e) => setChosen(e.target.checked ? [...chosen, site.id] : chosen.filter((s) => s !== site.id))}
                />
                <label htmlFor={`cf-site-${site.id}`} className="text-sm text-slate-900">
                  {site.name}
                </label>
              </div>
            ))}
          </div>
        )}
      </Group>
      {mutation.error ? (
        <Alert tone="error" title="The version was not activated" testId="activation-error">
          {messageOf(mutation.error)}
        </Alert>
      ) : null}
      <button type="submit" className={`${buttonStyles.primary} self-start`} data-testid="activation-submit" disabled={mutation.isPending}>
        {mutation.isPending ? "Activating…" : `Activate version ${version}`}
      </button>
    </form>
  );
}
