import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { outcomeValue, participant, trial } from "@/lib/db/schema";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError, notFound } from "@/lib/server/errors/app-error";
import { parseInput } from "@/lib/server/errors/parse-input";
import { sponsorOrgsOf } from "@/lib/server/protocols/sponsor-trial-access";
import { ZOutcomeHistoryQuerySchema } from "@/lib/schemas/outcomes";
import { chainsOf, dataPointKey, outcomeValuesWhere, recorderNamesOf, valueView } from "./outcome-values";
import { participantInScope } from "./outcome-scope";

/**
 * Every value of one data point (participant, measure, visit), original first and the current value last, each with
 * who recorded it, when, from which source and, for a correction, why. For the investigators assigned to the
 * participant's trial at their site (with the recorders' names) and the trial's sponsor admins (pseudonymous: user ids
 * only). Anyone else gets the 404 of a participant that does not exist.
 */
export async function getOutcomeHistory(viewer: Viewer, input: unknown) {
  const query = parseInput(ZOutcomeHistoryQuerySchema, input, "data point");
  const database = await db();
  let names = false;
  if (viewer.roles.includes("investigator") && !(await participantInScope(database, viewer, query.participantId)).denied) {
    names = true;
  } else {
    const [row] = await database
      .select({ sponsorOrgId: trial.sponsorOrgId })
      .from(participant)
      .innerJoin(trial, eq(trial.id, participant.trialId))
      .where(eq(participant.id, query.participantId));
    if (!row || !sponsorOrgsOf(viewer).includes(row.sponsorOrgId)) throw notFound("Participant");
  }
  const rows = await outcomeValuesWhere(
    database,
    and(eq(outcomeValue.participantId, query.participantId), eq(outcomeValue.measure, query.measure), eq(outcomeValue.visit, query.visit)),
  );
  const chain = chainsOf(rows).get(dataPointKey(query));
  if (!chain) throw new AppError("NOT_FOUND", `No value of ${query.measure} at ${query.visit} is recorded for this participant.`);
  const recorders = names ? await recorderNamesOf(database, chain) : undefined;
  return { ...query, current: valueView(chain.at(-1)!, recorders), values: chain.map((r) => valueView(r, recorders)) };
}
