"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent, type ReactNode } from "react";
import { ApiError, apiRequest, messageOf } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { Section } from "@/components/ui/section";
import { buttonStyles, inputStyles } from "@/components/ui/styles";
import type { TrialStatusChangeResult } from "@/lib/api/results";
import { STATUS_NEEDS_REASON, TRIAL_STATUS_CHANGES } from "@/lib/schemas/protocol";
import { RECRUITMENT_STATUS_LABEL } from "@/lib/vocabulary/recruitment-status";
import { trialStatusLabel } from "@/lib/vocabulary/trial-status";

/** Status changes, sites and regulators of a registered trial: each is a record in the trial's log. */
export interface Choice {
  value: string;
  label: string;
}
export interface PartyChoices {
  sites: Choice[];
  regulators: Choice[];
}

export function TrialAdminForms({
  trialId,
  status,
  onChanged,
  choices,
}: {
  trialId: string;
  status: string;
  onChanged: () => void;
  choices: PartyChoices;
}) {
  const base = `/api/sponsor/trials/${encodeURIComponent(trialId)}`;
  return (
    <Section id="trial-admin" title="Status, sites and regulators" description="Each change is appended to the trial's log.">
      <div className="grid gap-6 lg:grid-cols-2">
        <StatusForm url={`${base}/status`} current={status} onDone={onChanged} />
        <SingleFieldForm
          testId="add-site"
          url={`${base}/sites`}
          field="siteOrgId"
          label="Site"
          hint="An investigator site registered on the portal."
          options={choices.sites}
          button="Add site"
          done="Site added."
          onDone={onChanged}
        />
        <SingleFieldForm
          testId="assign-regulator"
          url={`${base}/regulators`}
          field="userId"
          label="Regulator"
          hint="The regulator gets read-only audit access to this trial."
          options={choices.regulators}
          button="Assign regulator"
          done="Regulator assigned."
          onDone={onChanged}
        />
        <InviteInvestigatorForm url={`${base}/site-invitations`} sites={choices.sites} onDone={onChanged} />
      </div>
    </Section>
  );
}

/** Invites a site's investigator; the site joins the trial with the invitation. The link is shown once. */
function InviteInvestigatorForm({ url, sites, onDone }: { url: string; sites: Choice[]; onDone: () => void }) {
  const [siteOrgId, setSiteOrgId] = useState("");
  const [email, setEmail] = useState("");
  const send = useMutation({
    // The route answers with the one-time link as a full URL (built from the request), not the use case's path.
    mutationFn: () => apiRequest<{ url: string; expiresAt: string; siteName: string }>("POST", url, { siteOrgId, email: email.trim() }),
    onSuccess: () => {
      setEmail("");
      onDone();
    },
  });
  const fieldErrors = send.error instanceof ApiError ? send.error.fieldErrors : {};
  return (
    <Box title="Invite a site investigator">
      <form
        className="flex flex-col gap-3"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          send.mutate();
        }}
      >
        <Field id="site-invite-site" label="Site" errors={fieldErrors.siteOrgId}>
          {(p) => (
            <select
              {...p}
              className={inputStyles}
              data-testid="site-invite-site"
              value={siteOrgId}
              onChange={(e) => setSiteOrgId(e.target.value)}
              required
            >
              <option value="">Choose…</option>
              {sites.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="site-invite-email" label="Investigator's email" errors={fieldErrors.email}>
          {(p) => (
            <input
              {...p}
              type="email"
              className={inputStyles}
              data-testid="site-invite-email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              required
            />
          )}
        </Field>
        <div>
          <button
            type="submit"
            className={buttonStyles.primary}
            data-testid="site-invite-submit"
            disabled={!siteOrgId || !email.trim() || send.isPending}
          >
            {send.isPending ? "Inviting…" : "Invite investigator"}
          </button>
        </div>
        {send.error ? <Alert tone="error">{messageOf(send.error)}</Alert> : null}
        {send.data ? (
          <Alert tone="success">
            One-time link for {send.data.siteName} (valid until {send.data.expiresAt.slice(0, 16).replace("T", " ")} UTC):{" "}
            <code className="break-all" data-testid="site-invite-link">
              {send.data.url}
            </code>
          </Alert>
        ) : null}
      </form>
    </Box>
  );
}

function Box({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-3 rounded-md border border-slate-200 p-4">
      <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
      {children}
    </div>
  );
}

function StatusForm({ url, current, onDone }: { url: string; current: string; onDone: () => void }) {
  const [status, setStatus] = useState<string>("");
  const [reason, setReason] = useState("");
  const change = useMutation({
    mutationFn: () => apiRequest<TrialStatusChangeResult>("POST", url, { status, ...(reason.trim() ? { reason } : {}) }),
    onSuccess: () => {
      setReason("");
      onDone();
    },
  });
  const fieldErrors = change.error instanceof ApiError ? change.error.fieldErrors : {};
  const needsReason = STATUS_NEEDS_REASON.includes(status);
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    change.mutate();
  }
  return (
    <Box title="Change status">
      <form className="flex flex-col gap-3" onSubmit={onSubmit}>
        <p className="text-xs text-slate-700">Current: {trialStatusLabel(current)}</p>
        <Field id="status-select" label="New status" errors={fieldErrors.status}>
          {(props) => (
            <select
              {...props}
              className={inputStyles}
              data-testid="status-select"
              value={status}
              onChange={(e) => setStatus(e.target.value)}
              required
            >
              <option value="">— choose —</option>
              {TRIAL_STATUS_CHANGES.map((s) => (
                <option key={s} value={s}>
                  {RECRUITMENT_STATUS_LABEL[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="status-reason" label={needsReason ? "Reason (required)" : "Reason (optional)"} errors={fieldErrors.reason}>
          {(props) => (
            <textarea
              {...props}
              rows={2}
              className={inputStyles}
              data-testid="status-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          )}
        </Field>
        <div>
          <button type="submit" className={buttonStyles.primary} data-testid="status-submit" disabled={!status || change.isPending}>
            {change.isPending ? "Saving…" : "Change status"}
          </button>
        </div>
        {change.error ? <Alert tone="error">{messageOf(change.error)}</Alert> : null}
        {change.isSuccess ? <Alert tone="success">Status changed.</Alert> : null}
      </form>
    </Box>
  );
}

function SingleFieldForm(props: {
  testId: string;
  url: string;
  field: string;
  label: string;
  hint: string;
  button: string;
  done: string;
  options: Choice[];
  onDone: () => void;
}) {
  const [value, setValue] = useState("");
  const send = useMutation({
    mutationFn: () => apiRequest("POST", props.url, { [props.field]: value.trim() }),
    onSuccess: () => {
      setValue("");
      props.onDone();
    },
  });
  const fieldErrors = send.error instanceof ApiError ? send.error.fieldErrors : {};
  return (
    <Box title={props.button}>
      <form
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          send.mutate();
        }}
      >
        <Field id={`${props.testId}-input`} label={props.label} hint={props.hint} errors={fieldErrors[props.field]}>
          {(p) => (
            <select
              {...p}
              className={inputStyles}
              data-testid={`${props.testId}-input`}
              value={value}
              onChange={(e) => setValue(e.target.value)}
              required
            >
              <option value="">Choose…</option>
              {props.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div>
          <button type="submit" className={buttonStyles.primary} data-testid={`${props.testId}-submit`} disabled={!value.trim() || send.isPending}>
            {send.isPending ? "Saving…" : props.button}
          </button>
        </div>
        {send.error ? <Alert tone="error">{messageOf(send.error)}</Alert> : null}
        {send.isSuccess ? <Alert tone="success">{props.done}</Alert> : null}
      </form>
    </Box>
  );
}
