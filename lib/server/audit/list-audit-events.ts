import "server-only";
import { desc } from "drizzle-orm";
import { auditEvent } from "@/lib/db/schema";
import { db } from "@/lib/db/client";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";

export async function listAuditEvents(viewer: Viewer, limit = 100) {
  if (!viewer.roles.includes("platform_admin")) throw new AppError("FORBIDDEN", "Only platform admins can read the audit trail.");
  const database = await db();
  return database.select().from(auditEvent).orderBy(desc(auditEvent.id)).limit(Math.min(Math.max(limit, 1), 500));
}
