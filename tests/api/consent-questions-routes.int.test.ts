// The question thread's routes, called through the exported handlers with real sessions: each side only for its role
// (401 without a session, 403 for the other roles), a 422 naming `body` for empty or oversized text, and an answer to
// a participant of another site answered 404 with nothing written.
import { describe, expect, it } from "vitest";
import { count } from "drizzle-orm";
import { GET as myQuestionsRoute, POST as askRoute } from "@/app/api/participant/consent/questions/route";
import { GET as siteQuestionsRoute, POST as answerRoute } from "@/app/api/site/consent-questions/route";
import { consentQuestionMessage } from "@/lib/db/schema";
import { consentWorldForThisFile, PASSWORD } from "@/lib/server/consent/consent.test-helper";
import { callRoute, cookieOf, fieldsOf } from "./route-calls.test-helper";

const world = consentWorldForThisFile();
const EMAIL = {
  p1: "participant1@demo.trialproof.test",
  investigator: "investigator@demo.trialproof.test",
  other: "usr_otherinv@example.test",
  sponsor: "sponsor@demo.trialproof.test",
} as const;
const cookies: Partial<Record<keyof typeof EMAIL, string>> = {};
const as = async (who: keyof typeof EMAIL) => (cookies[who] ??= await cookieOf(EMAIL[who], PASSWORD));
const ASK = "/api/participant/consent/questions";
const ANSWER = "/api/site/consent-questions";
const messageCount = async () => (await world.database.select({ n: count() }).from(consentQuestionMessage))[0]!.n;

describe("question thread routes", () => {
  it("lets each side in by role only", async () => {
    expect((await callRoute(myQuestionsRoute, ASK, "")).status).toBe(401);
    expect((await callRoute(myQuestionsRoute, ASK, await as("investigator"))).status).toBe(403);
    expect((await callRoute(siteQuestionsRoute, ANSWER, await as("p1"))).status).toBe(403);
    expect((await callRoute(siteQuestionsRoute, ANSWER, await as("sponsor"))).status).toBe(403);
    expect((await callRoute(askRoute, ASK, await as("sponsor"), { body: { body: "Hello" } })).status).toBe(403);
  });

  it("asks, answers and refuses text that is empty, too long, or for another site's participant", async () => {
    const empty = await callRoute(askRoute, ASK, await as("p1"), { body: { body: " " } });
    expect([empty.status, await fieldsOf(empty)]).toEqual([422, ["body"]]);
    const long = await callRoute(askRoute, ASK, await as("p1"), { body: { body: "x".repeat(4001) } });
    expect([long.status, await fieldsOf(long)]).toEqual([422, ["body"]]);
    expect((await callRoute(askRoute, ASK, await as("p1"), { body: { formVersionId: "cfv_demo0001", body: "How long is a visit?" } })).status).toBe(
      200,
    );
    const before = await messageCount();
    const elsewhere = await callRoute(answerRoute, ANSWER, await as("other"), {
      body: { participantId: "ppt_demoparticipant1", body: "About an hour." },
    });
    expect(elsewhere.status).toBe(404);
    expect(await messageCount()).toBe(before);
    const answered = await callRoute(answerRoute, ANSWER, await as("investigator"), {
      body: { participantId: "ppt_demoparticipant1", body: "About an hour." },
    });
    expect(answered.status).toBe(200);
    const thread = (await (await callRoute(myQuestionsRoute, ASK, await as("p1"))).json()) as { messages: { authorRole: string }[] };
    expect(thread.messages.map((m) => m.authorRole)).toEqual(["participant", "investigator"]);
  });
});
