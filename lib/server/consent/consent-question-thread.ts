import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import { consentQuestionMessage, user } from "@/lib/db/schema";
import type { Database, Tx } from "@/lib/db/client";
import type { ConsentQuestionAuthor } from "@/lib/vocabulary/consent-question-author";

export interface ConsentQuestionMessage {
  id: string;
  participantId: string;
  formVersionId: string | null;
  authorRole: ConsentQuestionAuthor;
  /** The investigator's name on an answer; participants are known to the site by their pseudonymous id only. */
  authorName: string | null;
  body: string;
  createdAt: string;
}

/** The messages of some participants' threads, oldest first (the order they were written in). */
export async function messagesOf(tx: Tx | Database, participantIds: string[]): Promise<ConsentQuestionMessage[]> {
  if (participantIds.length === 0) return [];
  const rows = await tx
    .select({ message: consentQuestionMessage, authorName: user.name })
    .from(consentQuestionMessage)
    .innerJoin(user, eq(user.id, consentQuestionMessage.authorUserId))
    .where(inArray(consentQuestionMessage.participantId, participantIds))
    .orderBy(asc(consentQuestionMessage.createdAt), asc(consentQuestionMessage.id));
  return rows.map(({ message: m, authorName }) => ({
    id: m.id,
    participantId: m.participantId,
    formVersionId: m.formVersionId,
    authorRole: m.authorRole,
    authorName: m.authorRole === "investigator" ? authorName : null,
    body: m.body,
    createdAt: m.createdAt.toISOString(),
  }));
}

/** A thread is open while its last message is the participant's: it waits for the study team's answer. */
export const isOpen = (messages: readonly ConsentQuestionMessage[]): boolean => messages.at(-1)?.authorRole === "participant";
