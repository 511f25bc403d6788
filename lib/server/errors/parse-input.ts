import type { z } from "zod";
import { fromZod } from "./from-zod";

/** A use case's own parse of its input with the shared schema: a 422 naming every offending field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw fromZod(parsed.error, what);
  return parsed.data;
}
