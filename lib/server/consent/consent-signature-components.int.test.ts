// 21 CFR 11.200(a)(1)(i): a session's first signing uses both components, identification (the account's email) and
// password. This session (a test viewer's, which has signed nothing) offers the password alone: refused, nothing written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open";
import { freshDatabase } from "@/lib/testing/fresh-database";
import { viewerFor } from "@/lib/testing/viewer";
import { DEMO_CHOICES, errorOf, PASSWORD, RIGHT_ANSWERS, seedConsentWorld, writtenCounts } from "./consent.test-helper";
import { signConsent } from "./sign-consent";
import { submitKnowledgeCheck } from "./submit-knowledge-check";

let database: Database;
let drop: () => Promise<void>;
const as = (userId: string) => viewerFor(database, userId);
const P1 = "usr_demoparticipant1";
const FORM = "cfv_demo0001";
const signRequest = (over: Record<string, unknown> = {}) => ({
  formVersionId: FORM,
  choices: DEMO_CHOICES,
  printedName: "Pat Participant",
  password: PASSWORD,
  email: "participant1@demo.trialproof.test",
  ...over,
});

beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
  await seedConsentWorld(database);
  await submitKnowledgeCheck(await as(P1), { formVersionId: FORM, answers: RIGHT_ANSWERS });
});
afterAll(async () => drop());

describe("signature components", () => {
  it("the first signing of a session needs both components: no email is 422, another account's email 403, writing nothing", async () => {
    // 21 CFR 11.200(a)(1)(i). This session has signed nothing yet, so the password alone is not enough.
    const before = await writtenCounts(database);
    const { email: _email, ...passwordOnly } = signRequest();
    const missing = await errorOf(signConsent(await as(P1), passwordOnly));
    expect([missing?.code, missing?.fieldErrors]).toEqual(["UNPROCESSABLE", { email: ["Type the email you sign in with."] }]);
    const another = await errorOf(signConsent(await as(P1), signRequest({ email: "participant2@demo.trialproof.test" })));
    expect([another?.code, Object.keys(another!.fieldErrors!)]).toEqual(["FORBIDDEN", ["email"]]);
    expect(await writtenCounts(database)).toEqual(before);
  });

  it("with both components the same request signs", async () => {
    expect((await signConsent(await as(P1), signRequest())).signatureId).toMatch(/^sig_/);
  });
});
