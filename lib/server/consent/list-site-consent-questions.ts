import "server-only";
import { and, eq, or } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { participant } from "@/lib/db/schema";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { investigatorAssignmentsOf } from "@/lib/server/sites/investigator-assignments";
import { isOpen, messagesOf, type ConsentQuestionMessage } from "./consent-question-thread";

/**
 * The question threads of the participants of the trials the investigator is assigned to at their site: open threads
 * (the participant wrote last and waits for an answer) first, then the most recently active. Participants without a
 * question do not appear; nothing of the site's other trials does either.
 */
export async function listSiteConsentQuestions(viewer: Viewer) {
  if (!viewer.roles.includes("investigator")) throw new AppError("FORBIDDEN", "Only site investigators can see questions.");
  const database = await db();
  const assignments = await investigatorAssignmentsOf(database, viewer);
  if (assignments.length === 0) return { open: 0, threads: [] };
  const rows = await database
    .select({ id: participant.id, trialId: participant.trialId, siteOrgId: participant.siteOrgId })
    .from(participant)
    .where(or(...assignments.map((a) => and(eq(participant.trialId, a.trialId), eq(participant.siteOrgId, a.siteOrgId)))));
  const byParticipant = new Map<string, ConsentQuestionMessage[]>();
  for (const m of await messagesOf(
    database,
    rows.map((r) => r.id),
  )) {
    byParticipant.set(m.participantId, [...(byParticipant.get(m.participantId) ?? []), m]);
  }
  const publicIds = new Map(assignments.map((a) => [a.trialId, a.publicId]));
  const threads = rows
    .filter((r) => byParticipant.has(r.id))
    .map((r) => {
      const messages = byParticipant.get(r.id)!;
      return {
        participantId: r.id,
        publicId: publicIds.get(r.trialId)!,
        siteOrgId: r.siteOrgId,
        open: isOpen(messages),
        lastAt: messages.at(-1)!.createdAt,
        messages,
      };
    })
    .sort((a, b) => Number(b.open) - Number(a.open) || b.lastAt.localeCompare(a.lastAt));
  return { open: threads.filter((t) => t.open).length, threads };
}
