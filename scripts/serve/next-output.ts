import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";

// Colour codes, in case Next.js decides the output is a terminal.
const ANSI = /\x1b\[[0-9;]*m/g;
const ADDRESS_LINE = /^\s*-\s*(Local|Network):/;

/**
 * Copies Next.js's output line by line, except the lines announcing the address it binds ("- Local:
 * http://127.0.0.1:3000", "- Network: …"): the start script prints the portal's one address, BETTER_AUTH_URL.
 */
export function showOneUrl(from: Readable, to: Writable): void {
  const lines = createInterface({ input: from, crlfDelay: Infinity });
  lines.on("line", (line) => {
    if (!ADDRESS_LINE.test(line.replace(ANSI, ""))) to.write(`${line}\n`);
  });
}
