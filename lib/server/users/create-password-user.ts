import "server-only";
import { hashPassword } from "better-auth/crypto";
import { account, user } from "@/lib/db/schema";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/server/errors/app-error";
import { newId } from "@/lib/server/ids";

/**
 * Creates a person with an email + password credential inside the caller's transaction, in the shape
 * better-auth signs in against (provider "credential", password hashed by better-auth's own scrypt).
 */
export async function createPasswordUser(tx: Tx, input: { name: string; email: string; password: string }): Promise<{ userId: string }> {
  const email = input.email.trim().toLowerCase();
  const existing = await tx.query.user.findFirst({ where: (u, { eq }) => eq(u.email, email), columns: { id: true } });
  if (existing) throw new AppError("CONFLICT", "An account with this email already exists.", { email: ["already registered"] });
  const userId = newId("usr");
  await tx.insert(user).values({ id: userId, name: input.name.trim(), email, emailVerified: true });
  await tx.insert(account).values({
    id: newId("acc"),
    accountId: userId,
    providerId: "credential",
    userId,
    password: await hashPassword(input.password),
  });
  return { userId };
}
