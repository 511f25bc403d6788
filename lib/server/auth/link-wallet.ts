import "server-only";
import { eq } from "drizzle-orm";
import { getAddress } from "viem";
import { parseSiweMessage, validateSiweMessage } from "viem/siwe";
import { publicClient } from "@/lib/chain/clients";
import { db } from "@/lib/db/client";
import { account, walletAddress } from "@/lib/db/schema";
import { env } from "@/lib/env";
import type { TLinkWalletRequest } from "@/lib/schemas/wallets";
import { userActor } from "@/lib/server/audit/actor";
import { recordDomainChange } from "@/lib/server/audit/record-domain-change";
import { AppError } from "@/lib/server/errors/app-error";
import { newAuthId } from "./auth-ids";
import { getAuth } from "./auth";
import type { Viewer } from "./viewer";
import { walletOwner } from "./wallet-owner";

/** better-auth's SIWE plugin keeps its nonces under this prefix (they come from /api/auth/siwe/nonce). */
const SIWE_NONCE_PREFIX = "siwe:";

export const WALLET_TAKEN_MESSAGE =
  "This wallet is already linked to another TrialProof account. A wallet signs in to one account only: use another wallet, or ask a platform admin.";

const invalid = (message: string) => new AppError("UNPROCESSABLE", message);

/**
 * Links a wallet to the signed-in person's account, proved by a Sign-In with Ethereum signature: the message must
 * name this portal's domain and chain, carry a one-time nonce the portal issued, and be signed by the wallet it
 * names. The wallet, its better-auth account row and the `auth.wallet_linked` record are written in one
 * transaction. A wallet linked to someone else is a 409; linking one's own wallet again changes nothing.
 */
export async function linkWallet(viewer: Viewer, input: TLinkWalletRequest, ipAddress: string | null) {
  const e = env();
  const domain = new URL(e.BETTER_AUTH_URL).host;
  const message = parseSiweMessage(input.message);
  if (!message.address || !message.nonce || !message.domain || message.chainId === undefined) {
    throw invalid("This is not a Sign-In with Ethereum message (address, domain, chain id or nonce missing).");
  }
  if (message.domain !== domain) throw invalid(`The message was signed for ${message.domain}, not for this portal (${domain}).`);
  if (message.chainId !== e.CHAIN_ID) {
    throw invalid(
      `The message was signed on chain ${message.chainId}; wallets are linked on chain ${e.CHAIN_ID}. Switch your wallet's network and try again.`,
    );
  }
  if (!validateSiweMessage({ message, domain, time: new Date() })) {
    throw invalid("The message has expired or is not valid yet. Sign a new one.");
  }
  // One use per nonce, consumed before the signature is checked (as at sign-in), so a captured message cannot be replayed.
  const auth = await getAuth();
  const nonce = await (await auth.$context).internalAdapter.consumeVerificationValue(`${SIWE_NONCE_PREFIX}${message.nonce}`);
  if (!nonce) throw invalid("The message's nonce is unknown, expired or already used. Sign a new message.");
  const signature = input.signature.toLowerCase() as `0x${string}`;
  if (!(await publicClient().verifySiweMessage({ message: input.message, signature, domain, nonce: message.nonce }))) {
    throw invalid("The signature does not match the wallet named in the message.");
  }

  const address = getAddress(message.address);
  const chainId = message.chainId;
  const database = await db();
  const owner = await walletOwner(database, address);
  if (owner && owner !== viewer.userId) throw new AppError("CONFLICT", WALLET_TAKEN_MESSAGE);
  if (owner) return { wallet: address, chainId, linked: false as const };
  try {
    await database.transaction(async (tx) => {
      // Re-checked inside the transaction; the unique (address, chain) index settles a concurrent link.
      const current = await walletOwner(tx, address);
      if (current === viewer.userId) return;
      if (current) throw new AppError("CONFLICT", WALLET_TAKEN_MESSAGE);
      const isPrimary =
        (await tx.select({ id: walletAddress.id }).from(walletAddress).where(eq(walletAddress.userId, viewer.userId)).limit(1)).length === 0;
      await tx.insert(walletAddress).values({ id: newAuthId("walletAddress"), userId: viewer.userId, address, chainId, isPrimary });
      await tx.insert(account).values({
        id: newAuthId("account"),
        userId: viewer.userId,
        providerId: "siwe",
        accountId: `${address}:${chainId}`,
      });
      await recordDomainChange(tx, await userActor(tx, viewer.userId), {
        kind: "auth.wallet_linked",
        body: { wallet: address.toLowerCase(), chainId },
        details: { wallet: address, chainId },
        ipAddress,
      });
    });
  } catch (error) {
    const now = await walletOwner(database, address);
    if (now && now !== viewer.userId) throw new AppError("CONFLICT", WALLET_TAKEN_MESSAGE);
    throw error;
  }
  return { wallet: address, chainId, linked: true as const };
}
