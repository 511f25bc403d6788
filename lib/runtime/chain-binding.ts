import { and, desc, eq, isNotNull } from "drizzle-orm";
import { createPublicClient, http, type Address, type Hash } from "viem";
import type { Database } from "@/lib/db/open";
import { anchorBatch, protocolVersion, systemState } from "@/lib/db/schema";
import { trialLedgerDeployedBytecode } from "@/lib/chain/generated/trial-ledger";

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
 * block still has the same hash (a restarted local chain produces different hashes), and at the address the code
 * of this TrialLedger (an older build derives trial ids differently, docs/ledger.md#trial-ids). Anything else means
 * the chain was reset under the data, or the data belongs to an older contract.
 */
export async function bindingMatchesChain(binding: ChainBinding, rpcUrl: string): Promise<boolean> {
  const client = createPublicClient({ transport: http(rpcUrl, { retryCount: 0, timeout: 5_000 }) });
  try {
    if ((await client.getChainId()) !== binding.chainId) return false;
    const block = await client.getBlock({ blockNumber: BigInt(binding.deployBlockNumber) }).catch(() => null);
    if (!block || block.hash !== binding.deployBlockHash) return false;
    const code = await client.getCode({ address: binding.ledgerAddress });
    return !!code && code.toLowerCase() === trialLedgerDeployedBytecode.toLowerCase();
  } catch {
    return false;
  }
}

/**
 * True when the chain still holds the newest transactions the database recorded as confirmed: the last
 * checkpoint batch (same block hash) and the last protocol registration or amendment (same block). A local chain
 * that was killed before it saved its last blocks comes back with the deployment but without them.
 */
export async function latestTransactionsOnChain(database: Database, rpcUrl: string): Promise<boolean> {
  const client = createPublicClient({ transport: http(rpcUrl, { retryCount: 0, timeout: 5_000 }) });
  const [batch] = await database
    .select({ txHash: anchorBatch.txHash, blockNumber: anchorBatch.blockNumber, blockHash: anchorBatch.blockHash })
    .from(anchorBatch)
    .where(and(eq(anchorBatch.status, "confirmed"), isNotNull(anchorBatch.blockNumber)))
    .orderBy(desc(anchorBatch.blockNumber))
    .limit(1);
  const [version] = await database
    .select({ txHash: protocolVersion.txHash, blockNumber: protocolVersion.blockNumber })
    .from(protocolVersion)
    .where(and(eq(protocolVersion.chainState, "confirmed"), isNotNull(protocolVersion.txHash), isNotNull(protocolVersion.blockNumber)))
    .orderBy(desc(protocolVersion.blockNumber))
    .limit(1);
  const included = async (txHash: string, blockNumber: number, blockHash?: string | null) => {
    const receipt = await client.getTransactionReceipt({ hash: txHash as Hash }).catch(() => null);
    return !!receipt && receipt.blockNumber === BigInt(blockNumber) && (!blockHash || receipt.blockHash === blockHash);
  };
  try {
    if (batch && !(await included(batch.txHash, batch.blockNumber!, batch.blockHash))) return false;
    if (version && !(await included(version.txHash!, version.blockNumber!))) return false;
    return true;
  } catch {
    return false;
  }
}
