import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { logEnvelope } from "@/lib/db/schema";
import { notFound } from "@/lib/server/errors/app-error";
import { registeredTrialByPublicId } from "./get-public-trial";

/**
 * The stored envelope of a registered protocol version's `protocol.version` record, exactly as the log holds it,
 * for verification in the browser (recompute the leaf hash, compare with the chain event). Served as stored: if
 * it was edited in the database, the recomputed hash no longer matches the sponsor's commitment.
 */
export async function getProtocolEnvelope(publicId: string, version: number) {
  const database = await db();
  const { versions } = await registeredTrialByPublicId(database, publicId);
  const v = versions.find((x) => x.version === version);
  if (!v) throw notFound(`Version ${version}`);
  const [row] = await database
    .select()
    .from(logEnvelope)
    .where(and(eq(logEnvelope.logId, publicId), eq(logEnvelope.idx, v.leafIndex)));
  if (!row) throw notFound(`The record of version ${version}`);
  return row.envelope;
}
