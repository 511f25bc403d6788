import "server-only";
import { sql } from "drizzle-orm";
import { rowsOf } from "@/lib/db/rows";
import type { AnchoringContext } from "./types";

/**
 * The time one anchoring step works with: the context's clock when one is given (a simulated clock at a test
 * boundary), else the database's clock, so that record ages, the portal log's cadence and the gas day are all
 * measured on the clock that stamps records and batches.
 */
export async function stepTime(ctx: AnchoringContext): Promise<Date> {
  if (ctx.clock) return ctx.clock();
  const [row] = rowsOf<{ now: string | Date }>(await ctx.database.execute(sql`select now() as now`));
  return new Date(row!.now);
}

/** The UTC day holding `at`: its first instant, the next day's, and its date as YYYY-MM-DD. */
export function utcDayOf(at: Date): { start: Date; end: Date; date: string } {
  const start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  return { start, end: new Date(start.getTime() + 86_400_000), date: start.toISOString().slice(0, 10) };
}
