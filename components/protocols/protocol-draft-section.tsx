"use client";

import { ApiError, messageOf, type FieldErrors } from "@/components/api-client";
import { formatUtc } from "@/components/format-time";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { Section } from "@/components/ui/section";
import { buttonStyles, inputStyles } from "@/components/ui/styles";
import { AmendmentPreview } from "./amendment-preview";
import { usePrepareVersion } from "./hooks/use-prepare-version";
import { useProtocolDraft, type ProtocolDraft } from "./hooks/use-protocol-draft";
import type { SponsorTrial } from "./hooks/use-sponsor-trial";
import { ProtocolFormFields } from "./protocol-form";
import { toDraftData } from "./protocol-form-data";

/** Field errors of the shared schema (client) and of the server; the draft route names fields "data.<path>". */
function fieldErrorsOf(local: FieldErrors, draft: ProtocolDraft, submitError: unknown): FieldErrors {
  const server = {
    ...(draft.saveError?.fieldErrors ?? {}),
    ...(submitError instanceof ApiError ? submitError.fieldErrors : {}),
  };
  const errors: FieldErrors = { ...local };
  for (const [k, v] of Object.entries(server)) errors[k.replace(/^data\./, "")] = v;
  return errors;
}

/**
 * The protocol draft (autosaved, never public) and the way to the next version: "Register" prepares version 1,
 * "Amend" (with a reason) the next one. Locked while a version awaits the wallet's signature.
 */
export function ProtocolDraftSection({ trialId, view, onPrepared }: { trialId: string; view: SponsorTrial; onPrepared: () => Promise<unknown> }) {
  const draft = useProtocolDraft(trialId, view.draft);
  const confirmed = view.versions.filter((v) => v.chainState === "confirmed");
  const isAmendment = confirmed.length > 0;
  const lastConfirmed = confirmed.at(-1);
  const prepare = usePrepareVersion(trialId, isAmendment, draft, onPrepared);
  const locked = view.pending !== null;
  const errors = fieldErrorsOf(prepare.clientErrors, draft, prepare.mutation.error);
  const clientErrorCount = Object.keys(prepare.clientErrors).length;

  return (
    <Section
      id="protocol"
      title={isAmendment ? "Amend the protocol" : "Protocol draft"}
      description={
        isAmendment
          ? "Edit the protocol and give the reason for the amendment; it becomes the next version once your wallet signs it."
          : "Drafts save automatically and are never public. Register when the protocol is complete."
      }
      actions={
        <p className="text-xs text-slate-700" role="status" data-testid="autosave-status">
          {draft.saving
            ? "Saving…"
            : draft.dirty
              ? "Unsaved changes"
              : draft.savedAt
                ? `Saved at ${formatUtc(draft.savedAt).slice(11)}`
                : "Not saved yet"}
        </p>
      }
    >
      <div className="flex flex-col gap-6">
        {draft.saveError ? (
          <Alert tone="error" title="The draft could not be saved" testId="autosave-error">
            {draft.saveError.message}
          </Alert>
        ) : null}
        <ProtocolFormFields value={draft.form} onChange={draft.onChange} errors={errors} disabled={locked} />

        {lastConfirmed && !locked ? (
          <AmendmentPreview base={lastConfirmed.protocol} baseVersion={lastConfirmed.version} draft={toDraftData(draft.form)} />
        ) : null}
        {isAmendment ? (
          <Field id="amend-reason" label="Reason for the amendment" hint="Required. Shown publicly with the new version." errors={errors.reason}>
            {(props) => (
              <textarea
                {...props}
                rows={3}
                className={inputStyles}
                data-testid="amend-reason"
                disabled={locked}
                value={prepare.reason}
                onChange={(e) => prepare.setReason(e.target.value)}
              />
            )}
          </Field>
        ) : null}
        {prepare.reasonMissing ? (
          <p className="text-sm font-medium text-red-800" data-testid="amend-reason-required">
            Say why the protocol is amended.
          </p>
        ) : null}

        {clientErrorCount > 0 ? (
          <Alert tone="error" title="The protocol is not complete" testId="protocol-errors">
            {clientErrorCount === 1 ? "1 field needs attention" : `${clientErrorCount} fields need attention`}: see the messages at each field.
          </Alert>
        ) : null}
        {prepare.mutation.error ? (
          <Alert tone="error" testId="submit-error">
            {messageOf(prepare.mutation.error)}
          </Alert>
        ) : null}
        {locked ? (
          <Alert tone="warning" title="Awaiting sponsor signature">
            Version {view.pending!.version} is waiting for your wallet&apos;s signature above; the draft is locked until it is signed or discarded.
          </Alert>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className={buttonStyles.primary}
            data-testid={isAmendment ? "amend-submit" : "register-submit"}
            disabled={locked || prepare.mutation.isPending}
            onClick={prepare.submit}
          >
            {prepare.mutation.isPending ? "Preparing…" : isAmendment ? "Amend: prepare the next version" : "Register: prepare version 1"}
          </button>
          <button
            type="button"
            className={buttonStyles.secondary}
            data-testid="save-now"
            disabled={locked || draft.saving || !draft.dirty}
            onClick={() => void draft.save()}
          >
            Save now
          </button>
        </div>
      </div>
    </Section>
  );
}
