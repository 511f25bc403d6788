import "server-only";
import { randomBytes } from "node:crypto";
import { env, isEmbeddedMode } from "@/lib/env";

let ephemeral: string | undefined;

/**
 * The session-signing secret comes from the environment. Only the embedded demo may run without one;
 * it then uses a per-process random secret (sessions end on restart), never a value from the repository.
 */
export function authSecret(): string {
  const e = env();
  if (e.BETTER_AUTH_SECRET) return e.BETTER_AUTH_SECRET;
  if (!isEmbeddedMode(e)) throw new Error("BETTER_AUTH_SECRET is required outside the embedded demo");
  ephemeral ??= randomBytes(32).toString("hex");
  return ephemeral;
}
