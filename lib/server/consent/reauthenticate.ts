import "server-only";
import { and, eq } from "drizzle-orm";
import { verifyPassword } from "better-auth/crypto";
import { account, user } from "@/lib/db/schema";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/server/errors/app-error";

/**
 * Case- and space-insensitive form of a printed name: NFKC, whitespace runs collapsed, lowercased. A signer who types
 * "  pat  PARTICIPANT" has printed the account's "Pat Participant"; one who types "Pat Participants" has not.
 */
export const normalisedName = (name: string): string => name.normalize("NFKC").trim().replace(/\s+/g, " ").toLocaleLowerCase("en");

/**
 * Re-authentication of an electronic signature: the password typed now must be the account's credential password
 * (better-auth's own hash, as sign-in checks it), and the printed name must be the account's name. Both are checked
 * before anything is written, so a failed attempt leaves no trace but the 403 or 422. Returns the account's name as
 * the manifestation prints it.
 */
export async function confirmSigner(tx: Tx, userId: string, input: { password: string; printedName?: string }): Promise<{ name: string }> {
  const [row] = await tx
    .select({ name: user.name, hash: account.password })
    .from(user)
    .leftJoin(account, and(eq(account.userId, user.id), eq(account.providerId, "credential")))
    .where(eq(user.id, userId));
  if (!row?.hash || !(await verifyPassword({ hash: row.hash, password: input.password }))) {
    throw new AppError("FORBIDDEN", "The password is not correct.", { password: ["is not correct"] });
  }
  if (input.printedName !== undefined && normalisedName(input.printedName) !== normalisedName(row.name)) {
    throw new AppError("UNPROCESSABLE", "The printed name must be your full name as on your account.", {
      printedName: ["does not match the name on your account"],
    });
  }
  return { name: row.name };
}
