"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiError, apiRequest, messageOf } from "@/components/api-client";
import { formatUtc } from "@/components/format-time";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { buttonStyles, inputStyles } from "@/components/ui/styles";
import type { SiteRosterResult } from "@/lib/api/results";
import type { TCreateInvitationRequest } from "@/lib/schemas/invitations";

interface CreatedInvitation {
  url: string;
  expiresAt: string;
}

/**
 * Creates a one-time invitation link for a participant into one of the trials the investigator is assigned to at
 * their site; the link is shown once, to copy and send.
 */
export function InviteParticipantForm({ assignments }: { assignments: SiteRosterResult["assignments"] }) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [choice, setChoice] = useState(0);
  const [copied, setCopied] = useState(false);

  const invite = useMutation({
    mutationFn: (input: TCreateInvitationRequest) => apiRequest<CreatedInvitation>("POST", "/api/invitations", input),
    onSuccess: () => {
      setEmail("");
      setCopied(false);
      router.refresh();
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const assignment = assignments[choice];
    if (!assignment) return;
    invite.mutate({ email: email.trim(), trialId: assignment.trialId, siteOrgId: assignment.siteOrgId });
  }

  async function copy(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  const fieldErrors = invite.error instanceof ApiError ? invite.error.fieldErrors : {};
  const created = invite.data;

  return (
    <div className="flex flex-col gap-4">
      <form className="flex flex-col gap-3 sm:flex-row sm:items-end" onSubmit={onSubmit}>
        <div className="sm:w-96">
          <Field id="site-invite-trial" label="Trial" errors={[...(fieldErrors.trialId ?? []), ...(fieldErrors.siteOrgId ?? [])]}>
            {(props) => (
              <select
                {...props}
                name="trial"
                required
                data-testid="site-invite-trial"
                className={inputStyles}
                value={choice}
                onChange={(e) => setChoice(Number(e.target.value))}
              >
                {assignments.map((a, i) => (
                  <option key={`${a.trialId} ${a.siteOrgId}`} value={i}>
                    {a.publicId} · {a.title} ({a.siteName})
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="sm:w-96">
          <Field id="site-invite-email" label="Participant's email" errors={fieldErrors.email}>
            {(props) => (
              <input
                {...props}
                type="email"
                name="email"
                autoComplete="off"
                required
                data-testid="site-invite-email"
                className={inputStyles}
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            )}
          </Field>
        </div>
        <button type="submit" data-testid="site-invite-submit" className={buttonStyles.primary} disabled={invite.isPending}>
          {invite.isPending ? "Creating invitation link…" : "Invite participant"}
        </button>
      </form>

      {invite.error ? (
        <Alert tone="error" testId="site-invite-error">
          {messageOf(invite.error)}
        </Alert>
      ) : null}

      {created ? (
        <Alert tone="success" title="Invitation link created">
          <p>
            Send this link to the participant yourself; it is shown only now and works once. It expires{" "}
            <time dateTime={created.expiresAt} data-testid="invite-expiry">
              {formatUtc(created.expiresAt)}
            </time>
            .
          </p>
          <div className="mt-2 flex flex-col gap-2 sm:flex-row sm:items-center">
            <code
              data-testid="invite-link"
              className="block flex-1 rounded-md border border-emerald-300 bg-white px-3 py-2 font-mono text-xs break-all text-slate-900"
            >
              {created.url}
            </code>
            <button type="button" className={buttonStyles.secondary} onClick={() => void copy(created.url)}>
              {copied ? "Copied" : "Copy link"}
            </button>
          </div>
        </Alert>
      ) : null}
    </div>
  );
}
