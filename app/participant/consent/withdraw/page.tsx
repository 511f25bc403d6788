import type { Metadata } from "next";
import Link from "next/link";
import { requirePageRole } from "@/lib/server/auth/guards";
import { getMyParticipation } from "@/lib/server/participants/get-my-participation";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { buttonStyles } from "@/components/ui/styles";
import { WITHDRAW_PATH } from "@/components/participant/consent/consent-paths";
import { WithdrawForm } from "@/components/participant/consent/withdraw-form";

export const metadata: Metadata = { title: "Withdraw" };

/** Withdrawal: open once the participant has signed, until they have withdrawn. */
export default async function WithdrawPage() {
  const viewer = await requirePageRole(["participant"], WITHDRAW_PATH);
  const { consent } = await getMyParticipation(viewer);
  const latest = consent?.history.at(-1);
  const withdrawnChoices = new Set(consent?.withdrawals.filter((w) => w.signatureId === latest?.id).map((w) => w.choiceId));
  const choices = (latest?.choices ?? []).filter((c) => c.accepted && !withdrawnChoices.has(c.id)).map(({ id, text }) => ({ id, text }));
  const back = (
    <p className="mt-3">
      <Link href="/participant" className={buttonStyles.secondary}>
        Back to my record
      </Link>
    </p>
  );
  return (
    <div className="mx-auto flex max-w-2xl flex-col">
      <PageHeader
        title="Withdraw from the study"
        description="Taking part is voluntary. You can withdraw at any time, without giving a reason, and your usual care is not affected."
      />
      <Section id="withdraw" title="Your withdrawal">
        {!consent || !latest ? (
          <Alert tone="info" title="Nothing to withdraw yet">
            You have not signed a consent form.{back}
          </Alert>
        ) : consent.status === "withdrawn" ? (
          <Alert tone="info" title="You have already withdrawn">
            Contact your site if you would like to take part again.{back}
          </Alert>
        ) : (
          <WithdrawForm choices={choices} />
        )}
      </Section>
    </div>
  );
}
