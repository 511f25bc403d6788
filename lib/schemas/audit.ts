/**
 * The admin audit trail's query: the /admin page's filter form and GET /api/admin/audit read the same parameters
 * with this one schema, and the use case parses its input with it again (a caller that skipped it still gets a 422,
 * never a database error). Every issue's path is the parameter's name; messages say what is allowed. Empty values
 * mean "no filter". Times are UTC: a day (2026-11-21) covers that whole UTC day, an instant must say Z.
 *
 * Parsing is idempotent: parsing the output again gives the same output.
 */
import { z } from "zod";
import { ID_PATTERN, PORTAL_TRIAL, TRIAL_PUBLIC_ID_PATTERN } from "@/lib/integrity/kinds/common";
import { RECORD_KINDS } from "@/lib/vocabulary/record-kind";

export const AUDIT_PAGE_SIZE_MAX = 200;
export const AUDIT_PAGE_SIZE_DEFAULT = 50;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

const UTC_DAY = /^\d{4}-\d{2}-\d{2}$/;
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?Z$/;

/** A real calendar day or instant (2026-02-30 and 24:00 are refused), as a Date, or null. */
function instantOf(text: string): Date | null {
  const day = UTC_DAY.test(text);
  if (!day && !UTC_INSTANT.test(text)) return null;
  const t = Date.parse(day ? `${text}T00:00:00.000Z` : text);
  if (!Number.isFinite(t)) return null;
  // Round trip: what was written must be the instant read (Date.parse rolls impossible dates over).
  const n = day ? 10 : 16;
  return new Date(t).toISOString().slice(0, n) === text.slice(0, n) ? new Date(t) : null;
}

const utcTime = (label: string) =>
  z
    .string({ error: `${label} must be a UTC day such as 2026-11-21 or an instant such as 2026-11-21T10:15:00Z` })
    .refine((s) => instantOf(s) !== null, `${label} must be a UTC day such as 2026-11-21 or an instant such as 2026-11-21T10:15:00Z`);

/** A whole number within [min, max], given as a number or as its decimal digits. */
const wholeNumber = (label: string, min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && /^\s*\d{1,16}\s*$/.test(v) ? Number(v) : v),
    z
      .number({ error: `${label} must be a whole number from ${min} to ${max}` })
      .int(`${label} must be a whole number from ${min} to ${max}`)
      .min(min, `${label} must be a whole number from ${min} to ${max}`)
      .max(max, `${label} must be a whole number from ${min} to ${max}`),
  );

export const ZAuditQuerySchema = z
  .object({
    kind: optional(z.enum(RECORD_KINDS, "Kind must be one of the record kinds offered in the list (e.g. protocol.version)")),
    actor: optional(
      z.string({ error: "Actor must be a user id such as usr_9f2c41d0" }).regex(ID_PATTERN, "Actor must be a user id such as usr_9f2c41d0"),
    ),
    trial: optional(
      z
        .string({ error: `Trial must be a public trial id such as TP-2026-0001, or "${PORTAL_TRIAL}"` })
        .refine(
          (s) => s === PORTAL_TRIAL || TRIAL_PUBLIC_ID_PATTERN.test(s),
          `Trial must be a public trial id such as TP-2026-0001, or "${PORTAL_TRIAL}"`,
        ),
    ),
    from: optional(utcTime("From")),
    to: optional(utcTime("To")),
    /** Keyset cursor: events older than this audit id (the `nextBefore` of the previous page). */
    before: optional(wholeNumber("Before", 1, Number.MAX_SAFE_INTEGER)),
    limit: z.preprocess((v) => blankToUndefined(v) ?? AUDIT_PAGE_SIZE_DEFAULT, wholeNumber("Page size", 1, AUDIT_PAGE_SIZE_MAX)),
  })
  .superRefine((q, ctx) => {
    const { from, toBefore } = auditTimeBounds(q);
    if (from && toBefore && from.getTime() >= toBefore.getTime()) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "To must not be before From" });
    }
  });

/** What the audit use case works with. */
export type TAuditQuery = z.output<typeof ZAuditQuerySchema>;
/** What a caller may pass: query-string values or already-parsed ones. */
export type TAuditQueryInput = z.input<typeof ZAuditQuerySchema>;

/**
 * The filter's time range: `from` inclusive, `toBefore` exclusive. A day as `to` includes that whole UTC day; an
 * instant as `to` includes that millisecond.
 */
export function auditTimeBounds(q: { from?: string; to?: string }): { from?: Date; toBefore?: Date } {
  const from = q.from ? (instantOf(q.from) ?? undefined) : undefined;
  const to = q.to ? instantOf(q.to) : null;
  if (!to || !q.to) return { from };
  return { from, toBefore: new Date(to.getTime() + (UTC_DAY.test(q.to) ? 86_400_000 : 1)) };
}
