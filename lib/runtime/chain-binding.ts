import { eq } from "drizzle-orm";
import { createPublicClient, http, type Address, type Hash } from "viem";
import type { Database } from "@/lib/db/open";
import { systemState } from "@/lib/db/schema";

/** Which chain deployment this database's data belongs to. */
export interface ChainBinding {
  chainId: number;
  ledgerAddress: Address;
  deployBlockNumber: string;
  deployBlockHash: Hash;
}

const KEY = "chain";

export async function readChainBinding(database: Database): Promise<ChainBinding | null> {
  const row = await database.query.systemState.findFirst({ where: eq(systemState.key, KEY) });
  return (row?.value as ChainBinding | undefined) ?? null;
}

export async function writeChainBinding(database: Database, binding: ChainBinding): Promise<void> {
  await database
    .insert(systemState)
    .values({ key: KEY, value: binding })
    .onConflictDoUpdate({ target: systemState.key, set: { value: binding, updatedAt: new Date() } });
}

/**
 * True when the chain still has the deployment the database points at: same chain id, the deploy
 * block still has the same hash (a restarted local chain produces different hashes), code at the
 * address. Anything else means the chain was reset under the data.
 */
export async function bindingMatchesChain(binding: ChainBinding, rpcUrl: string): Promise<boolean> {
  const client = createPublicClient({ transport: http(rpcUrl, { retryCount: 0, timeout: 5_000 }) });
  try {
    if ((await client.getChainId()) !== binding.chainId) return false;
    const block = await client.getBlock({ blockNumber: BigInt(binding.deployBlockNumber) }).catch(() => null);
    if (!block || block.hash !== binding.deployBlockHash) return false;
    const code = await client.getCode({ address: binding.ledgerAddress });
    return !!code && code !== "0x";
  } catch {
    return false;
  }
}
