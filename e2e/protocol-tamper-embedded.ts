// The tampering case of protocols.spec.ts on the embedded database (see the comment at the top of that spec).
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import { PGlite } from "@electric-sql/pglite";
import type { Page } from "@playwright/test";
import { startHardhatNode } from "../lib/chain/local-node";
import { E2E } from "./fixtures/e2e-env";
import { expect } from "./fixtures/test";

/** A second, self-owned portal instance on an embedded PGlite directory and a chain node that outlives it. */
export async function tamperEmbeddedAndVerify(page: Page) {
  const port = 3200;
  const base = `http://localhost:${port}`;
  const node = await startHardhatNode({ port: 8575 });
  const dir = await mkdtemp(path.join(os.tmpdir(), "tp-e2e-tamper-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    RPC_URL: node.url,
    CHAIN_ID: "31337",
    START_LOCAL_CHAIN: "false",
    PGLITE_DIR: dir,
    TRIALPROOF_MODE: "embedded",
    DEMO_PASSWORD: E2E.demoPassword,
    DEMO_CREDENTIALS_PATH: path.join(dir, "demo-credentials.json"),
    BETTER_AUTH_URL: base,
  };
  delete env.DATABASE_URL;
  let server: ChildProcess | undefined;
  let output = "";
  const start = async () => {
    server = spawn("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/serve.ts", "--prod"], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout?.on("data", (d: Buffer) => void (output += d.toString()));
    server.stderr?.on("data", (d: Buffer) => void (output += d.toString()));
    try {
      await expect
        .poll(async () => (await page.request.get(`${base}/api/trials/TP-2026-0002`).catch(() => null))?.status() ?? 0, {
          timeout: 120_000,
          intervals: [1_000],
        })
        .toBe(200);
    } catch (error) {
      throw new Error(`the second portal instance did not serve TP-2026-0002:\n${output.slice(-2000)}`, {
        cause: error,
      });
    }
  };
  const stop = async () => {
    if (!server || server.exitCode !== null) return;
    const exited = new Promise((resolve) => server!.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  };
  try {
    await start();
    await stop();

    const db = await PGlite.create(dir);
    try {
      const { rows } = await db.query<{ idx: number }>(
        "SELECT idx FROM log_leaf WHERE log_id = 'TP-2026-0002' AND kind = 'protocol.version' ORDER BY idx LIMIT 1",
      );
      expect(rows).toHaveLength(1);
      await db.exec("ALTER TABLE log_envelope DISABLE TRIGGER USER");
      const edited = await db.query(
        `UPDATE log_envelope SET envelope = jsonb_set(envelope, '{body,protocol,publicTitle}', '"A quietly different title"')
          WHERE log_id = 'TP-2026-0002' AND idx = $1`,
        [rows[0]!.idx],
      );
      expect(edited.affectedRows).toBe(1);
      for (const t of ["log_envelope_no_update", "log_envelope_no_truncate", "log_envelope_delete_only_by_erasure"]) {
        await db.exec(`ALTER TABLE log_envelope ENABLE ALWAYS TRIGGER ${t}`);
      }
    } finally {
      await db.close();
    }

    // Same chain, so the portal keeps its data (the deployment still exists) and serves the edited record.
    await start();
    await page.goto(`${base}/trials/TP-2026-0002`);
    await page.getByTestId("protocol-verify").click();
    const verdict = page.getByTestId("protocol-verify-verdict");
    await expect(verdict).toHaveAttribute("data-verdict", "failed", { timeout: 20_000 });
    await expect(verdict).toContainText("Version 1 does not match the sponsor's commitment on chain.");
  } finally {
    await stop();
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
