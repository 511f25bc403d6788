import { z } from "zod";

/**
 * Linking a wallet to the signed-in account: a Sign-In with Ethereum (EIP-4361) message for a nonce from
 * /api/auth/siwe/nonce, and the wallet's signature of it. The server checks the nonce, domain, chain and signature.
 */
export const ZLinkWalletRequestSchema = z.strictObject({
  message: z.string({ error: "The signed message is missing." }).min(1, "The signed message is missing.").max(4096, "The message is too long."),
  signature: z
    .string({ error: "The signature is missing." })
    .regex(/^0x(?:[0-9a-fA-F]{2})+$/, "The signature must be 0x-prefixed hex.")
    .max(4096, "The signature is too long."),
});
export type TLinkWalletRequest = z.infer<typeof ZLinkWalletRequestSchema>;
