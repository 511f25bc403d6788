import "server-only";
import { UcumLhcUtils } from "@lhncbc/ucum-lhc";
import type { TProtocol } from "@/lib/schemas/protocol";
import type { FieldErrors } from "@/lib/server/errors/app-error";

/**
 * Whether a unit is a valid UCUM code, by the maintained UCUM tables of @lhncbc/ucum-lhc (server only: the tables
 * are a megabyte the protocol form does not need). The unit must be written exactly as UCUM spells it: a recorded
 * value carries the protocol's unit verbatim, so "mmHg" is refused with the suggestion "mm[Hg]".
 */
export function ucumProblemOf(unit: string): string | null {
  const result = UcumLhcUtils.getInstance().validateUnitString(unit, true);
  if (result.status === "valid" && result.ucumCode === unit) return null;
  const suggested = result.suggestions?.flatMap((s) => s.units.map((u) => u[0])).slice(0, 3) ?? [];
  if (result.status === "valid" && result.ucumCode) suggested.unshift(result.ucumCode);
  return suggested.length > 0
    ? `${unit} is not a UCUM unit code; did you mean ${suggested.join(" or ")}?`
    : `${unit} is not a UCUM unit code (e.g. mm[Hg], mg/dL, kg/m2, 1)`;
}

/** Every outcome unit of a protocol that is not a UCUM code, keyed by its field path (for a 422). */
export function protocolUnitProblems(protocol: TProtocol): FieldErrors {
  const out: FieldErrors = {};
  for (const list of ["primaryOutcomes", "secondaryOutcomes"] as const) {
    protocol[list].forEach((o, i) => {
      const problem = o.unit === undefined ? null : ucumProblemOf(o.unit);
      if (problem) out[`${list}.${i}.unit`] = [problem];
    });
  }
  return out;
}
