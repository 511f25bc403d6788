// Shared test fixtures (imported by *.test.ts only; not part of the module's API).
import { buildEnvelope, type Envelope, type EnvelopeOf } from "./envelope";
import type { BodyOf, RecordKind } from "./kinds/index";

export const H = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as const;
export const SALT = "5f3a".repeat(16);
export const AT = "2026-11-21T10:15:30.123Z";

/** One valid body per kind of the catalogue. */
export const SAMPLE_BODIES: { [K in RecordKind]: BodyOf<K> } = {
  "protocol.version": { version: 1, protocol: { title: "Aspirin vs placebo", arms: [{ id: "A" }, { id: "B" }] } },
  "protocol.status": { status: "recruiting" },
  "protocol.discarded": { version: 2, protocolHash: H(7), reason: "Wrong amendment prepared" },
  "consent.form": {
    formId: "cf_main0001",
    version: 1,
    protocolVersion: 1,
    language: "en",
    title: "Consent",
    content: {
      sections: [{ title: "About the study", body: "You are invited to take part." }],
      glossary: [{ term: "Placebo", definition: "A dummy treatment." }],
      knowledgeCheck: {
        questions: [
          {
            id: "q1",
            kind: "single",
            prompt: "May you leave at any time?",
            options: [
              { id: "yes", text: "Yes" },
              { id: "no", text: "No" },
            ],
            correct: ["yes"],
            explanation: "Taking part is voluntary.",
          },
        ],
        passMark: 1,
      },
      choices: [{ id: "future_contact", text: "You may contact me about future studies." }],
      signers: { signer: "participant", witnessRequired: false, countersignatureRequired: true },
    },
    ethicsApproval: { committee: "Demo REC", reference: "REC-1", approvalDate: "2026-08-01" },
    sites: "all",
  },
  "consent.signed": {
    form: { index: 2, leafHash: H(2) },
    formId: "cf_main0001",
    formVersion: 1,
    method: "passkey",
    signer: "participant",
    witnessed: false,
    choices: [{ id: "future_contact", accepted: true }],
    knowledgeCheck: { attempts: 1, score: 1, passMark: 1 },
    manifestation: H(9),
  },
  "consent.countersigned": {
    signed: { index: 3, leafHash: H(3) },
    formId: "cf_main0001",
    formVersion: 1,
    identityCheck: "in_person_id",
    manifestation: H(10),
  },
  "consent.withdrawn": { signed: { index: 3, leafHash: H(3) }, scope: "all" },
  "outcome.recorded": {
    measure: "systolic_bp",
    value: "120",
    unit: "mm[Hg]",
    visit: "baseline",
    observedAt: "2026-11-21T09:00:00.000Z",
  },
  "outcome.corrected": {
    corrects: { index: 6, leafHash: H(6) },
    measure: "systolic_bp",
    value: "121.5",
    unit: "mm[Hg]",
    visit: "baseline",
    observedAt: "2026-11-21T09:00:00.000Z",
    reason: "transcription error",
  },
  "access.read": { resource: "participant_record", resourceId: "ppt_41d0abcd" },
  "access.denied": { resource: "outcomes", reason: "not_assigned" },
  "access.granted": { grantee: { role: "investigator", id: "usr_site0001" }, scope: ["outcomes"] },
  "access.revoked": { grantee: { role: "investigator", id: "usr_site0001" } },
  "auth.signed_in": { method: "siwe" },
  "auth.signed_out": {},
  "auth.sign_in_failed": { method: "password", reason: "bad_credentials" },
  "auth.sign_in_alert": {
    method: "password",
    trigger: "address_failures",
    failures: 5,
    windowSeconds: 86400,
    account: "usr_9f2c41d0",
    emailTag: H(7),
  },
  "auth.wallet_linked": { wallet: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8", chainId: 31337 },
  "auth.invitation_created": {
    invitationId: "inv_abcd1234",
    role: "participant",
    expiresAt: "2026-12-01T00:00:00.000Z",
  },
  "auth.invitation_accepted": { invitationId: "inv_abcd1234" },
  "role.changed": { userId: "usr_9f2c41d0", from: null, to: "regulator" },
  "trial.site_added": { siteId: "site_0001", name: "General Hospital", country: "FR" },
  "trial.regulator_assigned": { regulatorId: "usr_reg00001", authority: "EMA" },
  "anchoring.alarm_raised": {
    alarmId: "alm_0001abcd",
    alarm: "anchorer_changed",
    chainId: 31337,
    anchorer: "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
    onChainAnchorer: "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc",
  },
  "anchoring.alarm_resolved": {
    alarmId: "alm_0001abcd",
    alarm: "anchorer_changed",
    raised: { index: 4, leafHash: H(4) },
  },
};

const SUBJECT_KINDS = new Set<RecordKind>(["consent.signed", "consent.countersigned", "consent.withdrawn", "outcome.recorded", "outcome.corrected"]);

export function sampleEnvelope<K extends RecordKind>(kind: K, overrides: { salt?: string; at?: string; body?: BodyOf<K> } = {}): Envelope {
  const env: EnvelopeOf<K> = buildEnvelope({
    kind,
    trial: "TP-2026-0001",
    actor: { role: "investigator", id: "usr_9f2c41d0" },
    ...(SUBJECT_KINDS.has(kind) ? { subject: "ppt_41d0abcd" } : {}),
    body: overrides.body ?? SAMPLE_BODIES[kind],
    at: overrides.at ?? AT,
    salt: overrides.salt ?? SALT,
  });
  // For a generic K the compiler cannot distribute EnvelopeOf<K> over the union; every instance is a member.
  return env as Envelope;
}

/** A log of `n` outcome records with distinct salts (so distinct leaf hashes). */
export function outcomeLog(n: number): Envelope[] {
  return Array.from({ length: n }, (_, i) =>
    sampleEnvelope("outcome.recorded", {
      salt: i.toString(16).padStart(64, "a"),
      body: { ...SAMPLE_BODIES["outcome.recorded"], value: String(100 + i) },
    }),
  );
}
