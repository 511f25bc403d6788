import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ROLE_LABEL } from "@/lib/schemas/roles";
import { ZInvitationToken } from "@/lib/schemas/invitations";
import { AppError } from "@/lib/server/errors/app-error";
import { getInvitation } from "@/lib/server/invitations/get-invitation";
import { AcceptInvitationForm } from "@/components/invite/accept-invitation-form";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { linkStyles } from "@/components/ui/styles";
import { UtcTime } from "@/components/ui/utc-time";

export const metadata: Metadata = { title: "Invitation", robots: { index: false, follow: false } };

type Loaded = { ok: true; invitation: Awaited<ReturnType<typeof getInvitation>> } | { ok: false; message: string };

/** Unknown links are a 404; used or expired ones get a clear explanation instead of the form. */
async function loadInvitation(token: string): Promise<Loaded> {
  try {
    return { ok: true, invitation: await getInvitation(token) };
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    if (error instanceof AppError && error.code === "GONE") return { ok: false, message: error.message };
    throw error;
  }
}

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const parsed = ZInvitationToken.safeParse(token);
  if (!parsed.success) notFound();
  const loaded = await loadInvitation(parsed.data);

  if (!loaded.ok) {
    return (
      <>
        <PageHeader title="This invitation can no longer be used" />
        <Alert tone="warning" testId="invite-unavailable" title={loaded.message}>
          <p>
            Invitation links work once and for a limited time. If you already joined,{" "}
            <Link href="/sign-in" className={linkStyles}>
              sign in
            </Link>
            ; otherwise ask your site for a new link.
          </p>
        </Alert>
      </>
    );
  }

  const { invitation } = loaded;
  return (
    <>
      <PageHeader
        title="You're invited to TrialProof"
        description="Create your account to take part. You need no wallet: choose a name and a password."
      />
      <Section id="invitation" title="Your invitation">
        <dl className="grid gap-4 sm:grid-cols-3" data-testid="invitation-details">
          <div>
            <dt className="text-sm font-medium text-slate-700">Organization</dt>
            <dd className="mt-1 text-slate-900">{invitation.organizationName}</dd>
          </div>
          <div>
            <dt className="text-sm font-medium text-slate-700">Role</dt>
            <dd className="mt-1 text-slate-900">{ROLE_LABEL[invitation.role]}</dd>
          </div>
          <div>
            <dt className="text-sm font-medium text-slate-700">Link expires</dt>
            <dd className="mt-1 text-slate-900">
              <UtcTime value={invitation.expiresAt} />
            </dd>
          </div>
        </dl>
        <p className="mt-4 text-sm text-slate-700">
          You will sign in with <span className="font-medium text-slate-900">{invitation.email}</span>.
        </p>
      </Section>
      <Section id="accept" title="Create your account">
        <AcceptInvitationForm token={parsed.data} />
      </Section>
    </>
  );
}
