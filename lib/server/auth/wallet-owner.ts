import "server-only";
import { sql } from "drizzle-orm";
import type { Database, Tx } from "@/lib/db/client";
import { walletAddress } from "@/lib/db/schema";

/**
 * The account a wallet is linked to, on any chain, or null. Compared without regard to letter case: an address has
 * one owner whatever its checksum spelling.
 */
export async function walletOwner(database: Database | Tx, address: string): Promise<string | null> {
  const [row] = await database
    .select({ userId: walletAddress.userId })
    .from(walletAddress)
    .where(sql`lower(${walletAddress.address}) = ${address.toLowerCase()}`)
    .limit(1);
  return row?.userId ?? null;
}
