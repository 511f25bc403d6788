// The participant's copy of their signed consent, as the route serves it and as any PDF tool reads it: pdftotext finds
// the form as signed, the choices, the knowledge check and every signer's manifestation with its salt; pdfdetach finds
// the receipt and the record, and the receipt verifies (lib/integrity verifyReceiptSteps) against the record and the
// checkpoint read from a real chain, while a receipt with one bit flipped does not. Before anchoring the copy says so.
// Needs pdftotext and pdfdetach (Debian's poppler-utils: scripts/ensure-poppler.sh).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import { GET as copyRoute } from "@/app/api/participant/consent/[signatureId]/copy/route";
import { trialLedgerAbi } from "@/lib/chain/generated/trial-ledger";
import { logLeaf } from "@/lib/db/schema";
import { DEMO_CONSENT_FORM } from "@/lib/db/seed/demo-consent";
import { DEMO_PERSONAS } from "@/lib/db/seed/demo-data";
import { bytesToHex, verifyManifestation, verifyReceiptSteps, type Hex, type Receipt, type ReceiptChainView } from "@/lib/integrity";
import { countersignConsent } from "@/lib/server/consent/countersign-consent";
import { signConsent } from "@/lib/server/consent/sign-consent";
import { submitKnowledgeCheck } from "@/lib/server/consent/submit-knowledge-check";
import { consentWorldForThisFile, DEMO_CHOICES, envelopeAt, PASSWORD, RIGHT_ANSWERS, TRIAL } from "@/lib/server/consent/consent.test-helper";
import { anchorDirectlyForTest, registerTrialOnChainForTest, startTestLedger, type TestLedger } from "@/lib/testing/test-ledger";
import { viewerFor } from "@/lib/testing/viewer";
import { callRoute, cookieOf } from "./route-calls.test-helper";

const world = consentWorldForThisFile();
let ledger: TestLedger;
let dir: string;
beforeAll(async () => {
  ledger = await startTestLedger();
  dir = mkdtempSync(join(tmpdir(), "consent-copy-"));
});
afterAll(async () => {
  await ledger?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const emailOf = (key: string) => DEMO_PERSONAS.find((p) => p.key === key)!.email;
const copyOf = (signatureId: string, cookie: string) =>
  callRoute(copyRoute, `/api/participant/consent/${signatureId}/copy`, cookie, { params: { signatureId } });

/** The PDF's text (whitespace collapsed, so wrapped lines read as written) and its attached files by name. */
function readPdf(bytes: Uint8Array, name: string): { text: string; files: Record<string, string> } {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, bytes);
  const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
  const out = join(dir, name);
  execFileSync("mkdir", ["-p", out]);
  execFileSync("pdfdetach", ["-saveall", "-o", out, file]);
  const listed = execFileSync("pdfdetach", ["-list", file], { encoding: "utf8" });
  const names = [...listed.matchAll(/^\d+: (.+)$/gm)].map((m) => m[1]!.trim());
  return { text, files: Object.fromEntries(names.map((n) => [n, readFileSync(join(out, n), "utf8")])) };
}

/** Flips the lowest bit of a hash's last hex digit. */
const flipBit = (h: string): Hex => h.replace(/.$/, (c) => (parseInt(c, 16) ^ 1).toString(16)) as Hex;

describe("GET /api/participant/consent/[signatureId]/copy", () => {
  let signatureId = "";
  let cookie = "";
  let signed: Awaited<ReturnType<typeof signConsent>>;
  let countersigned: Awaited<ReturnType<typeof countersignConsent>>;

  beforeAll(async () => {
    const pat = await viewerFor(world.database, "usr_demoparticipant1");
    await submitKnowledgeCheck(pat, { formVersionId: "cfv_demo0001", answers: { q_voluntary: ["no"], q_visits: ["start"] } });
    await submitKnowledgeCheck(pat, { formVersionId: "cfv_demo0001", answers: RIGHT_ANSWERS });
    signed = await signConsent(pat, {
      formVersionId: "cfv_demo0001",
      choices: DEMO_CHOICES,
      printedName: "Pat Participant",
      password: PASSWORD,
      email: emailOf("participant1"),
    });
    signatureId = signed.signatureId;
    countersigned = await countersignConsent(await viewerFor(world.database, "usr_demoinvestigator"), {
      signatureId,
      identityCheck: "in_person_id",
      printedName: "Ivan Investigator",
      password: PASSWORD,
      email: emailOf("investigator"),
    });
    cookie = await cookieOf(emailOf("participant1"), PASSWORD);
    // The demo trial's log is registered on this test chain by its first record (the protocol).
    const [first] = await world.database
      .select({ leafHash: logLeaf.leafHash })
      .from(logLeaf)
      .where(and(eq(logLeaf.logId, TRIAL.publicId), eq(logLeaf.idx, 0)));
    await registerTrialOnChainForTest(ledger, TRIAL.publicId, bytesToHex(first!.leafHash), { database: world.database });
  });

  it("before anchoring: says so, carries the record and no receipt", async () => {
    const res = await copyOf(signatureId, cookie);
    expect(res.status).toBe(200);
    const { text, files } = readPdf(new Uint8Array(await res.arrayBuffer()), "awaiting");
    expect(text).toContain("Not yet anchored");
    expect(text).toContain(signed.leafHash);
    expect(Object.keys(files).sort()).toEqual(["consent-form.json", "record.json"]);
    expect(JSON.parse(files["record.json"]!)).toEqual(await envelopeAt(world.database, signed.leafIndex));
  });

  it("once anchored: the form as signed, the choices, the check, both manifestations with their salts, and the leaf hash", async () => {
    const [size] = await world.database.select({ n: count() }).from(logLeaf).where(eq(logLeaf.logId, TRIAL.publicId));
    await anchorDirectlyForTest(world.database, ledger, TRIAL.publicId, size!.n);
    const res = await copyOf(signatureId, cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="consent-${TRIAL.publicId}-cf_demo0001-v1-${signatureId}.pdf"`);
    const { text } = readPdf(new Uint8Array(await res.arrayBuffer()), "anchored-text");

    const form = DEMO_CONSENT_FORM;
    expect(text).toContain(form.title);
    expect(text).toContain("cf_demo0001, version 1, language en");
    for (const piece of [
      ...form.content.sections.flatMap((s) => [s.title, s.body]),
      ...form.content.glossary.flatMap((g) => [g.term, g.definition]),
    ]) {
      expect(text).toContain(piece);
    }
    expect(text).toContain(`Accepted: ${form.content.choices[0]!.text}`);
    expect(text).toContain(`Declined: ${form.content.choices[1]!.text}`);
    expect(text).toContain("Passed with 2 of 2 questions answered correctly (pass mark 2), after 2 attempts.");
    for (const s of [signed, countersigned]) {
      for (const value of [s.name, s.signedAt, s.meaning, s.salt, s.manifestation, s.leafHash]) expect(text).toContain(value);
      // What the copy prints opens the record's commitment.
      expect(verifyManifestation({ name: s.name, signedAt: s.signedAt, meaning: s.meaning }, s.salt, s.manifestation)).toBe(true);
    }
    expect(text).toContain(`Leaf hash: ${signed.leafHash}`);
    // The verifier link wraps between characters: compare without the line breaks.
    expect(text.replace(/ /g, "")).toContain(`/verify?log=${TRIAL.publicId}&index=${signed.leafIndex}&leaf=${signed.leafHash}`);
    expect(text).not.toContain("Not yet anchored");
  });

  it("attaches a receipt that verifies against the attached record and the chain; one flipped bit fails", async () => {
    const { files } = readPdf(new Uint8Array(await (await copyOf(signatureId, cookie)).arrayBuffer()), "anchored-files");
    expect(Object.keys(files).sort()).toEqual(["consent-form.json", "receipt.json", "record.json"]);
    const receipt = JSON.parse(files["receipt.json"]!) as Receipt;
    const record: unknown = JSON.parse(files["record.json"]!);
    expect(record).toEqual(await envelopeAt(world.database, signed.leafIndex));
    expect(receipt).toMatchObject({ publicId: TRIAL.publicId, leafIndex: signed.leafIndex, leafHash: signed.leafHash });

    const [treeSize, rootHash] = await ledger.client.readContract({
      address: ledger.contract,
      abi: trialLedgerAbi,
      functionName: "latestCheckpoint",
      args: [receipt.chainTrialId],
    });
    const chain: ReceiptChainView = {
      treeSize: Number(treeSize),
      rootHash,
      chainId: await ledger.client.getChainId(),
      contract: ledger.contract,
      chainTrialId: receipt.chainTrialId,
    };
    const verified = verifyReceiptSteps(receipt, record, chain);
    // Every step passes, "record" included: the attached envelope hashes to the receipt's leaf.
    expect(verified.steps.filter((s) => s.status !== "pass")).toEqual([]);
    expect(verified.steps.map((s) => s.id)).toEqual(["format", "trial", "record", "inclusion", "chain", "anchored"]);
    expect(verified.ok).toBe(true);

    const flipped: [string, Receipt][] = [
      ["leafHash", { ...receipt, leafHash: flipBit(receipt.leafHash) }],
      ["rootHash", { ...receipt, rootHash: flipBit(receipt.rootHash) }],
      ["proof", { ...receipt, proof: [flipBit(receipt.proof[0]!), ...receipt.proof.slice(1)] }],
      ["chainTrialId", { ...receipt, chainTrialId: flipBit(receipt.chainTrialId) }],
    ];
    for (const [what, bad] of flipped) expect(verifyReceiptSteps(bad, record, chain).ok, what).toBe(false);
  });

  it("is the signer's only: another participant, an unknown id (404), an investigator (403), a malformed id (422)", async () => {
    const other = await cookieOf(emailOf("participant2"), PASSWORD);
    expect((await copyOf(signatureId, other)).status).toBe(404);
    expect((await copyOf("sig_doesnotexist", cookie)).status).toBe(404);
    expect((await copyOf(signatureId, await cookieOf(emailOf("investigator"), PASSWORD))).status).toBe(403);
    expect((await copyOf("not-a-signature", cookie)).status).toBe(422);
  });
});
