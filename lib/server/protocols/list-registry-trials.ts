import "server-only";
import { and, desc, eq, isNotNull, like, sql, type SQL } from "drizzle-orm";
import { db } from "@/lib/db/client";
import type { Database } from "@/lib/db/client";
import { trial } from "@/lib/db/schema";
import { ZRegistryQuerySchema, type TRegistryQueryInput } from "@/lib/schemas/registry";
import { fromZod } from "@/lib/server/errors/from-zod";

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The public registry: registered trials only (a draft or a trial awaiting its sponsor's signature never appears),
 * newest registration first, paginated on the server. `q` matches every word, case-insensitively, anywhere in the
 * public id, titles, conditions, interventions and sponsor (lower(search_text) LIKE, one pass over the registered
 * rows); status, phase and country filter on indexed columns. One statement: rows and total (count(*) over ()).
 *
 * The query is parsed here with the registry's schema whatever the caller did: a bad parameter is a 422 naming
 * it. A registered trial's status is a recruitment status, so the status filter offers exactly those.
 */
export async function listRegistryTrials(input: TRegistryQueryInput, database?: Database) {
  const parsed = ZRegistryQuerySchema.safeParse(input);
  if (!parsed.success) throw fromZod(parsed.error, "search");
  const query = parsed.data;
  const dbh = database ?? (await db());
  const filters: (SQL | undefined)[] = [isNotNull(trial.registeredAt)];
  if (query.status) filters.push(eq(trial.status, query.status));
  if (query.phase) filters.push(eq(trial.phase, query.phase));
  if (query.country) filters.push(sql`${trial.countries} @> array[${query.country}]::text[]`);
  for (const word of (query.q ?? "").toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8)) {
    filters.push(like(trial.searchText, `%${escapeLike(word)}%`));
  }
  const rows = await dbh
    .select({
      publicId: trial.publicId,
      title: trial.title,
      status: trial.status,
      phase: trial.phase,
      conditions: trial.conditions,
      sponsor: trial.sponsorName,
      countries: trial.countries,
      registeredAt: trial.registeredAt,
      currentVersion: trial.currentVersion,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(trial)
    .where(and(...filters))
    .orderBy(desc(trial.registeredAt), desc(trial.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && query.page > 1) {
    const [c] = await dbh
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(trial)
      .where(and(...filters));
    total = c?.n ?? 0;
  }
  return {
    items: rows.map(({ total: _t, registeredAt, ...r }) => ({
      ...r,
      countries: r.countries ?? [],
      registeredAt: registeredAt!.toISOString(),
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
