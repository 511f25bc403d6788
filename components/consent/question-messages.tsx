import { Badge } from "@/components/ui/badge";
import { UtcTime } from "@/components/ui/utc-time";
import type { ConsentQuestionMessage } from "@/lib/api/results";
import { CONSENT_QUESTION_AUTHOR_LABEL, CONSENT_QUESTION_AUTHOR_TONE } from "@/lib/vocabulary/consent-question-author";

/** A question thread, oldest message first, each with who wrote it and when (UTC). Shown to both sides. */
export function QuestionMessages({ messages, label }: { messages: readonly ConsentQuestionMessage[]; label: string }) {
  return (
    <ol aria-label={label} className="flex flex-col gap-3">
      {messages.map((m) => (
        <li key={m.id} className="rounded-md border border-slate-200 bg-white p-3 text-sm" data-testid="question-message" data-author={m.authorRole}>
          <p className="flex flex-wrap items-center gap-2 text-xs text-slate-700">
            <Badge tone={CONSENT_QUESTION_AUTHOR_TONE[m.authorRole]}>{CONSENT_QUESTION_AUTHOR_LABEL[m.authorRole]}</Badge>
            {m.authorName ? <span>{m.authorName}</span> : null}
            <UtcTime value={m.createdAt} />
          </p>
          <p className="mt-2 whitespace-pre-wrap text-slate-900">{m.body}</p>
        </li>
      ))}
    </ol>
  );
}
