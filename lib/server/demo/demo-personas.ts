import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { env, isEmbeddedMode } from "@/lib/env";
import { DEMO_PERSONAS } from "@/lib/db/seed/demo-data";
import type { Role } from "@/lib/schemas/roles";

export const DEMO_CREDENTIALS_FILE = ".data/demo-credentials.json";

/**
 * The demo cast with their sign-in details, for the sign-in page. Only in the embedded demo; in any
 * other mode this is null and the page shows no personas.
 */
export async function demoPersonas(): Promise<Array<{
  role: Role;
  name: string;
  email: string;
  password: string;
  wallet?: string;
}> | null> {
  if (!isEmbeddedMode(env())) return null;
  const file = process.env.DEMO_CREDENTIALS_PATH ?? path.resolve(/* turbopackIgnore: true */ process.cwd(), DEMO_CREDENTIALS_FILE);
  const passwords = await readFile(/* turbopackIgnore: true */ file, "utf8").then(
    (t) => JSON.parse(t) as Record<string, string>,
    () => null,
  );
  if (!passwords) return null;
  return DEMO_PERSONAS.map((p) => ({
    role: p.role,
    name: p.name,
    email: p.email,
    password: passwords[p.key] ?? "",
    wallet: p.wallet,
  }));
}
