import { randomBytes } from "node:crypto";

// Per-run values for the test process; never a fixed secret.
process.env.BETTER_AUTH_SECRET ??= randomBytes(32).toString("hex");
process.env.SIGN_IN_RATE_LIMIT_MAX ??= "5";
