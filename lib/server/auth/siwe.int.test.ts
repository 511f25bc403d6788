// Sign-In with Ethereum opens sessions only for linked wallets; linking a wallet is proved, audited and exclusive.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq, sql } from "drizzle-orm";
import { privateKeyToAccount } from "viem/accounts";
import { createSiweMessage } from "viem/siwe";
import { POST as linkWalletRoute } from "@/app/api/auth/link-wallet/route";
import { hardhatDevPrivateKey } from "@/lib/chain/local-node";
import type { Database } from "@/lib/db/open";
import { rowsOf } from "@/lib/db/rows";
import { auditEvent, logEnvelope, session, walletAddress } from "@/lib/db/schema";
import { seedDemo } from "@/lib/db/seed/seed-demo";
import { freshDatabase } from "@/lib/testing/fresh-database";
import { callAuth, ORIGIN, PEER_TOKEN, sessionCookie, signIn } from "./auth-requests.test-helper";
import { PEER_HEADER } from "./client-address";
import { WALLET_TAKEN_MESSAGE } from "./link-wallet";

const PASSWORD = "correct horse battery staple";
const passwords = Object.fromEntries(["sponsor", "investigator", "participant1", "participant2", "regulator", "admin"].map((k) => [k, PASSWORD]));
const DOMAIN = new URL(ORIGIN).host;

const sponsorWallet = privateKeyToAccount(hardhatDevPrivateKey(1)); // linked to the demo sponsor by the seed
const strangerWallet = privateKeyToAccount(hardhatDevPrivateKey(7)); // linked to nobody
const investigatorWallet = privateKeyToAccount(hardhatDevPrivateKey(5)); // linked by the investigator below

let database: Database;
let drop: () => Promise<void>;
let peer = 1;
const from = () => ({ peer: `198.18.0.${peer++}` });

beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
  await seedDemo(database, passwords, 31337);
});
afterAll(async () => drop());

async function siweMessage(wallet: { address: `0x${string}` }, overrides: { chainId?: number; domain?: string; nonce?: string } = {}) {
  const res = await callAuth("/siwe/nonce", {}, from());
  expect(res.status).toBe(200);
  const { nonce } = (await res.json()) as { nonce: string };
  const issuedAt = new Date();
  return createSiweMessage({
    domain: overrides.domain ?? DOMAIN,
    uri: ORIGIN,
    address: wallet.address,
    chainId: overrides.chainId ?? 31337,
    nonce: overrides.nonce ?? nonce,
    version: "1",
    statement: "Sign in to TrialProof",
    issuedAt,
    expirationTime: new Date(issuedAt.getTime() + 600_000),
  });
}

async function siweSignIn(wallet: typeof sponsorWallet) {
  const message = await siweMessage(wallet);
  const signature = await wallet.signMessage({ message });
  return callAuth("/siwe/verify", { message, signature }, from());
}

async function counts() {
  const rows = async (table: string) => rowsOf<{ n: number }>(await database.execute(sql.raw(`select count(*)::int as n from "${table}"`)))[0]!.n;
  return {
    user: await rows("user"),
    account: await rows("account"),
    session: await rows("session"),
    wallet: await rows("wallet_address"),
  };
}

async function linkWallet(cookie: string, wallet: typeof sponsorWallet, message?: string) {
  const text = message ?? (await siweMessage(wallet, {}));
  const signature = await wallet.signMessage({ message: text });
  return linkWalletRoute(
    new Request(`${ORIGIN}/api/auth/link-wallet`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: ORIGIN,
        cookie,
        [PEER_HEADER]: `${PEER_TOKEN} 198.18.1.1`,
      },
      body: JSON.stringify({ message: text, signature }),
    }),
  );
}

async function cookieOf(email: string) {
  const res = await signIn(email, PASSWORD, from());
  expect(res.status).toBe(200);
  return sessionCookie(res);
}

describe("Sign-In with Ethereum", () => {
  it("signs a linked wallet in to its account", async () => {
    const res = await siweSignIn(sponsorWallet);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { user: { id: string } }).user.id).toBe("usr_demosponsor");
  });

  it("refuses an unknown wallet with a clear message and creates nothing", async () => {
    const before = await counts();
    const res = await siweSignIn(strangerWallet);
    expect(res.status).toBe(403);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe("WALLET_NOT_LINKED");
    expect(body.message).toMatch(/not linked to a TrialProof account/);
    expect(body.message).toMatch(/link the wallet on your account page/);
    expect(await counts()).toEqual(before);
    const [last] = await database.select().from(auditEvent).orderBy(desc(auditEvent.id)).limit(1);
    expect(last).toMatchObject({ kind: "auth.sign_in_failed" });
    const [record] = await database
      .select()
      .from(logEnvelope)
      .where(and(eq(logEnvelope.logId, last!.logId!), eq(logEnvelope.idx, last!.logIndex!)));
    expect(record!.envelope).toMatchObject({ body: { method: "siwe", reason: "unknown_account" } });
  });

  it("refuses a message signed for another chain", async () => {
    const message = await siweMessage(sponsorWallet, { chainId: 1 });
    const res = await callAuth("/siwe/verify", { message, signature: await sponsorWallet.signMessage({ message }) }, from());
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/chain 1.*chain 31337/);
  });
});

describe("linking a wallet on the account page", () => {
  it("links a wallet with a signature, audits it, and then the wallet signs in to that account", async () => {
    const cookie = await cookieOf("investigator@demo.trialproof.test");
    expect((await siweSignIn(investigatorWallet)).status).toBe(403);

    const res = await linkWallet(cookie, investigatorWallet);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ wallet: investigatorWallet.address, chainId: 31337, linked: true });
    const rows = await database.select().from(walletAddress).where(eq(walletAddress.userId, "usr_demoinvestigator"));
    expect(rows.map((r) => r.address)).toEqual([investigatorWallet.address]);

    const [audit] = await database.select().from(auditEvent).where(eq(auditEvent.kind, "auth.wallet_linked"));
    expect(audit).toMatchObject({
      actorUserId: "usr_demoinvestigator",
      actorRole: "investigator",
      ipAddress: "198.18.1.1",
    });
    const [record] = await database
      .select()
      .from(logEnvelope)
      .where(and(eq(logEnvelope.logId, audit!.logId!), eq(logEnvelope.idx, audit!.logIndex!)));
    expect(record!.envelope).toMatchObject({
      kind: "auth.wallet_linked",
      trial: "portal",
      actor: { id: "usr_demoinvestigator" },
      body: { wallet: investigatorWallet.address.toLowerCase(), chainId: 31337 },
    });

    const signedIn = await siweSignIn(investigatorWallet);
    expect(signedIn.status).toBe(200);
    expect(((await signedIn.json()) as { user: { id: string } }).user.id).toBe("usr_demoinvestigator");
    expect(await database.select().from(session).where(eq(session.userId, "usr_demoinvestigator"))).toHaveLength(2);
  });

  it("answers 409 in words for a wallet linked to someone else, and links nothing", async () => {
    const cookie = await cookieOf("participant1@demo.trialproof.test");
    const before = await counts();
    const res = await linkWallet(cookie, sponsorWallet);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(WALLET_TAKEN_MESSAGE);
    expect(await counts()).toEqual(before);
    expect(await database.select().from(walletAddress).where(eq(walletAddress.userId, "usr_demoparticipant1"))).toHaveLength(0);
  });

  it("refuses a replayed nonce, another domain, and a signature by another wallet", async () => {
    const cookie = await cookieOf("participant2@demo.trialproof.test");
    const wallet = privateKeyToAccount(hardhatDevPrivateKey(8));
    const message = await siweMessage(wallet);
    expect((await linkWallet(cookie, wallet, message)).status).toBe(200);
    const replay = await linkWallet(cookie, wallet, message);
    expect(replay.status).toBe(422);
    expect(((await replay.json()) as { error: { message: string } }).error.message).toMatch(/nonce/);

    const elsewhere = await linkWallet(cookie, wallet, await siweMessage(wallet, { domain: "evil.example" }));
    expect(elsewhere.status).toBe(422);
    expect(((await elsewhere.json()) as { error: { message: string } }).error.message).toMatch(/evil\.example/);

    const other = privateKeyToAccount(hardhatDevPrivateKey(9));
    const text = await siweMessage(other);
    const forged = await linkWalletRoute(
      new Request(`${ORIGIN}/api/auth/link-wallet`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN, cookie },
        body: JSON.stringify({ message: text, signature: await wallet.signMessage({ message: text }) }),
      }),
    );
    expect(forged.status).toBe(422);
    expect(await database.select().from(walletAddress).where(eq(walletAddress.address, other.address))).toHaveLength(0);
  });

  it("requires a session", async () => {
    const res = await linkWallet("", strangerWallet);
    expect(res.status).toBe(401);
  });
});
