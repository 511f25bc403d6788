// The participant's consent routes, called through the exported handlers with real sessions: only participants (401
// without a session, 403 for every other role), refusals in words that write nothing (wrong password 403, a name that
// is not the account's 422, a second signature 409), and the per-user limit on password re-entry (429 after repeated
// wrong passwords, which a conflict does not feed, and which a correct password after the wait clears).
import { describe, expect, it } from "vitest";
import { GET as consentRoute } from "@/app/api/participant/consent/route";
import { POST as checkRoute } from "@/app/api/participant/consent/knowledge-check/route";
import { POST as progressRoute } from "@/app/api/participant/consent/progress/route";
import { POST as signRoute } from "@/app/api/participant/consent/sign/route";
import { POST as withdrawRoute } from "@/app/api/participant/consent/withdraw/route";
import { env } from "@/lib/env";
import { sessionCookie, signIn } from "@/lib/server/auth/auth-requests.test-helper";
import { waitInWords, withReauthenticationLimit } from "@/lib/server/auth/reauth-throttle";
import { consentWorldForThisFile, DEMO_CHOICES, PASSWORD, RIGHT_ANSWERS, writtenCounts } from "@/lib/server/consent/consent.test-helper";
import { signConsent } from "@/lib/server/consent/sign-consent";
import { viewerFor } from "@/lib/testing/viewer";

const world = consentWorldForThisFile();
const ORIGIN = new URL(env().BETTER_AUTH_URL).origin;
const FORM = "cfv_demo0001";
const WHO = {
  p1: "participant1@demo.trialproof.test",
  p2: "participant2@demo.trialproof.test",
  investigator: "investigator@demo.trialproof.test",
  sponsor: "sponsor@demo.trialproof.test",
} as const;
type Who = keyof typeof WHO | "nobody";
const cookies: Partial<Record<Who, string>> = {};
let peer = 1;

async function cookieOf(who: Who): Promise<string> {
  if (who === "nobody") return "";
  cookies[who] ??= sessionCookie(await signIn(WHO[who], PASSWORD, { peer: `10.88.0.${peer++}` }));
  return cookies[who];
}

type Handler = (request: Request) => Promise<Response>;
async function call(handler: Handler, path: string, who: Who, body?: unknown) {
  const res = await handler(
    new Request(`${ORIGIN}/api/participant/consent${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { cookie: await cookieOf(who), origin: ORIGIN, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}
const api = {
  forms: (who: Who) => call(consentRoute, "", who),
  progress: (who: Who, sectionIndex: number) => call(progressRoute, "/progress", who, { formVersionId: FORM, sectionIndex }),
  check: (who: Who, answers: Record<string, string[]>) => call(checkRoute, "/knowledge-check", who, { formVersionId: FORM, answers }),
  sign: (who: Who, over: Record<string, unknown> = {}) =>
    call(signRoute, "/sign", who, {
      formVersionId: FORM,
      choices: DEMO_CHOICES,
      printedName: "Pat Participant",
      password: PASSWORD,
      // The session's first signing: both components (21 CFR 11.200(a)). Later ones in the session: the password.
      ...(who === "nobody" ? {} : { email: WHO[who] }),
      ...over,
    }),
  withdraw: (who: Who, over: Record<string, unknown> = {}) =>
    call(withdrawRoute, "/withdraw", who, { scope: "data_collection", password: PASSWORD, ...over }),
};
const counts = () => writtenCounts(world.database);

describe("who may call the participant's consent routes", () => {
  it("no session: 401 on every route", async () => {
    for (const res of [
      await api.forms("nobody"),
      await api.progress("nobody", 1),
      await api.check("nobody", RIGHT_ANSWERS),
      await api.sign("nobody"),
      await api.withdraw("nobody"),
    ]) {
      expect(res.status).toBe(401);
    }
  });

  it("investigator and sponsor: 403 on every route, nothing written", async () => {
    await Promise.all([cookieOf("investigator"), cookieOf("sponsor")]); // signing in is audited: before counting
    const before = await counts();
    for (const who of ["investigator", "sponsor"] as const) {
      for (const res of [
        await api.forms(who),
        await api.progress(who, 1),
        await api.check(who, RIGHT_ANSWERS),
        await api.sign(who),
        await api.withdraw(who),
      ]) {
        expect(res.status, who).toBe(403);
      }
    }
    expect(await counts()).toEqual(before);
  });
});

describe("a participant reads, answers, signs and withdraws", () => {
  it("reads the current form and resumes where they stopped; a section past the end is a 422", async () => {
    const first = await api.forms("p1");
    expect(first.status).toBe(200);
    expect(first.body.status).toBe("enrolled");
    expect((first.body.forms as { id: string; sectionIndex: number }[]).map((f) => [f.id, f.sectionIndex])).toEqual([[FORM, 0]]);
    expect(first.body.history).toEqual([]);
    expect((await api.progress("p1", 1)).status).toBe(200);
    expect(((await api.forms("p1")).body.forms as { sectionIndex: number }[])[0]!.sectionIndex).toBe(1);
    const past = await api.progress("p1", 9);
    expect(past.status).toBe(422);
    expect(Object.keys((past.body.error as { fieldErrors: object }).fieldErrors)).toEqual(["sectionIndex"]);
  });

  it("a failed check explains each wrong answer; a retry passes", async () => {
    const failed = await api.check("p1", { q_voluntary: ["no"], q_visits: ["start"] });
    expect(failed.status).toBe(200);
    expect(failed.body.passed).toBe(false);
    expect((failed.body.questions as { correct: boolean; explanation: string }[]).every((q) => !q.correct && q.explanation.length > 0)).toBe(true);
    expect((await api.check("p1", RIGHT_ANSWERS)).body.passed).toBe(true);
  });

  it("a wrong password (403) and a name that is not the account's (422) are refused in words and write nothing", async () => {
    const before = await counts();
    const wrong = await api.sign("p1", { password: "not the password" });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error).toMatchObject({ message: "The password is not correct." });
    const name = await api.sign("p1", { printedName: "Pat Participants" });
    expect(name.status).toBe(422);
    expect(name.body.error).toMatchObject({ fieldErrors: { printedName: ["does not match the name on your account"] } });
    expect((await api.sign("p1", { choices: DEMO_CHOICES.slice(0, 1) })).status).toBe(422);
    expect(await counts()).toEqual(before);
  });

  it("signs once: the server's UTC instant and meaning come back; a second signature is a 409 that writes nothing", async () => {
    const signed = await api.sign("p1", { printedName: "  pat  PARTICIPANT " });
    expect(signed.status).toBe(200);
    expect(signed.body.signedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(signed.body.meaning).toBe("I agree to take part in this study");
    const before = await counts();
    const again = await api.sign("p1");
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ message: "You have already signed this version of the form." });
    expect(await counts()).toEqual(before);
    const mine = await api.forms("p1");
    expect(mine.body.status).toBe("signed");
    expect(mine.body.history).toMatchObject([
      {
        formVersionId: FORM,
        version: 1,
        countersignedAt: null,
        choices: [
          { id: "future_contact", accepted: true },
          { id: "sample_storage", accepted: false },
        ],
      },
    ]);
  });

  it("conflicts do not count as wrong passwords: five 409s in a row are still 409s", async () => {
    for (let i = 0; i < 5; i++) expect((await api.sign("p1", { password: "not the password" })).status).toBe(409);
  });

  it("withdraws from further data collection: wrong password writes nothing; once withdrawn, a second withdrawal is a 409", async () => {
    const before = await counts();
    expect((await api.withdraw("p1", { password: "nope" })).status).toBe(403);
    expect((await api.withdraw("p1", { scope: "choice", choiceId: "sample_storage" })).status).toBe(422);
    expect(await counts()).toEqual(before);
    // The same session signed before: this later signing needs the password only (21 CFR 11.200(a)(1)(i)).
    const done = await api.withdraw("p1", { reason: "Moving abroad" });
    expect(done.status).toBe(200);
    expect(done.body.scope).toBe("data_collection");
    const mine = await api.forms("p1");
    expect(mine.body.status).toBe("withdrawn");
    expect(mine.body.withdrawals).toMatchObject([{ scope: "data_collection", choiceId: null }]);
    expect((await api.withdraw("p1")).status).toBe(409);
  });
});

describe("password re-entry is limited per user", () => {
  it("after three wrong passwords the next attempt is a 429 with the wait in words, even with the right password", async () => {
    expect((await api.check("p2", RIGHT_ANSWERS)).body.passed).toBe(true);
    const before = await counts();
    for (let i = 0; i < 3; i++) expect((await api.sign("p2", { printedName: "Paula Participant", password: `wrong ${i}` })).status).toBe(403);
    const limited = await api.sign("p2", { printedName: "Paula Participant" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^(29|30)$/);
    expect(limited.body.error).toMatchObject({ code: "RATE_LIMITED" });
    expect((limited.body.error as { message: string }).message).toMatch(/Try again in (29|30) seconds\.$/);
    // The limit is the user's, whichever re-authenticating action they try.
    expect((await api.withdraw("p2")).status).toBe(429);
    expect(await counts()).toEqual(before);
  });

  it("after the wait the right password signs, and clears the count", async () => {
    const p2 = await viewerFor(world.database, "usr_demoparticipant2");
    const later = Date.now() + 31_000;
    const signed = await withReauthenticationLimit(
      p2.userId,
      () => signConsent(p2, { formVersionId: FORM, choices: DEMO_CHOICES, printedName: "Paula Participant", password: PASSWORD, email: p2.email }),
      later,
    );
    expect(signed.name).toBe("Paula Participant");
    // Cleared: three more typos are free again (each a 403, not a 429).
    for (let i = 0; i < 3; i++) expect((await api.withdraw("p2", { password: `wrong ${i}` })).status).toBe(403);
    expect((await api.withdraw("p2", { password: "wrong 4" })).status).toBe(429);
  });
});

describe("the wait in words", () => {
  it("says seconds, minutes or hours as a person would", () => {
    expect([1, 30, 59, 60, 61, 120, 3_599, 3_600].map(waitInWords)).toEqual([
      "1 second",
      "30 seconds",
      "59 seconds",
      "1 minute",
      "2 minutes",
      "2 minutes",
      "60 minutes",
      "1 hour",
    ]);
  });
});
