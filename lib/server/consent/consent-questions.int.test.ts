// The question thread between a participant and their study team (EIC-6): each participant sees only their own thread,
// an investigator of another site can neither see nor answer it (404, nothing written), empty or oversized text is a
// 422 naming the field, the text never reaches the trial's log, and messages can be neither changed nor removed.
import { describe, expect, it } from "vitest";
import { count, sql } from "drizzle-orm";
import { consentQuestionMessage, logEnvelope } from "@/lib/db/schema";
import { rejectionMessage } from "@/lib/testing/db-errors";
import { viewerFor } from "@/lib/testing/viewer";
import { answerConsentQuestion } from "./answer-consent-question";
import { askConsentQuestion } from "./ask-consent-question";
import { consentWorldForThisFile, errorOf, writtenCounts } from "./consent.test-helper";
import { listMyConsentQuestions } from "./list-my-consent-questions";
import { listSiteConsentQuestions } from "./list-site-consent-questions";

const world = consentWorldForThisFile();
const as = (userId: string) => viewerFor(world.database, userId);
const P1 = "usr_demoparticipant1";
const P2 = "usr_demoparticipant2";
const INVESTIGATOR = "usr_demoinvestigator";
const OTHER_INVESTIGATOR = "usr_otherinv";
const FORM = "cfv_demo0001";
const QUESTION = "Will my GP be told that I take part? (private detail: I take warfarin)";
const messageCount = async () => (await world.database.select({ n: count() }).from(consentQuestionMessage))[0]!.n;

describe("questions to the study team", () => {
  it("keeps a participant's thread to that participant and out of the trial's log", async () => {
    const before = await writtenCounts(world.database);
    const asked = await askConsentQuestion(await as(P1), { formVersionId: FORM, body: `  ${QUESTION}  ` });
    expect(asked.messages.map((m) => [m.authorRole, m.body, m.formVersionId, m.authorName])).toEqual([["participant", QUESTION, FORM, null]]);
    await askConsentQuestion(await as(P2), { body: "Can I bring someone with me to the visits?" });
    expect((await listMyConsentQuestions(await as(P1))).messages.map((m) => m.body)).toEqual([QUESTION]);
    expect((await listMyConsentQuestions(await as(P2))).messages.map((m) => m.body)).toEqual(["Can I bring someone with me to the visits?"]);
    // The text is personal: no log record, no audit event, and nowhere in the stored envelopes.
    expect(await writtenCounts(world.database)).toEqual(before);
    const [inLog] = await world.database
      .select({ n: count() })
      .from(logEnvelope)
      .where(sql`${logEnvelope.envelope}::text like ${"%warfarin%"}`);
    expect(inLog!.n).toBe(0);
  });

  it("lists open threads first for the site's investigator, who answers and closes them", async () => {
    const list = await listSiteConsentQuestions(await as(INVESTIGATOR));
    expect(list.open).toBe(2);
    expect(list.threads.map((t) => t.participantId).sort()).toEqual(["ppt_demoparticipant1", "ppt_demoparticipant2"]);
    const answered = await answerConsentQuestion(await as(INVESTIGATOR), { participantId: "ppt_demoparticipant1", body: "Only if you agree to it." });
    expect(answered.open).toBe(false);
    expect(answered.messages.map((m) => [m.authorRole, m.authorName])).toEqual([
      ["participant", null],
      ["investigator", "Ivan Investigator"],
    ]);
    const after = await listSiteConsentQuestions(await as(INVESTIGATOR));
    expect(after.threads.map((t) => [t.participantId, t.open])).toEqual([
      ["ppt_demoparticipant2", true],
      ["ppt_demoparticipant1", false],
    ]);
    expect((await listMyConsentQuestions(await as(P1))).messages.map((m) => m.body)).toEqual([QUESTION, "Only if you agree to it."]);
  });

  it("refuses an investigator of another site with 404 and writes nothing", async () => {
    expect((await listSiteConsentQuestions(await as(OTHER_INVESTIGATOR))).threads).toEqual([]);
    const before = await messageCount();
    const refused = await errorOf(answerConsentQuestion(await as(OTHER_INVESTIGATOR), { participantId: "ppt_demoparticipant2", body: "Hello" }));
    expect(refused?.code).toBe("NOT_FOUND");
    const unknown = await errorOf(answerConsentQuestion(await as(OTHER_INVESTIGATOR), { participantId: "ppt_doesnotexist", body: "Hello" }));
    expect(unknown?.code).toBe("NOT_FOUND");
    expect(refused?.message).toBe(unknown?.message);
    expect(await messageCount()).toBe(before);
    expect((await errorOf(answerConsentQuestion(await as(P1), { participantId: "ppt_demoparticipant2", body: "Hi" })))?.code).toBe("FORBIDDEN");
    expect((await errorOf(askConsentQuestion(await as(INVESTIGATOR), { body: "Hi" })))?.code).toBe("FORBIDDEN");
  });

  it("answers 422 naming the field for empty or too long text, and 409 for a thread without a question", async () => {
    const before = await messageCount();
    for (const body of ["", "   ", "x".repeat(4001)]) {
      const asked = await errorOf(askConsentQuestion(await as(P1), { body }));
      expect(asked?.code).toBe("UNPROCESSABLE");
      expect(Object.keys(asked?.fieldErrors ?? {})).toEqual(["body"]);
      const answered = await errorOf(answerConsentQuestion(await as(INVESTIGATOR), { participantId: "ppt_demoparticipant2", body }));
      expect(answered?.code).toBe("UNPROCESSABLE");
      expect(Object.keys(answered?.fieldErrors ?? {})).toEqual(["body"]);
    }
    expect(await messageCount()).toBe(before);
    await askConsentQuestion(await as(P1), { body: "x".repeat(4000) });
    expect(await messageCount()).toBe(before + 1);
  });

  it("keeps messages append-only: the application may not change them and the owner's change is refused", async () => {
    const before = await messageCount();
    const tamper = sql`update consent_question_message set body = 'Something else'`;
    expect(await rejectionMessage(world.database.execute(tamper))).toMatch(/permission denied/);
    expect(await rejectionMessage(world.database.$asOwner((owner) => owner.execute(tamper)))).toMatch(/append-only/);
    const remove = sql`delete from consent_question_message`;
    expect(await rejectionMessage(world.database.execute(remove))).toMatch(/permission denied/);
    expect(await rejectionMessage(world.database.$asOwner((owner) => owner.execute(remove)))).toMatch(/append-only/);
    expect(await messageCount()).toBe(before);
    expect((await listMyConsentQuestions(await as(P1))).messages[0]!.body).toBe(QUESTION);
  });
});
