import "server-only";
import { asc, eq, inArray, type SQL } from "drizzle-orm";
import { outcomeValue, user } from "@/lib/db/schema";
import type { Database, Tx } from "@/lib/db/client";
import type { RecordedChange } from "@/lib/server/audit/record-domain-change";
import { newId } from "@/lib/server/ids";
import type { Measurement } from "./check-measurement";
import type { ParticipantRow } from "./outcome-scope";
import { CORRECTION_REASON_LABEL } from "@/lib/vocabulary/correction-reason";

export type OutcomeValueRow = typeof outcomeValue.$inferSelect;

/**
 * The outcome_value row of a value just recorded or corrected: the very measurement of its record, where in the log
 * that record is, and what stays out of the log (the source, the correction's reason code and words).
 */
export async function storeOutcomeValue(
  tx: Tx,
  value: {
    who: ParticipantRow;
    protocolVersion: number;
    measurement: Measurement;
    source: OutcomeValueRow["source"];
    correction?: Pick<OutcomeValueRow, "correctsId" | "reason" | "reasonText">;
    recordedBy: string;
    record: RecordedChange;
  },
): Promise<string> {
  const id = newId("ov");
  await tx.insert(outcomeValue).values({
    id,
    participantId: value.who.id,
    trialId: value.who.trialId,
    siteOrgId: value.who.siteOrgId,
    protocolVersion: value.protocolVersion,
    ...value.measurement,
    observedAt: new Date(value.measurement.observedAt),
    source: value.source,
    ...value.correction,
    recordedBy: value.recordedBy,
    recordedAt: new Date(value.record.envelope.at),
    leafIndex: value.record.index,
    leafHash: value.record.leafHash,
  });
  return id;
}

/** The outcome values matching `where`, oldest recording first. */
export async function outcomeValuesWhere(tx: Tx | Database, where: SQL | undefined): Promise<OutcomeValueRow[]> {
  return tx.select().from(outcomeValue).where(where).orderBy(asc(outcomeValue.recordedAt), asc(outcomeValue.leafIndex));
}

export const dataPointKey = (v: { participantId: string; measure: string; visit: string }) => `${v.participantId}\u0000${v.measure}\u0000${v.visit}`;

/**
 * Each data point's values in order: the original first, then each correction after the value it corrects. The
 * current value is the last one (docs/outcomes.md#corrections).
 */
export function chainsOf(rows: readonly OutcomeValueRow[]): Map<string, OutcomeValueRow[]> {
  const byCorrected = new Map(rows.filter((r) => r.correctsId).map((r) => [r.correctsId!, r]));
  const chains = new Map<string, OutcomeValueRow[]>();
  for (const original of rows.filter((r) => !r.correctsId)) {
    const chain = [original];
    for (let next = byCorrected.get(original.id); next; next = byCorrected.get(next.id)) chain.push(next);
    chains.set(dataPointKey(original), chain);
  }
  return chains;
}

/** Names of the users who recorded values (the site's own staff see who did what). */
export async function recorderNamesOf(tx: Tx | Database, rows: readonly OutcomeValueRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.map((r) => r.recordedBy))];
  if (ids.length === 0) return new Map();
  const users = await tx.select({ id: user.id, name: user.name }).from(user).where(inArray(user.id, ids));
  return new Map(users.map((u) => [u.id, u.name]));
}

/** One value as the history and the timeline show it. */
export function valueView(row: OutcomeValueRow, names?: ReadonlyMap<string, string>) {
  return {
    valueId: row.id,
    value: row.value,
    unit: row.unit,
    observedAt: row.observedAt.toISOString(),
    source: row.source,
    recordedAt: row.recordedAt.toISOString(),
    recordedBy: { userId: row.recordedBy, name: names?.get(row.recordedBy) ?? null },
    correctsId: row.correctsId,
    reason: row.reason,
    reasonLabel: row.reason ? CORRECTION_REASON_LABEL[row.reason] : null,
    reasonText: row.reasonText,
    protocolVersion: row.protocolVersion,
    leafIndex: row.leafIndex,
    leafHash: row.leafHash,
  };
}

export const ofParticipant = (participantId: string) => eq(outcomeValue.participantId, participantId);
