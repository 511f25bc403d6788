// `trialproof verify-protocol` as an auditor runs it: a separate process given a trial's public id, the chain's RPC
// URL and the portal's URL. The trial is registered and amended through the real use cases, with the sponsor's own
// transactions on a real Hardhat chain, and its log anchored; the portal's public API is served by its real route
// handlers. Attacks: a record edited in SQL, a TrialLedger without the amendment.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { GET as getTrialRoute } from "@/app/api/trials/[publicId]/route";
import { GET as getEnvelopeRoute } from "@/app/api/trials/[publicId]/versions/[version]/envelope/route";
import { deployTrialLedger } from "@/lib/chain/deploy";
import { hardhatDevPrivateKeys } from "@/lib/chain/local-node";
import { log } from "@/lib/db/schema";
import { amendProtocol } from "@/lib/server/protocols/amend-protocol";
import { confirmProtocolOnChain } from "@/lib/server/protocols/confirm-protocol-on-chain";
import { createTrial } from "@/lib/server/protocols/create-trial";
import { completeProtocol, startRegistrationWorld, type RegistrationWorld } from "@/lib/server/protocols/protocol-registration.test-helper";
import { registerProtocol } from "@/lib/server/protocols/register-protocol";
import { saveProtocolDraft } from "@/lib/server/protocols/save-protocol-draft";
import { amendProtocolOnChainForTest, anchorDirectlyForTest, freePort, registerTrialOnChainForTest } from "@/lib/testing/test-ledger";
import { CLI_TEST_TIMEOUT, runTrialproof as cli } from "./run-cli";

let world: RegistrationWorld;
let publicId: string;
let portal: Server;
let portalUrl: string;

/**
 * Test boundary: the portal's public API over HTTP, answered by its real route handlers (and so by the real use
 * cases on this test's database); only Next's routing is replaced, by two patterns.
 */
function servePortalRoutesForTest(): Promise<Server> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const request = new Request(url, { method: req.method, headers: { accept: "application/json" } });
    const envelope = /^\/api\/trials\/([^/]+)\/versions\/([^/]+)\/envelope$/.exec(url.pathname);
    const trial = /^\/api\/trials\/([^/]+)$/.exec(url.pathname);
    let response: Response;
    if (envelope)
      response = await getEnvelopeRoute(request, {
        params: Promise.resolve({ publicId: decodeURIComponent(envelope[1]!), version: envelope[2]! }),
      });
    else if (trial) response = await getTrialRoute(request, { params: Promise.resolve({ publicId: decodeURIComponent(trial[1]!) }) });
    else response = Response.json({ error: { code: "NOT_FOUND", message: "Not found." } }, { status: 404 });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

beforeAll(async () => {
  world = await startRegistrationWorld();
  const { database, ledger, sponsor } = world;
  const created = await createTrial(sponsor, { title: "Amlodipine trial" });
  publicId = created.publicId;
  await saveProtocolDraft(sponsor, created.trialId, { data: completeProtocol() });
  const v1 = await registerProtocol(sponsor, created.trialId);
  const registered = await registerTrialOnChainForTest(ledger, publicId, v1.protocolHash);
  await confirmProtocolOnChain(sponsor, created.trialId, { txHash: registered.transactionHash });
  await saveProtocolDraft(sponsor, created.trialId, { data: completeProtocol({ targetSampleSize: "140" }) });
  const v2 = await amendProtocol(sponsor, created.trialId, { reason: "DSMB recommendation" });
  const amended = await amendProtocolOnChainForTest(ledger, publicId, v2.protocolHash);
  await confirmProtocolOnChain(sponsor, created.trialId, { txHash: amended.transactionHash });
  const [head] = await database.select({ size: log.size }).from(log).where(eq(log.id, publicId));
  await anchorDirectlyForTest(database, ledger, publicId, head!.size);
  portal = await servePortalRoutesForTest();
  portalUrl = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => portal?.close(resolve));
  await Promise.all([world?.drop(), world?.ledger.stop()]);
});

describe("trialproof verify-protocol", () => {
  it(
    "verifies what the portal publishes: both versions committed by the sponsor, the anchored checkpoint and each inclusion (exit 0)",
    async () => {
      const ok = await cli(["verify-protocol", publicId, "--rpc", world.ledger.url, "--portal", portalUrl, "--contract", world.ledger.contract]);
      expect(ok.stderr).toBe("");
      expect(ok.stdout).toContain(`Protocol of ${publicId} as published by ${portalUrl}/`);
      expect(ok.stdout).toMatch(/^Version 1: OK$/m);
      expect(ok.stdout).toMatch(/^Version 2: OK$/m);
      expect(ok.stdout).toMatch(/^ {2}PASS {2}Checkpoint shown as anchored is on chain: size \d+/m);
      expect(ok.stdout.match(/^ {2}PASS {2}Included in the checkpoint shown as anchored/gm)).toHaveLength(2);
      expect(ok.stdout).not.toMatch(/^ {2}(FAIL|SKIP)/m);
      expect(ok.stdout).toContain("RESULT: VERIFIED");
      expect(ok.code).toBe(0);
    },
    CLI_TEST_TIMEOUT,
  );

  it(
    "against a TrialLedger where the amendment was never committed: exit 1, naming version 2",
    async () => {
      const { ledger } = world;
      const other = await deployTrialLedger({
        rpcUrl: ledger.url,
        chainId: 31337,
        deployerKey: hardhatDevPrivateKeys()[0]!,
      });
      const published = (await (await fetch(`${portalUrl}/api/trials/${publicId}`)).json()) as {
        versions: { version: number; leafHash: `0x${string}` }[];
      };
      await registerTrialOnChainForTest({ ...ledger, contract: other.address }, publicId, published.versions[0]!.leafHash);
      const bad = await cli(["verify-protocol", publicId, "--rpc", ledger.url, "--portal", portalUrl, "--contract", other.address]);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toMatch(/^ {2}PASS {2}Matches the sponsor's commitment for version 1 on chain/m);
      expect(bad.stdout).toMatch(/^Version 2: FAILED$/m);
      expect(bad.stdout).toMatch(/^ {2}FAIL {2}Matches the sponsor's commitment for version 2 on chain: the chain has no commitment for version 2$/m);
      expect(bad.stdout).toContain("  - version 2 does not match the sponsor's commitment on chain");
      // Nothing was checkpointed on that TrialLedger: what the portal shows as anchored is not anchored there.
      expect(bad.stdout).toMatch(/^ {2}FAIL {2}Checkpoint shown as anchored is on chain: no checkpoint of size \d+ on chain \(latest: size 0/m);
      expect(bad.stdout).toContain("RESULT: FAILED");
    },
    CLI_TEST_TIMEOUT,
  );

  it(
    "usage errors exit 2; an unreachable portal or chain exits 3",
    async () => {
      const { ledger } = world;
      const noPortal = await cli(["verify-protocol", publicId, "--rpc", ledger.url]);
      expect(noPortal.stderr).toMatch(/--portal <url> is required/);
      expect(noPortal.code).toBe(2);
      expect((await cli(["verify-protocol", "--rpc", ledger.url, "--portal", portalUrl])).code).toBe(2);
      const unknown = await cli(["verify-protocol", "TP-1999-0001", "--rpc", ledger.url, "--portal", portalUrl]);
      expect(unknown.stderr).toMatch(/has no registered trial TP-1999-0001/);
      expect(unknown.code).toBe(2);
      const nobody = `http://127.0.0.1:${await freePort(8700)}`;
      const noPortalThere = await cli(["verify-protocol", publicId, "--rpc", ledger.url, "--portal", nobody]);
      expect(noPortalThere.stderr).toMatch(/cannot reach the portal/);
      expect(noPortalThere.code).toBe(3);
      const noChain = await cli(["verify-protocol", publicId, "--rpc", nobody, "--portal", portalUrl]);
      expect(noChain.stderr).toMatch(/cannot reach the chain/);
      expect(noChain.code).toBe(3);
    },
    CLI_TEST_TIMEOUT,
  );

  it(
    "after version 2's record is edited in SQL: exit 1, version 2 named, version 1 still verified",
    async () => {
      const { database } = world;
      const published = (await (await fetch(`${portalUrl}/api/trials/${publicId}`)).json()) as {
        versions: { version: number; leafIndex: number }[];
      };
      const index = published.versions.find((v) => v.version === 2)!.leafIndex;
      await database.$asOwner(async (owner) => {
        await owner.execute(sql`alter table log_envelope disable trigger log_envelope_no_update`);
        try {
          await owner.execute(
            sql`update log_envelope set envelope = jsonb_set(envelope, '{body,protocol,targetSampleSize}', '"90"') where log_id = ${publicId} and idx = ${index}`,
          );
        } finally {
          await owner.execute(sql`alter table log_envelope enable always trigger log_envelope_no_update`);
        }
      });
      const bad = await cli(["verify-protocol", publicId, "--rpc", world.ledger.url, "--portal", portalUrl]);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toMatch(/^Version 1: OK$/m);
      expect(bad.stdout).toMatch(/^Version 2: FAILED$/m);
      expect(bad.stdout).toMatch(
        /^ {2}FAIL {2}Matches the sponsor's commitment for version 2 on chain: the record hashes to 0x[0-9a-f]{64}, but the sponsor committed 0x/m,
      );
      expect(bad.stdout).toMatch(
        /^ {2}FAIL {2}Included in the checkpoint shown as anchored: record #\d+ in the tree of size \d+: the record's leaf hash and the proof do not lead to root/m,
      );
      expect(bad.stdout).toContain("pin it with --contract");
      expect(bad.stdout).toContain("RESULT: FAILED");
    },
    CLI_TEST_TIMEOUT,
  );
});
