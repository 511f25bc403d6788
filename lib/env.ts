import { z } from "zod";

/**
 * Environment, validated once at start. A bad value fails loudly with the variable's name
 * instead of surfacing later as an obscure runtime error.
 */
const hex32 = /^0x[0-9a-fA-F]{64}$/;
const address = /^0x[0-9a-fA-F]{40}$/;

const EnvSchema = z.object({
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
  INVITATION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(72),
  RPC_URL: z.url("must be an http(s) JSON-RPC URL").default("http://127.0.0.1:8545"),
  PUBLIC_RPC_URL: z.url("must be an http(s) JSON-RPC URL reachable from browsers").optional(),
  CHAIN_ID: z.coerce.number().int().positive().default(31337),
  TRIAL_LEDGER_ADDRESS: z.string().regex(address, "must be a 0x-prefixed 20-byte address").optional(),
  ANCHORER_PRIVATE_KEY: z.string().regex(hex32, "must be a 0x-prefixed 32-byte hex key").optional(),
  /** Checkpoint a log once its longest-waiting record is this old... */
  ANCHOR_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(5_000),
  /** ... or as soon as this many records wait, whichever comes first. */
  ANCHOR_MAX_LEAVES: z.coerce.number().int().min(1).max(1_000_000).default(256),
  /** Blocks on top of the including block before a checkpoint counts as confirmed (0 on the local chain). */
  ANCHOR_CONFIRMATIONS: z.coerce.number().int().min(0).max(1_000).default(0),
  /** Run the anchoring worker inside the web app (default); set false where `npm run worker` runs instead. */
  ANCHOR_IN_APP: z
    .enum(["true", "false", "1", "0"], "must be true or false")
    .default("true")
    .transform((v) => v === "true" || v === "1"),
  TRIALPROOF_MODE: z.enum(["embedded", "production"]).optional(),
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
}

/** Embedded mode = the zero-setup demo: PGlite and the local chain. Demo personas are shown only here. */
export function isEmbeddedMode(env: Env): boolean {
  if (env.TRIALPROOF_MODE) return env.TRIALPROOF_MODE === "embedded";
  return !env.DATABASE_URL && env.CHAIN_ID === 31337;
}


let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
