import type { Metadata } from "next";
import { requirePageRole } from "@/lib/server/auth/guards";
import { listSiteConsentQuestions } from "@/lib/server/consent/list-site-consent-questions";
import { SiteQuestions } from "@/components/site/questions/site-questions";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";

export const metadata: Metadata = { title: "Participants' questions" };

export default async function SiteQuestionsPage() {
  const viewer = await requirePageRole(["investigator"], "/site/questions");
  const { open, threads } = await listSiteConsentQuestions(viewer);
  return (
    <>
      <PageHeader
        title="Participants' questions"
        description="Questions your participants asked while reading a consent form. Answers are kept with the questions and cannot be changed later."
      />
      <Section id="questions" title="Threads" description={open === 1 ? "1 thread waits for an answer." : `${open} threads wait for an answer.`}>
        <SiteQuestions threads={threads} />
      </Section>
    </>
  );
}
