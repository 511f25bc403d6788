import "server-only";
import { randomBytes } from "node:crypto";

const PREFIX: Record<string, string> = {
  user: "usr",
  session: "ses",
  account: "acc",
  verification: "ver",
  walletAddress: "wal",
  rateLimit: "rlm",
};

/** Ids for better-auth's rows in the portal's prefixed form (they appear as actor ids in log records). */
export function newAuthId(model: string): string {
  return `${PREFIX[model] ?? "aut"}_${randomBytes(12).toString("hex")}`;
}
