import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { publicClient } from "@/lib/chain/clients";
import { trialLedgerAddress } from "@/lib/chain/ledger-address";

/** Database reachable, chain reachable on the configured id, contract code present. */
export async function checkHealth() {
  const database = await db();
  const dbOk = await database.execute(sql`select 1`).then(
    () => true,
    () => false,
  );
  const client = publicClient();
  const chainId = await client.getChainId().catch(() => null);
  const address = trialLedgerAddress();
  const code = address && chainId ? await client.getCode({ address }).catch(() => undefined) : undefined;
  const contractOk = !!code && code !== "0x";
  return {
    ok: dbOk && chainId !== null && contractOk,
    database: dbOk,
    chainId,
    contract: address ?? null,
    contractDeployed: contractOk,
  };
}
