// Runs the `trialproof` command as a user does: a separate Node process through bin/trialproof.mjs.
import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Each run starts a TypeScript process (a few seconds, much more on a busy machine): tests give it room. */
export const CLI_TEST_TIMEOUT = 300_000;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `trialproof <args>` in `cwd`; the database settings of this process are not passed on unless given in `env`. */
export function runTrialproof(args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(REPO_ROOT, "bin", "trialproof.mjs"), ...args],
      {
        cwd: options.cwd ?? REPO_ROOT,
        env: { ...process.env, DATABASE_URL: undefined, PGLITE_DIR: undefined, ...options.env },
        timeout: 120_000,
      },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}
