import { z } from "zod";
import { parseTrustedProxies, TrustedProxiesError } from "./server/auth/trusted-proxies";

/**
 * Environment, validated once at start. A bad value fails loudly with the variable's name
 * instead of surfacing later as an obscure runtime error.
 */
const hex32 = /^0x[0-9a-fA-F]{64}$/;
const address = /^0x[0-9a-fA-F]{40}$/;

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
    PGLITE_DIR: z.string().min(1).default(".data/pglite"),
    BETTER_AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    BETTER_AUTH_URL: z.url("must be the portal's public URL, e.g. http://localhost:3000").default("http://localhost:3000"),
    SESSION_IDLE_TIMEOUT_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
    SIGN_IN_RATE_LIMIT_MAX: z.coerce.number().int().min(1).max(10_000).default(5),
    SIGN_IN_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
    /**
     * Reverse proxies whose X-Forwarded-For entries are believed (addresses/CIDRs, or a hop count); unset: none, the
     * connection's peer is the client (lib/server/auth/trusted-proxies.ts).
     */
    TRUSTED_PROXIES: z
      .string()
      .default("")
      .transform((value, ctx) => {
        try {
          return parseTrustedProxies(value);
        } catch (error) {
          if (!(error instanceof TrustedProxiesError)) throw error;
          ctx.addIssue({ code: "custom", message: error.message });
          return z.NEVER;
        }
      }),
    INVITATION_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(72),
    RPC_URL: z.url("must be an http(s) JSON-RPC URL").default("http://127.0.0.1:8545"),
    PUBLIC_RPC_URL: z.url("must be an http(s) JSON-RPC URL reachable from browsers").optional(),
    CHAIN_ID: z.coerce.number().int().positive().default(31337),
    TRIAL_LEDGER_ADDRESS: z.string().regex(address, "must be a 0x-prefixed 20-byte address").optional(),
    ANCHORER_PRIVATE_KEY: z.string().regex(hex32, "must be a 0x-prefixed 32-byte hex key").optional(),
    /** Checkpoint a log once its longest-waiting record is this old... */
    ANCHOR_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(5_000),
    /** ... or as soon as this many records wait, whichever comes first. */
    ANCHOR_MAX_LEAVES: z.coerce.number().int().min(1).max(1_000_000).default(256),
    /** The portal log (sign-ins, failed ones included) is checkpointed at most this often, whatever waits. */
    PORTAL_ANCHOR_INTERVAL_MS: z.coerce.number().int().min(60_000, "must be at least 60000 (one minute)").max(86_400_000).default(600_000),
    /** Gas units the anchorer may spend per UTC day; unset: 100 000 000 (unlimited on the local chain); 0: unlimited, local chain only. */
    ANCHOR_DAILY_GAS_BUDGET: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    /** Blocks on top of the including block before a checkpoint counts as confirmed (0 on the local chain). */
    ANCHOR_CONFIRMATIONS: z.coerce.number().int().min(0).max(1_000).default(0),
    /** Run the anchoring worker inside the web app (default); set false where `npm run worker` runs instead. */
    ANCHOR_IN_APP: z
      .enum(["true", "false", "1", "0"], "must be true or false")
      .default("true")
      .transform((v) => v === "true" || v === "1"),
    TRIALPROOF_MODE: z.enum(["embedded", "production"]).optional(),
  })
  .refine((e) => e.ANCHOR_DAILY_GAS_BUDGET !== 0 || e.CHAIN_ID === 31337, {
    path: ["ANCHOR_DAILY_GAS_BUDGET"],
    message: "0 (unlimited) is allowed only on the local chain 31337; set a number of gas units per UTC day",
  });

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

/**
 * Checks what a running server needs beyond well-formed values. Called by the start script (and by the
 * auth module on first use), not at build time, when no secret is present.
 */
export function assertServeable(env: Env): void {
  if (!isEmbeddedMode(env) && !env.BETTER_AUTH_SECRET) {
    throw new EnvError("Invalid environment configuration:\n  BETTER_AUTH_SECRET: required outside the embedded demo");
  }
  browserRpcUrl(env);
}

/**
 * Why an RPC URL looks like it carries a secret (a provider key), or null. Keys travel as userinfo, in the query
 * string, after `/v2/` or `/v3/` (Alchemy, Infura and their imitators), or as a long random path segment (QuickNode,
 * Ankr, GetBlock…). The reason never repeats the value.
 */
export function rpcUrlSecretReason(rpcUrl: string): string | null {
  const url = new URL(rpcUrl);
  if (url.username || url.password) return "carries credentials (user:pass@)";
  if (url.search.length > 1) return "has a query string";
  const segments = url.pathname.split("/").filter(Boolean);
  const versioned = segments.findIndex((s) => /^v[23]$/i.test(s));
  if (versioned >= 0 && versioned < segments.length - 1) return `has a key-like path segment after /${segments[versioned]}/`;
  const keyLike = (s: string) =>
    /^[0-9a-f]{24,}$/i.test(s) ||
    (/^[A-Za-z0-9_-]{32,}$/.test(s) && /[0-9]/.test(s)) ||
    s.split(/[-_.]/).some((part) => part.length >= 20 && /^[A-Za-z0-9]+$/.test(part) && /[0-9]/.test(part) && /[A-Za-z]/.test(part));
  if (segments.some(keyLike)) return "has a key-like path segment";
  return null;
}

/**
 * The JSON-RPC URL browsers are given (wallet transport, in-browser verification, the CSP's connect-src):
 * PUBLIC_RPC_URL, else RPC_URL, but never an RPC_URL that looks like it carries a provider key: every visitor
 * would receive it. Setting PUBLIC_RPC_URL (even to the same URL) states that the endpoint may be public.
 */
export function browserRpcUrl(env: Env): string {
  if (env.PUBLIC_RPC_URL) return env.PUBLIC_RPC_URL;
  const reason = rpcUrlSecretReason(env.RPC_URL);
  if (reason) {
    throw new EnvError(
      `Invalid environment configuration:\n  PUBLIC_RPC_URL: required because RPC_URL ${reason}, and browsers are sent the RPC URL; ` +
        "set PUBLIC_RPC_URL to an endpoint every visitor may see",
    );
  }
  return env.RPC_URL;
}

/** Embedded mode = the zero-setup demo: PGlite and the local chain. Demo personas are shown only here. */
export function isEmbeddedMode(env: Env): boolean {
  if (env.TRIALPROOF_MODE) return env.TRIALPROOF_MODE === "embedded";
  return !env.DATABASE_URL && env.CHAIN_ID === 31337;
}

const LOOPBACK_NAMES = ["localhost", "127.0.0.1"];

/**
 * Origins whose requests the portal accepts as its own: BETTER_AUTH_URL's, and in embedded mode on a loopback
 * address its loopback twin too (localhost and 127.0.0.1, same port): Next.js announces the address it binds,
 * 127.0.0.1, and a browser opened on it reaches the same server. Outside embedded mode only BETTER_AUTH_URL's.
 */
export function portalOrigins(env: Env): string[] {
  const url = new URL(env.BETTER_AUTH_URL);
  if (!isEmbeddedMode(env) || !LOOPBACK_NAMES.includes(url.hostname)) return [url.origin];
  return LOOPBACK_NAMES.map((hostname) => Object.assign(new URL(url.origin), { hostname }).origin);
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
