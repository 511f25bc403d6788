/**
 * `trialproof verify-protocol <public id> --rpc <url> --portal <url>`: what a portal publishes about a trial
 * (GET /api/trials/<id> and each version's record at /api/trials/<id>/versions/<n>/envelope), checked against
 * TrialLedger with lib/chain's verifyPublicTrialOnChain, the function the public trial page's Verify runs.
 * Nothing the portal says is trusted: its sponsor, versions, records, checkpoints and proofs are the claims.
 */
import { z } from "zod";
import type { Address, Hex } from "viem";
import { claimOfPublishedVersion, verifyPublicTrialOnChain, type PublicTrialVerification } from "@/lib/chain/verify-public-trial";
import { chainErrorText } from "@/lib/chain/ledger-reader";
import { ZLogId } from "@/lib/schemas/records";
import { chainReachable, fromBlockOption, IncompleteError, pinnedContract, rpcClient, UsageError } from "./cli-support";
import { formatProtocolVerification } from "./format-report";

export interface VerifyProtocolOptions {
  rpc?: string;
  portal?: string;
  contract?: string;
  "from-block"?: string;
  json?: boolean;
}

const hash = z.string().regex(/^0x[0-9a-fA-F]{64}$/);
/** The fields of the portal's answer the verification reads; anything else it publishes is ignored. */
const ZPublishedTrial = z.object({
  versions: z
    .array(
      z.object({
        version: z.number().int().positive(),
        protocol: z.unknown().optional(),
        leafIndex: z.number().int().nonnegative().nullable(),
        blockNumber: z.union([z.number(), z.string()]).nullable().optional(),
        anchoring: z.unknown().optional(),
        inclusionProof: z.array(hash).nullable().optional(),
      }),
    )
    .min(1),
  chain: z.object({
    chainId: z.number().nullable().optional(),
    contract: z.string().nullable().optional(),
    sponsor: z.string().nullable().optional(),
  }),
});

function portalBase(value: string | undefined): URL {
  if (!value) throw new UsageError("--portal <url> is required: the TrialProof portal that publishes the trial");
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--portal must be an http(s):// URL, got "${value}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError(`--portal must be an http(s):// URL, got "${value}"`);
  // A portal may live under a path: the API is relative to it.
  if (!url.pathname.endsWith("/")) url.pathname = `${url.pathname}/`;
  return url;
}

/** GET a JSON document from the portal: null on 404, IncompleteError when it cannot be read. */
async function getJson(url: URL): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    throw new IncompleteError(`cannot reach the portal at ${url.origin}: ${chainErrorText((error as { cause?: unknown }).cause ?? error)}`);
  }
  if (res.status === 404) return null;
  if (!res.ok) throw new IncompleteError(`the portal answered ${url.pathname} with HTTP ${res.status}`);
  try {
    return await res.json();
  } catch {
    throw new IncompleteError(`the portal's answer to ${url.pathname} is not JSON`);
  }
}

export async function verifyProtocolCommand(publicId: string | undefined, values: VerifyProtocolOptions): Promise<number> {
  const id = ZLogId.safeParse(publicId);
  if (!id.success || id.data === "portal")
    throw new UsageError("give the public id of the trial to verify, e.g. trialproof verify-protocol TP-2026-0001");
  const base = portalBase(values.portal);
  const { client, url } = rpcClient(values.rpc);
  const pinned = pinnedContract(values.contract);
  const fromBlockOverride = fromBlockOption(values["from-block"]);

  const trialPath = `api/trials/${encodeURIComponent(id.data)}`;
  const trialUrl = new URL(trialPath, base);
  const json = await getJson(trialUrl);
  if (json === null) throw new UsageError(`the portal at ${base.href} has no registered trial ${id.data}`);
  const parsed = ZPublishedTrial.safeParse(json);
  if (!parsed.success) {
    console.log(`The portal's answer for ${id.data} is not a published trial:`);
    for (const issue of parsed.error.issues.slice(0, 20)) console.log(`  - ${issue.path.join(".") || "(root)"}: ${issue.message}`);
    console.log("RESULT: FAILED — nothing to verify.");
    return 1;
  }
  const published = parsed.data;
  const contract = pinned ?? (published.chain.contract as Address | null | undefined);
  if (!contract) throw new UsageError(`the portal names no TrialLedger for ${id.data}: pass --contract <address>`);

  // Each record as the portal serves it on its own: a missing one is a failed version, not a failed run.
  const envelopes = await Promise.all(
    published.versions.map((v) => getJson(new URL(`${trialPath}/versions/${v.version}/envelope`, base)).then((e) => e ?? undefined)),
  );
  const blocks = published.versions.map((v) => Number(v.blockNumber)).filter((n) => Number.isSafeInteger(n) && n > 0);
  const fromBlock = fromBlockOverride ?? (blocks.length > 0 ? BigInt(Math.min(...blocks)) : 0n);

  const chainId = await chainReachable(client, url);
  let result: PublicTrialVerification;
  try {
    result = await verifyPublicTrialOnChain(
      { client, contract, fromBlock },
      {
        publicId: id.data,
        sponsor: published.chain.sponsor ?? null,
        versions: published.versions.map((v, i) =>
          claimOfPublishedVersion({ ...v, inclusionProof: (v.inclusionProof ?? null) as Hex[] | null }, envelopes[i]),
        ),
      },
    );
  } catch (error) {
    throw new IncompleteError(`cannot read TrialLedger ${contract} at ${url}: ${chainErrorText(error)}`);
  }
  const problems: string[] = [];
  const named = published.chain.chainId;
  if (typeof named === "number" && named !== chainId)
    problems.push(`the portal publishes ${id.data} on chain ${named}, but ${url} serves chain ${chainId}`);
  const ok = result.ok && problems.length === 0;
  if (values.json) console.log(JSON.stringify({ ...result, ok, problems, blockNumber: String(result.blockNumber) }, null, 2));
  else
    console.log(
      formatProtocolVerification(result, {
        publicId: id.data,
        portal: base.href,
        rpcUrl: url,
        pinned: pinned !== undefined,
        problems,
      }),
    );
  return ok ? 0 : 1;
}
