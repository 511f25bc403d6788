import "server-only";
import { db } from "@/lib/db/client";
import type { Viewer } from "@/lib/server/auth/viewer";
import { viewerParticipant } from "./consent-access";
import { messagesOf } from "./consent-question-thread";

/** The participant's own question thread with their study team, oldest message first. Nobody else's is reachable. */
export async function listMyConsentQuestions(viewer: Viewer) {
  const database = await db();
  const who = await viewerParticipant(database, viewer);
  return { messages: await messagesOf(database, [who.id]) };
}
