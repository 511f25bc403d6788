"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, messageOf, type FieldErrors } from "@/components/api-client";
import { formatUtc } from "@/components/format-time";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Field } from "@/components/ui/field";
import { Section } from "@/components/ui/section";
import { SectionSkeleton } from "@/components/ui/skeleton";
import { buttonStyles, inputStyles, linkStyles } from "@/components/ui/styles";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import { UtcTime } from "@/components/ui/utc-time";
import { ZProtocolSchema } from "@/lib/schemas/protocol";
import { requestJson } from "./http";
import { ProtocolFormFields } from "./protocol-form";
import { toDraftData, toProtocolForm } from "./protocol-form-data";
import { AmendmentPreview } from "./amendment-preview";
import { TrialAdminForms, type PartyChoices } from "./trial-admin-forms";
import type { PendingCommitment, ProtocolForm, SponsorTrialView } from "./types";
import { WalletCommit } from "./wallet-commit";

const AUTOSAVE_MS = 1200;

export const TRIAL_STATUS_TONE: Record<string, BadgeTone> = {
  draft: "neutral",
  awaiting_signature: "warn",
  registered: "info",
  recruiting: "good",
  active: "good",
  completed: "neutral",
  terminated: "bad",
  withdrawn: "bad",
};

/** zod issues of the shared protocol schema, keyed by field path like the server's fieldErrors. */
function clientErrors(form: ProtocolForm): FieldErrors {
  const parsed = ZProtocolSchema.safeParse(toDraftData(form));
  if (parsed.success) return {};
  const out: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.map(String).join(".") || "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

const trialUrl = (trialId: string) => `/api/sponsor/trials/${encodeURIComponent(trialId)}`;

/** The sponsor's editor for one trial: the protocol draft (autosaved), registration, amendments, and the trial's people. */
export function TrialEditor({ trialId, initial, choices }: { trialId: string; initial?: SponsorTrialView; choices: PartyChoices }) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: ["sponsor-trial", trialId],
    queryFn: () => requestJson<SponsorTrialView>("GET", trialUrl(trialId)),
    initialData: initial,
    staleTime: 0,
    refetchOnWindowFocus: false,
    refetchOnMount: false,
  });
  const refresh = useCallback(() => void queryClient.invalidateQueries({ queryKey: ["sponsor-trial", trialId] }), [queryClient, trialId]);

  if (query.isPending) return <SectionSkeleton label="Loading the trial" />;
  if (query.isError) {
    return (
      <Alert tone="error" title="The trial could not be loaded" testId="trial-load-error">
        {messageOf(query.error)}
      </Alert>
    );
  }
  return <LoadedEditor key={query.data.trial.id} view={query.data} trialId={trialId} refresh={refresh} choices={choices} />;
}

function LoadedEditor({ view, trialId, refresh, choices }: { view: SponsorTrialView; trialId: string; refresh: () => void; choices: PartyChoices }) {
  const [form, setForm] = useState<ProtocolForm>(() => toProtocolForm(view.draft?.data ?? {}));
  const [dirty, setDirty] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(view.draft?.updatedAt ?? null);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [showClientErrors, setShowClientErrors] = useState(false);
  const [reason, setReason] = useState("");
  const [pending, setPending] = useState<PendingCommitment | null>(view.pending);
  const [justConfirmed, setJustConfirmed] = useState<{ version: number; txHash: string } | null>(null);
  const formRef = useRef(form);
  formRef.current = form;

  useEffect(() => setPending(view.pending), [view.pending]);

  const registered = view.versions.some((v) => v.chainState === "confirmed");
  const isAmendment = view.versions.length > 0;
  const lastConfirmed = [...view.versions].filter((v) => v.chainState === "confirmed").sort((a, b) => b.version - a.version)[0];

  const save = useCallback(async () => {
    setSaving(true);
    try {
      const res = await requestJson<{ updatedAt: string }>("PUT", `${trialUrl(trialId)}/draft`, { data: toDraftData(formRef.current) });
      setSavedAt(res.updatedAt);
      setSaveError(null);
      setDirty(false);
      return true;
    } catch (error) {
      setSaveError(error instanceof ApiError ? error : new ApiError(0, "UNKNOWN", messageOf(error)));
      return false;
    } finally {
      setSaving(false);
    }
  }, [trialId]);

  // Debounced autosave: every change restarts the timer.
  useEffect(() => {
    if (!dirty) return;
    const timer = setTimeout(() => void save(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [form, dirty, save]);

  // Warn before leaving with unsaved edits.
  useEffect(() => {
    if (!dirty) return;
    const onLeave = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", onLeave);
    return () => window.removeEventListener("beforeunload", onLeave);
  }, [dirty]);

  const submit = useMutation({
    mutationFn: async () => {
      if (dirty && !(await save())) throw new ApiError(0, "SAVE", "The draft could not be saved; fix the errors shown and try again.");
      return isAmendment
        ? requestJson<PendingCommitment>("POST", `${trialUrl(trialId)}/amendments`, { reason })
        : requestJson<PendingCommitment>("POST", `${trialUrl(trialId)}/registration`, {});
    },
    onSuccess: (p) => {
      setPending(p);
      setJustConfirmed(null);
      setReason("");
      setShowClientErrors(false);
      refresh();
    },
  });

  const local = showClientErrors ? clientErrors(form) : {};
  const serverErrors = {
    ...(saveError?.fieldErrors ?? {}),
    ...(submit.error instanceof ApiError ? submit.error.fieldErrors : {}),
  };
  // Field errors arrive as "data.publicTitle" from the draft route; show them on the field.
  const errors: FieldErrors = { ...local };
  for (const [k, v] of Object.entries(serverErrors)) errors[k.replace(/^data\./, "")] = v;
  const reasonErrors = errors.reason;

  function onChange(next: ProtocolForm) {
    setForm(next);
    setDirty(true);
  }

  function onSubmit() {
    setShowClientErrors(true);
    submit.reset();
    const found = clientErrors(form);
    if (Object.keys(found).length > 0) return;
    if (isAmendment && !reason.trim()) return;
    submit.mutate();
  }

  const clientErrorCount = Object.keys(local).length;
  const locked = Boolean(pending);

  return (
    <>
      <div className="mb-6 flex flex-wrap items-center gap-3">
        <span className="font-mono text-sm" data-testid="trial-public-id">
          {view.trial.publicId}
        </span>
        <Badge tone={TRIAL_STATUS_TONE[view.trial.status] ?? "neutral"}>
          <span data-testid="trial-status">{view.trial.status.replace(/_/g, " ")}</span>
        </Badge>
        {registered ? (
          <a className={linkStyles} href={`/trials/${view.trial.publicId}`} data-testid="trial-public-link">
            Public registry page
          </a>
        ) : null}
      </div>

      {justConfirmed && !pending ? (
        <div className="mb-6">
          <Alert tone="success" title={justConfirmed.version === 1 ? "Trial registered on chain" : `Version ${justConfirmed.version} confirmed on chain`} testId="commit-done">
            The portal read your transaction <span className="font-mono break-all">{justConfirmed.txHash}</span> from the chain. The version is public now.
          </Alert>
        </div>
      ) : null}
      {pending ? (
        <Section
          id="commit"
          title={pending.version === 1 ? "Awaiting sponsor signature: registration" : `Awaiting sponsor signature: amendment (version ${pending.version})`}
          description="This is exactly what your wallet will commit on chain. The trial is registered only once the portal has read your transaction's event from the chain. You can leave and come back: this stays here until it is signed."
        >
          <div data-testid="awaiting-signature" className="flex flex-col gap-4">
            <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
              <dt className="font-medium text-slate-800">Version</dt>
              <dd data-testid="commit-version">{pending.version}</dd>
              <dt className="font-medium text-slate-800">Protocol hash (leaf hash)</dt>
              <dd className="font-mono text-xs break-all" data-testid="commit-protocol-hash">
                {pending.protocolHash}
              </dd>
              <dt className="font-medium text-slate-800">On-chain trial id</dt>
              <dd className="font-mono text-xs break-all">{pending.chainTrialId}</dd>
              {pending.version === 1 ? (
                <>
                  <dt className="font-medium text-slate-800">Anchorer</dt>
                  <dd className="font-mono text-xs break-all">{pending.anchorer}</dd>
                </>
              ) : null}
              <dt className="font-medium text-slate-800">Contract</dt>
              <dd className="font-mono text-xs break-all">
                TrialLedger {pending.contract} on chain {pending.chainId}
              </dd>
            </dl>
            <div>
              <p className="text-sm font-medium text-slate-800">Summary of what is committed</p>
              <pre className="mt-1 max-h-72 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-3 text-xs whitespace-pre-wrap text-slate-900" data-testid="commit-summary">
                {typeof pending.summary === "string" ? pending.summary : JSON.stringify(pending.summary, null, 2)}
              </pre>
            </div>
            <WalletCommit
              trialId={trialId}
              pending={pending}
              onConfirmed={(txHash) => {
                setJustConfirmed({ version: pending.version, txHash });
                refresh();
              }}
            />
          </div>
        </Section>
      ) : null}

      <Section id="versions" title="Protocol versions" description="Every version the sponsor committed, with its on-chain state.">
        {view.versions.length === 0 ? (
          <EmptyState>Not registered yet: the draft below is private to your organization.</EmptyState>
        ) : (
          <Table caption="Protocol versions">
            <thead>
              <tr>
                <Th>Version</Th>
                <Th>Reason</Th>
                <Th>Leaf hash</Th>
                <Th>On chain</Th>
                <Th>Created at</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 bg-white">
              {view.versions.map((v) => (
                <tr key={v.version} data-testid="sponsor-version-row" data-chain-state={v.chainState}>
                  <Td>{v.version}</Td>
                  <Td>{v.reason ?? (v.version === 1 ? "Registration" : "—")}</Td>
                  <Td mono>{v.leafHash ?? "—"}</Td>
                  <Td>
                    {v.chainState === "confirmed" ? (
                      <span>
                        <Badge tone="good">confirmed</Badge>{" "}
                        <span className="text-xs">
                          block {String(v.blockNumber ?? "—")}, tx <span className="font-mono break-all">{v.txHash}</span>
                        </span>
                      </span>
                    ) : (
                      <Badge tone="warn">awaiting signature</Badge>
                    )}
                  </Td>
                  <Td>
                    <UtcTime value={v.createdAt} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Section>

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
            {saving ? "Saving…" : dirty ? "Unsaved changes" : savedAt ? `Saved at ${formatUtc(savedAt).slice(11)}` : "Not saved yet"}
          </p>
        }
      >
        <div className="flex flex-col gap-6">
          {saveError ? (
            <Alert tone="error" title="The draft could not be saved" testId="autosave-error">
              {saveError.message}
            </Alert>
          ) : null}
          <ProtocolFormFields value={form} onChange={onChange} errors={errors} disabled={locked} />

          {lastConfirmed?.protocol && !locked ? (
            <AmendmentPreview base={lastConfirmed.protocol} baseVersion={lastConfirmed.version} draft={toDraftData(form)} />
          ) : null}
          {isAmendment ? (
            <Field id="amend-reason" label="Reason for the amendment" hint="Required. Shown publicly with the new version." errors={reasonErrors}>
              {(props) => (
                <textarea
                  {...props}
                  rows={3}
                  className={inputStyles}
                  data-testid="amend-reason"
                  disabled={locked}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                />
              )}
            </Field>
          ) : null}
          {showClientErrors && isAmendment && !reason.trim() ? (
            <p className="text-sm font-medium text-red-800" data-testid="amend-reason-required">
              Say why the protocol is amended.
            </p>
          ) : null}

          {showClientErrors && clientErrorCount > 0 ? (
            <Alert tone="error" title="The protocol is not complete" testId="protocol-errors">
              {clientErrorCount === 1 ? "1 field needs attention" : `${clientErrorCount} fields need attention`}: see the messages at each field.
            </Alert>
          ) : null}
          {submit.error ? (
            <Alert tone="error" testId="submit-error">
              {messageOf(submit.error)}
            </Alert>
          ) : null}
          {locked ? (
            <Alert tone="warning" title="Awaiting sponsor signature">
              Version {pending!.version} is waiting for your wallet&apos;s signature above; the draft is locked until it is signed.
            </Alert>
          ) : null}
          <div className="flex flex-wrap gap-2">
            <button type="button" className={buttonStyles.primary} data-testid={isAmendment ? "amend-submit" : "register-submit"} disabled={locked || submit.isPending} onClick={onSubmit}>
              {submit.isPending ? "Preparing…" : isAmendment ? "Amend: prepare the next version" : "Register: prepare version 1"}
            </button>
            <button type="button" className={buttonStyles.secondary} data-testid="save-now" disabled={locked || saving || !dirty} onClick={() => void save()}>
              Save now
            </button>
          </div>
        </div>
      </Section>

      {registered ? <TrialAdminForms trialId={trialId} status={view.trial.status} onChanged={refresh} choices={choices} /> : null}
    </>
  );
}
