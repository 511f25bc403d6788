import "server-only";
import { betterAuth } from "better-auth";
import { APIError } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { siwe } from "better-auth/plugins";
import { generateSiweNonce } from "viem/siwe";
import { db } from "@/lib/db/client";
import { env, portalOrigins } from "@/lib/env";
import { publicClient } from "@/lib/chain/clients";
import { auditedAdapter } from "./audited-adapter";
import { authSecret } from "./secret";
import { newAuthId } from "./auth-ids";
import { CLIENT_ADDRESS_HEADER } from "./client-address";
import { SIGN_IN_ERROR, signInGuard } from "./sign-in-plugin";
import { walletOwner } from "./wallet-owner";

async function createAuth() {
  const database = await db();
  const e = env();
  const idle = e.SESSION_IDLE_TIMEOUT_SECONDS;
  return betterAuth({
    appName: "TrialProof",
    baseURL: e.BETTER_AUTH_URL,
    // The embedded demo is reached as localhost and as 127.0.0.1 (lib/env.ts); elsewhere BETTER_AUTH_URL alone.
    trustedOrigins: portalOrigins(e),
    secret: authSecret(),
    database: auditedAdapter(database),
    emailAndPassword: {
      enabled: true,
      // Accounts are created by invitation (accept-invitation.ts) or by the seed, never by open sign-up.
      disableSignUp: true,
      minPasswordLength: 12,
      maxPasswordLength: 128,
      autoSignIn: true,
    },
    session: {
      // Idle timeout: the session lives `idle` seconds past the last activity; activity extends it
      // at most once a minute (or sooner for very short timeouts).
      expiresIn: idle,
      updateAge: Math.min(60, Math.floor(idle / 4)),
      cookieCache: { enabled: false },
    },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 300,
      customRules: {
        "/sign-in/email": { window: e.SIGN_IN_RATE_LIMIT_WINDOW_SECONDS, max: e.SIGN_IN_RATE_LIMIT_MAX },
        "/siwe/verify": { window: e.SIGN_IN_RATE_LIMIT_WINDOW_SECONDS, max: e.SIGN_IN_RATE_LIMIT_MAX },
      },
    },
    advanced: {
      // The only address better-auth believes is the decision address the route put there (client-address.ts):
      // never a forwarded header a client could write.
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
      useSecureCookies: e.BETTER_AUTH_URL.startsWith("https://"),
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      database: { generateId: ({ model }) => newAuthId(model) },
    },
    plugins: [
      siwe({
        domain: new URL(e.BETTER_AUTH_URL).host,
        anonymous: true,
        getNonce: async () => generateSiweNonce(),
        // Accounts come from invitations only: a valid signature opens a session only for a wallet already linked
        // to an account (the adapter refuses to create users on this path as well). Checked after the signature,
        // so nobody learns which wallets are linked without holding one.
        verifyMessage: async ({ message, signature, address, chainId }) => {
          if (chainId !== e.CHAIN_ID) {
            throw new APIError("BAD_REQUEST", {
              code: SIGN_IN_ERROR.wrongChain,
              message: `The message was signed for chain ${chainId}, but this portal signs in on chain ${e.CHAIN_ID}. Switch your wallet's network and try again.`,
            });
          }
          const valid = await publicClient().verifySiweMessage({
            message,
            signature: signature as `0x${string}`,
            domain: new URL(e.BETTER_AUTH_URL).host,
          });
          if (!valid) return false;
          if (!(await walletOwner(database, address))) {
            throw new APIError("FORBIDDEN", {
              code: SIGN_IN_ERROR.walletNotLinked,
              message:
                "This wallet is not linked to a TrialProof account, and accounts are only created by invitation. " +
                "Sign in with your email and password, then link the wallet on your account page.",
            });
          }
          return true;
        },
      }),
      signInGuard(database),
      nextCookies(),
    ],
  });
}

export type Auth = Awaited<ReturnType<typeof createAuth>>;

const globalForAuth = globalThis as unknown as { trialproofAuth?: Promise<Auth> };

export function getAuth(): Promise<Auth> {
  globalForAuth.trialproofAuth ??= createAuth();
  return globalForAuth.trialproofAuth;
}
