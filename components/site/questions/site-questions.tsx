import { QuestionMessages } from "@/components/consent/question-messages";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/table";
import type { SiteConsentQuestionThread } from "@/lib/api/results";
import { AnswerForm } from "./answer-form";

/** The participants' question threads, open ones (waiting for an answer) first, each with its answer box. */
export function SiteQuestions({ threads }: { threads: readonly SiteConsentQuestionThread[] }) {
  if (threads.length === 0) return <EmptyState>No participant has asked a question yet.</EmptyState>;
  return (
    <ul className="flex flex-col gap-6">
      {threads.map((t) => (
        <li key={t.participantId} className="flex flex-col gap-3 rounded-md border border-slate-200 p-4" data-testid="question-thread-row">
          <h3 className="flex flex-wrap items-center gap-2 text-base font-semibold text-slate-900">
            <span className="font-mono">{t.participantId}</span>
            <span className="font-mono text-sm font-normal text-slate-700">{t.publicId}</span>
            {t.open ? <Badge tone="warn">Waiting for an answer</Badge> : <Badge tone="good">Answered</Badge>}
          </h3>
          <QuestionMessages messages={t.messages} label={`Questions of ${t.participantId}`} />
          <AnswerForm participantId={t.participantId} />
        </li>
      ))}
    </ul>
  );
}
