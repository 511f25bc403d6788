import "server-only";
import { and, desc, eq, exists, gt, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { anchoringAlarm, trial, trialRegulator } from "@/lib/db/schema";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";

/** Resolved alarms stay on the platform admins' list this long, so a problem that came and went is still seen. */
const RESOLVED_SHOWN_DAYS = 7;

/**
 * Anchoring alarms the viewer must see (anchoring-alarms.ts): platform admins every alarm, open ones and those
 * resolved in the last 7 days; a trial's sponsor admins and the regulators assigned to it that trial's open alarms.
 * `trialId` narrows to one trial. Anyone else is refused.
 */
export async function listAnchoringAlarms(viewer: Pick<Viewer, "userId" | "roles" | "memberships">, scope: { trialId?: string } = {}) {
  const admin = viewer.roles.includes("platform_admin");
  const sponsorOrgs = viewer.memberships.filter((m) => m.role === "sponsor_admin").map((m) => m.organizationId);
  const regulator = viewer.roles.includes("regulator");
  if (!admin && sponsorOrgs.length === 0 && !regulator) {
    throw new AppError("FORBIDDEN", "Only platform admins, sponsor admins and regulators see anchoring alarms.");
  }
  const database = await db();
  const theirs: SQL | undefined = admin
    ? undefined
    : and(
        isNotNull(anchoringAlarm.trialId),
        or(
          sponsorOrgs.length ? inArray(trial.sponsorOrgId, sponsorOrgs) : undefined,
          regulator
            ? exists(
                database
                  .select({ one: sql`1` })
                  .from(trialRegulator)
                  .where(and(eq(trialRegulator.trialId, anchoringAlarm.trialId), eq(trialRegulator.userId, viewer.userId))),
              )
            : undefined,
        ),
      );
  const shown = admin
    ? or(isNull(anchoringAlarm.resolvedAt), gt(anchoringAlarm.resolvedAt, sql`now() - make_interval(days => ${RESOLVED_SHOWN_DAYS})`))
    : isNull(anchoringAlarm.resolvedAt);
  const rows = await database
    .select({
      id: anchoringAlarm.id,
      kind: anchoringAlarm.kind,
      detail: anchoringAlarm.detail,
      logId: anchoringAlarm.logId,
      openedAt: anchoringAlarm.openedAt,
      resolvedAt: anchoringAlarm.resolvedAt,
      resolution: anchoringAlarm.resolution,
      trialPublicId: trial.publicId,
      trialTitle: trial.title,
    })
    .from(anchoringAlarm)
    .leftJoin(trial, eq(trial.id, anchoringAlarm.trialId))
    .where(and(shown, theirs, scope.trialId ? eq(anchoringAlarm.trialId, scope.trialId) : undefined))
    .orderBy(desc(sql`${anchoringAlarm.resolvedAt} is null`), desc(anchoringAlarm.openedAt))
    .limit(50);
  return rows;
}

export type AnchoringAlarmView = Awaited<ReturnType<typeof listAnchoringAlarms>>[number];
