import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { showOneUrl } from "./next-output";

async function shown(input: string): Promise<string> {
  const from = new PassThrough();
  const to = new PassThrough();
  let out = "";
  to.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
  showOneUrl(from, to);
  from.end(input);
  await new Promise((r) => setTimeout(r, 20));
  return out;
}

describe("Next.js output with one URL", () => {
  it("drops the lines announcing the bound address, plain or coloured, and keeps everything else", async () => {
    const out = await shown(
      [
        "   ▲ Next.js 16.4.5",
        "   - Local:        http://127.0.0.1:3000",
        "   - Network:      http://127.0.0.1:3000",
        "\x1b[2m   - Local:        http://127.0.0.1:3000\x1b[22m",
        " ✓ Ready in 1145ms",
        "[anchoring] checkpointed portal@1 (see http://127.0.0.1:8545)",
      ].join("\n") + "\n",
    );
    expect(out).toBe(["   ▲ Next.js 16.4.5", " ✓ Ready in 1145ms", "[anchoring] checkpointed portal@1 (see http://127.0.0.1:8545)", ""].join("\n"));
  });
});
