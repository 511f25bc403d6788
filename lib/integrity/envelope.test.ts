// The record envelope: closed catalogue, strict fields, named error paths, and a stable leaf hash.
import { describe, expect, it } from "vitest";
import { canonicalize } from "./canonical";
import { buildEnvelope, envelopeLeafHash, EnvelopeError, parseEnvelope, randomSalt, type Envelope } from "./envelope";
import { AT, H, SALT, SAMPLE_BODIES, sampleEnvelope } from "./fixtures.test-helper";
import { leafHash } from "./hash";
import { DECIMAL_PATTERN, KIND_CATALOGUE, RECORD_KINDS, type RecordKind } from "./kinds/index";

const REQUIRED_KINDS = [
  "protocol.version",
  "protocol.status",
  "protocol.discarded",
  "consent.form",
  "consent.signed",
  "consent.countersigned",
  "consent.withdrawn",
  "outcome.recorded",
  "outcome.corrected",
  "access.read",
  "access.denied",
  "access.granted",
  "access.revoked",
  "auth.signed_in",
  "auth.signed_out",
  "auth.sign_in_failed",
  "auth.sign_in_alert",
  "auth.wallet_linked",
  "auth.invitation_created",
  "auth.invitation_accepted",
  "role.changed",
  "trial.site_added",
  "trial.regulator_assigned",
  "anchoring.alarm_raised",
  "anchoring.alarm_resolved",
];

const base = sampleEnvelope("outcome.recorded");
const withPatch = (patch: Record<string, unknown>) => ({ ...base, ...patch });
/** Parses and returns the issue paths (empty when valid). */
const issuePaths = (value: unknown) => {
  const r = parseEnvelope(value);
  return r.ok ? [] : r.issues.map((i) => i.path);
};

describe("catalogue", () => {
  it("contains exactly the required kinds", () => {
    expect([...RECORD_KINDS].sort()).toEqual([...REQUIRED_KINDS].sort());
  });

  it.each(RECORD_KINDS)("%s: a sample record builds, parses and hashes", (kind) => {
    const env = sampleEnvelope(kind as RecordKind);
    const parsed = parseEnvelope(JSON.parse(JSON.stringify(env)));
    expect(parsed.ok).toBe(true);
    // No transforms: the parsed value has the same canonical bytes as the input.
    expect(parsed.ok && canonicalize(parsed.value)).toBe(canonicalize(env));
    expect(envelopeLeafHash(env)).toBe(leafHash(canonicalize(env)));
    expect(KIND_CATALOGUE[kind as RecordKind]).toBeDefined();
  });
});

describe("rejections name the offending path", () => {
  it.each([
    ["no milliseconds", "2026-11-21T10:15:30Z"],
    ["offset instead of Z", "2026-11-21T10:15:30.123+01:00"],
    ["microseconds", "2026-11-21T10:15:30.123456Z"],
    ["impossible date", "2026-02-30T10:15:30.123Z"],
    ["hour 24", "2026-11-21T24:00:00.000Z"],
    ["date only", "2026-11-21"],
    ["lowercase z", "2026-11-21T10:15:30.123z"],
  ])("bad at: %s", (_name, at) => {
    expect(issuePaths(withPatch({ at }))).toContain("at");
  });

  it.each([
    ["too short", "abc"],
    ["uppercase", SALT.toUpperCase()],
    ["0x prefix", `0x${SALT.slice(2)}`],
    ["65 chars", `${SALT}0`],
    ["number", 5],
  ])("bad salt: %s", (_name, salt) => {
    expect(issuePaths(withPatch({ salt }))).toEqual(["salt"]);
  });

  it("a JSON number instead of a decimal string", () => {
    const r = parseEnvelope(withPatch({ body: { ...base.body, value: 120 } }));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues).toEqual([expect.objectContaining({ path: "body.value", code: "invalid_type" })]);
  });

  it.each(["1e3", "+1", "01", "1.", ".5", "1,5", " 1", "NaN", ""])("decimal string %j is rejected", (value) => {
    expect(issuePaths(withPatch({ body: { ...base.body, value } }))).toEqual(["body.value"]);
  });

  it.each(["0", "-0.5", "120", "7.250", "123456789012345678901234567890.1"])("decimal string %j is accepted", (value) => {
    expect(DECIMAL_PATTERN.test(value)).toBe(true);
    expect(issuePaths(withPatch({ body: { ...base.body, value } }))).toEqual([]);
  });

  it("an unknown kind", () => {
    const r = parseEnvelope(withPatch({ kind: "outcome.deleted" }));
    expect(!r.ok && r.issues.map((i) => i.path)).toEqual(["kind"]);
  });

  it("a body of another kind", () => {
    expect(issuePaths(withPatch({ kind: "consent.signed" }))[0]).toMatch(/^body\./);
  });

  it("unknown keys at any level", () => {
    expect(parseEnvelope(withPatch({ extra: 1 })).ok).toBe(false);
    expect(issuePaths(withPatch({ body: { ...base.body, note: "x" } }))).toEqual(["body"]);
    expect(issuePaths(withPatch({ actor: { ...base.actor, email: "a@b.c" } }))).toEqual(["actor"]);
  });

  it("v other than 1, bad trial id, bad actor", () => {
    expect(issuePaths(withPatch({ v: 2 }))).toEqual(["v"]);
    expect(issuePaths(withPatch({ trial: "tp-2026-1" }))).toEqual(["trial"]);
    expect(issuePaths(withPatch({ trial: "portal" }))).toEqual([]);
    expect(issuePaths(withPatch({ actor: { role: "superuser", id: "usr_9f2c41d0" } }))).toEqual(["actor.role"]);
    expect(issuePaths(withPatch({ actor: { role: "sponsor", id: "alice@example.com" } }))).toEqual(["actor.id"]);
    expect(
      issuePaths(
        withPatch({
          actor: { role: "sponsor", id: "usr_9f2c41d0", wallet: "0xABCDEFabcdef0123456789012345678901234567" },
        }),
      ),
    ).toEqual(["actor.wallet"]);
  });

  it("participant records need a pseudonymous subject", () => {
    const { subject: _omit, ...noSubject } = base;
    expect(issuePaths(noSubject)).toEqual(["subject"]);
    expect(issuePaths(withPatch({ subject: "Jane Doe" }))).toEqual(["subject"]);
    expect(issuePaths(withPatch({ subject: "jane@example.com" }))).toEqual(["subject"]);
  });

  it("a correction needs a non-blank reason and a valid reference", () => {
    const corr = sampleEnvelope("outcome.corrected");
    const { reason: _r, ...noReason } = corr.body as Record<string, unknown>;
    expect(issuePaths({ ...corr, body: noReason })).toEqual(["body.reason"]);
    expect(issuePaths({ ...corr, body: { ...corr.body, reason: "   " } })).toEqual(["body.reason"]);
    expect(issuePaths({ ...corr, body: { ...corr.body, corrects: { index: -1, leafHash: H(1) } } })).toEqual(["body.corrects.index"]);
    expect(issuePaths({ ...corr, body: { ...corr.body, corrects: { index: 1, leafHash: "0x12" } } })).toEqual(["body.corrects.leafHash"]);
  });

  it("a protocol amendment needs a reason, and the protocol must be JSON", () => {
    const p = sampleEnvelope("protocol.version");
    expect(issuePaths({ ...p, body: { version: 2, protocol: {} } })).toEqual(["body.reason"]);
    expect(issuePaths({ ...p, body: { version: 2, protocol: {}, reason: "dose change" } })).toEqual([]);
    expect(issuePaths({ ...p, body: { version: 0, protocol: {} } })).toEqual(["body.version"]);
    expect(issuePaths({ ...p, body: { version: 1, protocol: { arms: [1, NaN] } } })).toEqual(["body.protocol.arms[1]"]);
  });

  it("not an object at all", () => {
    for (const v of [null, 42, "x", [], undefined]) expect(parseEnvelope(v).ok).toBe(false);
  });
});

describe("buildEnvelope", () => {
  it("throws EnvelopeError listing every problem", () => {
    let caught: unknown;
    try {
      buildEnvelope({
        kind: "outcome.recorded",
        trial: "TP-2026-0001",
        actor: { role: "investigator", id: "usr_9f2c41d0" },
        subject: "ppt_41d0abcd",
        body: { ...SAMPLE_BODIES["outcome.recorded"], value: 5 as unknown as string },
        at: "yesterday",
        salt: "nope",
      });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(EnvelopeError);
    expect((caught as EnvelopeError).issues.map((i) => i.path).sort()).toEqual(["at", "body.value", "salt"]);
  });

  it("defaults `at` to now in the required format and lowercases the wallet", () => {
    const before = Date.now();
    const env = buildEnvelope({
      kind: "auth.signed_in",
      trial: "portal",
      actor: { role: "sponsor", id: "usr_9f2c41d0", wallet: "0xABCDEFabcdef0123456789012345678901234567" },
      body: { method: "siwe" },
      salt: randomSalt(),
    });
    expect(env.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(env.at)).toBeGreaterThanOrEqual(before - 1);
    expect(env.actor.wallet).toBe("0xabcdefabcdef0123456789012345678901234567");
    expect("subject" in env).toBe(false);
  });

  it("randomSalt gives 64 lowercase hex chars, different each time", () => {
    const a = randomSalt();
    const b = randomSalt();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
  });
});

describe("leaf hash", () => {
  it("is pinned for a fixed envelope (canonical bytes must never drift)", () => {
    const env = sampleEnvelope("outcome.recorded");
    expect(canonicalize(env)).toBe(
      '{"actor":{"id":"usr_9f2c41d0","role":"investigator"},"at":"2026-11-21T10:15:30.123Z","body":{"measure":"systolic_bp","observedAt":"2026-11-21T09:00:00.000Z","unit":"mm[Hg]","value":"120","visit":"baseline"},"kind":"outcome.recorded","salt":"5f3a5f3a5f3a5f3a5f3a5f3a5f3a5f3a5f3a5f3a5f3a5f3a5f3a5f3a5f3a5f3a","subject":"ppt_41d0abcd","trial":"TP-2026-0001","v":1}',
    );
    expect(envelopeLeafHash(env)).toBe(leafHash(canonicalize(env)));
  });

  it("changes with any field, including the salt, and not with key order", () => {
    const env = sampleEnvelope("outcome.recorded");
    const h = envelopeLeafHash(env);
    const reordered = Object.fromEntries(Object.entries(env).reverse()) as Envelope;
    expect(envelopeLeafHash(reordered)).toBe(h);
    expect(envelopeLeafHash(sampleEnvelope("outcome.recorded", { salt: "0".repeat(64) }))).not.toBe(h);
    expect(envelopeLeafHash(sampleEnvelope("outcome.recorded", { at: "2026-11-21T10:15:30.124Z" }))).not.toBe(h);
    expect(envelopeLeafHash({ ...env, body: { ...env.body, value: "120.0" } } as Envelope)).not.toBe(h);
    expect(AT).toBe(env.at);
  });
});
