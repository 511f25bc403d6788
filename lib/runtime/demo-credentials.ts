import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { DEMO_PERSONAS } from "@/lib/db/seed/demo-data";

/**
 * Demo passwords: DEMO_PASSWORD for all (tests), or fresh random ones per installation. They are
 * written under .data/ (git-ignored) so the embedded sign-in page can list them.
 */
export async function makeDemoCredentials(file: string): Promise<Record<string, string>> {
  const fixed = process.env.DEMO_PASSWORD;
  const passwords = Object.fromEntries(DEMO_PERSONAS.map((p) => [p.key, fixed ?? `demo-${randomBytes(9).toString("base64url")}`]));
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(passwords, null, 2), { mode: 0o600 });
  return passwords;
}
