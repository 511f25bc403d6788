#!/usr/bin/env node
// `trialproof` command: runs the TypeScript CLI (scripts/cli/trialproof.ts) with this repository's tsx and the
// `react-server` condition its server modules need. Arguments, signals and the exit code are passed through.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { constants } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tsxCli = createRequire(path.join(root, "package.json")).resolve("tsx/cli");

const child = spawn(
  process.execPath,
  [
    tsxCli,
    "--conditions=react-server",
    "--tsconfig",
    path.join(root, "tsconfig.json"),
    path.join(root, "scripts", "cli", "trialproof.ts"),
    ...process.argv.slice(2),
  ],
  { stdio: "inherit" },
);

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));

child.on("error", (error) => {
  console.error(`trialproof: could not start: ${error.message}`);
  process.exit(3);
});
child.on("exit", (code, signal) => {
  process.exit(code ?? 128 + (constants.signals[signal] ?? 15));
});
