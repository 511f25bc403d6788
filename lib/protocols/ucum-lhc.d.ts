// The part of @lhncbc/ucum-lhc the portal calls (the package ships no type declarations).
declare module "@lhncbc/ucum-lhc" {
  interface UnitValidation {
    status: "valid" | "invalid" | "error";
    ucumCode: string | null;
    msg: string[];
    suggestions?: { msg: string; invalidUnit: string; units: [string, string, string][] }[];
  }
  interface UcumLhcUtils {
    validateUnitString(unit: string, suggest?: boolean): UnitValidation;
  }
  export const UcumLhcUtils: { getInstance(): UcumLhcUtils };
}
