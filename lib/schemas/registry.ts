/**
 * The public registry's query: the /trials page's search form and GET /api/trials read the same parameters (as
 * lib/schemas/query.ts's queryObjectOf gives them: a repeated parameter is a list, which no field accepts) with
 * this one schema, and the registry use case parses its input with it again (so a caller that skipped it still
 * gets a 4xx, never a database error). Every issue's path is the parameter's name and its message says what is
 * allowed without echoing the value. Any other parameter is ignored. Empty values mean "no filter" (the form submits `status=` for "Any status").
 *
 * Parsing is idempotent: parsing the output again gives the same output.
 */
import { z } from "zod";
import { PHASES } from "@/lib/vocabulary/phase";
import { RECRUITMENT_STATUSES } from "@/lib/vocabulary/recruitment-status";

export const REGISTRY_Q_MAX = 200;
export const REGISTRY_PAGE_MAX = 100_000;
export const REGISTRY_PAGE_SIZE_MAX = 100;
export const REGISTRY_PAGE_SIZE_DEFAULT = 20;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/** A whole number within [1, max], given as a number or as its decimal digits. */
const wholeNumber = (label: string, max: number, fallback: number) =>
  z.preprocess(
    (v) =>
      v === undefined || (typeof v === "string" && v.trim() === "") ? fallback : typeof v === "string" && /^\s*\d{1,15}\s*$/.test(v) ? Number(v) : v,
    z
      .number({ error: `${label} must be a whole number from 1 to ${max}` })
      .int(`${label} must be a whole number from 1 to ${max}`)
      .min(1, `${label} must be a whole number from 1 to ${max}`)
      .max(max, `${label} must be a whole number from 1 to ${max}`),
  );

// Control characters (NUL above all) cannot be stored or compared as PostgreSQL text; nobody types them.
const NO_CONTROL_CHARACTERS = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;

export const ZRegistryQuerySchema = z.object({
  q: optional(
    z
      .string({ error: "Search must be text" })
      .trim()
      .max(REGISTRY_Q_MAX, `Search must be at most ${REGISTRY_Q_MAX} characters`)
      .regex(NO_CONTROL_CHARACTERS, "Search must not contain control characters"),
  ),
  status: optional(z.enum(RECRUITMENT_STATUSES, `Status must be one of: ${RECRUITMENT_STATUSES.join(", ")}`)),
  phase: optional(z.enum(PHASES, `Phase must be one of: ${PHASES.join(", ")}`)),
  country: optional(
    z
      .string({ error: "Country must be a two-letter code such as GB" })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, "Country must be a two-letter code such as GB"),
  ),
  page: wholeNumber("Page", REGISTRY_PAGE_MAX, 1),
  pageSize: wholeNumber("Page size", REGISTRY_PAGE_SIZE_MAX, REGISTRY_PAGE_SIZE_DEFAULT),
});
/** What the registry use case works with. */
export type TRegistryQuery = z.output<typeof ZRegistryQuerySchema>;
/** What a caller may pass: query-string values or already-parsed ones, any of them left out. */
export type TRegistryQueryInput = Partial<z.input<typeof ZRegistryQuerySchema>>;
