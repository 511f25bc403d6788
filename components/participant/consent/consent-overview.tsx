import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonStyles, linkStyles } from "@/components/ui/styles";
import type { MyConsentForm, MyConsentFormsResult } from "@/lib/api/results";
import { CONSENT_STATUS_LABEL, CONSENT_STATUS_TONE } from "@/lib/vocabulary/consent-status";
import { WITHDRAWAL_SCOPE_LABEL } from "@/lib/vocabulary/withdrawal-scope";
import { consentStepPath, WITHDRAW_PATH } from "./consent-paths";
import { ServerInstant } from "./server-instant";

/** Where a form still to sign picks up: the questions once read to the end or attempted, else the reading. */
const resumePath = (form: MyConsentForm) =>
  form.passed
    ? consentStepPath(form.id, "choices")
    : form.attempts > 0 || form.sectionIndex === form.sections.length - 1
      ? consentStepPath(form.id, "check")
      : consentStepPath(form.id, "read");

/** The banner of one form still to sign: a first reading, a reading to continue, or a new version to re-consent to. */
function SignBanner({ form, reconsent }: { form: MyConsentForm; reconsent: boolean }) {
  const started = form.sectionIndex > 0 || form.attempts > 0;
  const [tone, title, text, action] = reconsent
    ? ([
        "warning",
        "Re-consent required",
        "The consent form has changed. Please read the new version and sign it to keep taking part.",
        "Read the new version",
      ] as const)
    : started
      ? (["info", "Continue reading", "You have started reading the consent form. Pick up where you stopped.", "Continue reading"] as const)
      : (["info", "Read and sign", "Please read the consent form, answer a few questions about it and sign it.", "Read and sign"] as const);
  return (
    <Alert tone={tone} title={title} testId="consent-banner">
      <p>
        {text}{" "}
        <span className="text-slate-800">
          ({form.title}, version {form.version})
        </span>
      </p>
      <p className="mt-3">
        <Link href={resumePath(form)} className={buttonStyles.primary} data-testid="consent-banner-action">
          {action}
        </Link>
      </p>
    </Alert>
  );
}

/**
 * The participant's consent on their dashboard: the derived status as a badge, what to do next (sign, continue,
 * re-consent), every version they signed, and what they withdrew from.
 */
export function ConsentOverview({ consent }: { consent: MyConsentFormsResult }) {
  const withdrawn = consent.status === "withdrawn";
  const toSign = withdrawn ? [] : consent.forms.filter((f) => f.signedAt === null);
  const reconsent = consent.status === "reconsent_required";
  const canWithdraw = !withdrawn && consent.history.length > 0;
  return (
    <div className="flex flex-col gap-5">
      <p className="flex flex-wrap items-center gap-2 text-sm text-slate-800">
        Your consent:{" "}
        <Badge tone={CONSENT_STATUS_TONE[consent.status]} testId="consent-status">
          {CONSENT_STATUS_LABEL[consent.status]}
        </Badge>
      </p>
      {toSign.map((f) => (
        <SignBanner key={f.id} form={f} reconsent={reconsent} />
      ))}
      {withdrawn ? (
        <Alert tone="info" title="You have withdrawn">
          No further information about you is recorded. Contact your site if you would like to take part again.
        </Alert>
      ) : null}

      <div>
        <h3 className="text-base font-semibold text-slate-900">Versions you signed</h3>
        {consent.history.length === 0 ? (
          <p className="mt-1 text-sm text-slate-700">You have not signed a consent form yet.</p>
        ) : (
          <ul className="mt-2 flex flex-col gap-2" data-testid="consent-history">
            {consent.history.map((h) => (
              <li
                key={h.id}
                className="rounded-md border border-slate-200 p-3 text-sm text-slate-900"
                data-testid={`consent-history-${h.formVersionId}`}
              >
                <p className="font-medium">
                  {h.title}, version {h.version}
                </p>
                <p>
                  Signed <ServerInstant value={h.signedAt} />
                  {h.countersignedAt ? (
                    <>
                      {" "}
                      · countersigned by the study team <ServerInstant value={h.countersignedAt} />
                    </>
                  ) : (
                    " · awaiting the study team's countersignature"
                  )}
                </p>
                <p className="mt-1">
                  {/* The copy carries the form as signed, every signature and, once anchored, the proof against the chain. */}
                  <a className="font-medium text-blue-800 underline" href={`/api/participant/consent/${h.id}/copy`} data-testid="consent-copy-link">
                    Download your copy (PDF with its proof)
                  </a>
                </p>
                {h.choices.length ? (
                  <ul className="mt-1 list-disc pl-5 text-slate-800">
                    {h.choices.map((c) => (
                      <li key={c.id}>
                        {c.text} <span className="font-medium">{c.accepted ? "I agreed." : "I did not agree."}</span>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </div>

      {consent.withdrawals.length ? (
        <div>
          <h3 className="text-base font-semibold text-slate-900">Withdrawals</h3>
          <ul className="mt-2 flex flex-col gap-1 text-sm text-slate-900" data-testid="consent-withdrawals">
            {consent.withdrawals.map((w, i) => (
              <li key={i}>
                {WITHDRAWAL_SCOPE_LABEL[w.scope]}
                {w.choiceId ? ` (${consent.history.flatMap((h) => h.choices).find((c) => c.id === w.choiceId)?.text ?? w.choiceId})` : ""},{" "}
                <ServerInstant value={w.withdrawnAt} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {canWithdraw ? (
        <p className="text-sm text-slate-800">
          You can stop taking part at any time.{" "}
          <Link href={WITHDRAW_PATH} className={linkStyles} data-testid="consent-withdraw-link">
            Withdraw from the study
          </Link>
        </p>
      ) : null}
    </div>
  );
}
