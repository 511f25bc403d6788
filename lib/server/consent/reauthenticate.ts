import "server-only";
import { and, eq, gte } from "drizzle-orm";
import { verifyPassword } from "better-auth/crypto";
import { account, consentCountersignature, consentSignature, consentWithdrawal, session, user } from "@/lib/db/schema";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/server/errors/app-error";

/**
 * Case- and space-insensitive form of a printed name: NFKC, whitespace runs collapsed, lowercased. A signer who types
 * "  pat  PARTICIPANT" has printed the account's "Pat Participant"; one who types "Pat Participants" has not.
 */
export const normalisedName = (name: string): string => name.normalize("NFKC").trim().replace(/\s+/g, " ").toLocaleLowerCase("en");

/**
 * Has this session already executed a signing (a signature, countersignature or withdrawal by this user since the
 * session began)? 21 CFR 11.200(a)(1)(i): the first signing of a continuous session uses every component, later ones
 * may use the password alone.
 */
async function signedInThisSession(tx: Tx, userId: string, sessionId: string): Promise<boolean> {
  const [row] = await tx
    .select({ createdAt: session.createdAt })
    .from(session)
    .where(and(eq(session.id, sessionId), eq(session.userId, userId)));
  if (!row) return false;
  const since = row.createdAt;
  const [signed] = await tx
    .select({ id: consentSignature.id })
    .from(consentSignature)
    .where(and(eq(consentSignature.userId, userId), gte(consentSignature.signedAt, since)))
    .limit(1);
  if (signed) return true;
  const [countersigned] = await tx
    .select({ id: consentCountersignature.id })
    .from(consentCountersignature)
    .where(and(eq(consentCountersignature.userId, userId), gte(consentCountersignature.signedAt, since)))
    .limit(1);
  if (countersigned) return true;
  const [withdrew] = await tx
    .select({ id: consentWithdrawal.id })
    .from(consentWithdrawal)
    .where(and(eq(consentWithdrawal.userId, userId), gte(consentWithdrawal.withdrawnAt, since)))
    .limit(1);
  return !!withdrew;
}

/**
 * Re-authentication of an electronic signature: the password typed now must be the account's credential password
 * (better-auth's own hash, as sign-in checks it), at the session's first signing the email typed must be the account's
 * too (both components, 21 CFR 11.200(a)), and the printed name must be the account's name. Both are checked
 * before anything is written, so a failed attempt leaves no trace but the 403 or 422. Returns the account's name as
 * the manifestation prints it.
 */
export async function confirmSigner(
  tx: Tx,
  signer: { userId: string; sessionId: string },
  input: { password: string; email?: string; printedName?: string },
): Promise<{ name: string }> {
  const { userId } = signer;
  const [row] = await tx
    .select({ name: user.name, email: user.email, hash: account.password })
    .from(user)
    .leftJoin(account, and(eq(account.userId, user.id), eq(account.providerId, "credential")))
    .where(eq(user.id, userId));
  if (!row?.hash || !(await verifyPassword({ hash: row.hash, password: input.password }))) {
    throw new AppError("FORBIDDEN", "The password is not correct.", { password: ["is not correct"] });
  }
  if (input.email === undefined && !(await signedInThisSession(tx, userId, signer.sessionId))) {
    throw new AppError("UNPROCESSABLE", "The first signature of a session needs both your email and your password.", {
      email: ["Type the email you sign in with."],
    });
  }
  if (input.email !== undefined && input.email.toLowerCase() !== row.email.toLowerCase()) {
    throw new AppError("FORBIDDEN", "The email is not the one you sign in with.", { email: ["is not the email you sign in with"] });
  }
  if (input.printedName !== undefined && normalisedName(input.printedName) !== normalisedName(row.name)) {
    throw new AppError("UNPROCESSABLE", "The printed name must be your full name as on your account.", {
      printedName: ["does not match the name on your account"],
    });
  }
  return { name: row.name };
}
