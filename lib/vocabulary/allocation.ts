/** Allocation of an interventional study (WHO TRDS "Study type: method of allocation"). */
import { z } from "zod";

export const ALLOCATIONS = ["randomized", "non_randomized", "n/a"] as const;
export type Allocation = (typeof ALLOCATIONS)[number];
export const ZAllocation = z.enum(ALLOCATIONS, `Allocation must be one of: ${ALLOCATIONS.join(", ")}`);

export const ALLOCATION_LABEL: Record<Allocation, string> = {
  randomized: "Randomized",
  non_randomized: "Non-randomized",
  "n/a": "Not applicable",
};
