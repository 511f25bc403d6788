// Measures, units and visits of a protocol: units must be UCUM codes spelled as UCUM spells them, codes need units
// and a visit schedule, autosave keeps them, and once the version is confirmed on chain exactly its coded outcomes are
// recordable. A version registered without them stays valid and has none.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open";
import type { TProtocol } from "@/lib/schemas/protocol";
import type { Viewer } from "@/lib/server/auth/viewer";
import { registeredScheduleOf } from "@/lib/server/outcomes/outcome-scope";
import type { TestLedger } from "@/lib/testing/test-ledger";
import { confirmProtocolOnChain } from "./confirm-protocol-on-chain";
import { createTrial } from "./create-trial";
import { getSponsorTrial } from "./get-sponsor-trial";
import { completeProtocol, sponsorSends, startRegistrationWorld } from "./protocol-registration.test-helper";
import { registerProtocol } from "./register-protocol";
import { saveProtocolDraft } from "./save-protocol-draft";

let database: Database;
let drop: () => Promise<void>;
let ledger: TestLedger;
let sponsor: Viewer;

beforeAll(async () => {
  ({ database, drop, ledger, sponsor } = await startRegistrationWorld());
});
afterAll(async () => {
  await Promise.all([drop?.(), ledger?.stop()]);
});

const VISITS = [
  { code: "baseline", label: "Baseline", dayOffset: "0", windowDays: "0" },
  { code: "week_12", label: "Week 12", dayOffset: "84", windowDays: "7" },
];
const coded = (unit = "mm[Hg]", over: Partial<TProtocol> = {}): TProtocol => {
  const p = completeProtocol();
  return {
    ...p,
    primaryOutcomes: [{ ...p.primaryOutcomes[0]!, code: "systolic_bp", unit, plausibleLow: "60", plausibleHigh: "260" }],
    visits: VISITS,
    ...over,
  };
};
const registerError = async (trialId: string, data: TProtocol) => {
  await saveProtocolDraft(sponsor, trialId, { data });
  return registerProtocol(sponsor, trialId).then(
    () => null,
    (e: { code: string; fieldErrors: Record<string, string[]> }) => e,
  );
};

describe("outcome measures in the protocol", () => {
  let trialId: string;
  let publicId: string;

  it("refuses a unit that is not a UCUM code, suggesting the UCUM spelling", async () => {
    ({ trialId, publicId } = await createTrial(sponsor, { title: "Measures trial" }));
    const error = await registerError(trialId, coded("mmHg"));
    expect(error?.code).toBe("UNPROCESSABLE");
    expect(error?.fieldErrors).toEqual({ "primaryOutcomes.0.unit": ["mmHg is not a UCUM unit code; did you mean mm[Hg]?"] });
    expect(Object.keys((await registerError(trialId, coded("furlongs")))!.fieldErrors)).toEqual(["primaryOutcomes.0.unit"]);
  });

  it("needs a unit with a code, distinct codes, a sane range and a visit schedule", async () => {
    const p = coded();
    const noUnit = await registerError(trialId, { ...p, primaryOutcomes: [{ ...p.primaryOutcomes[0]!, unit: undefined }] });
    expect(Object.keys(noUnit!.fieldErrors)).toEqual(["primaryOutcomes.0.unit"]);
    const twice = await registerError(trialId, { ...p, secondaryOutcomes: [{ ...p.primaryOutcomes[0]! }] });
    expect(twice!.fieldErrors["secondaryOutcomes.0.code"]?.[0]).toMatch(/used by another outcome/);
    const upsideDown = await registerError(trialId, { ...p, primaryOutcomes: [{ ...p.primaryOutcomes[0]!, plausibleLow: "300" }] });
    expect(Object.keys(upsideDown!.fieldErrors)).toEqual(["primaryOutcomes.0.plausibleHigh"]);
    expect(Object.keys((await registerError(trialId, { ...p, visits: undefined }))!.fieldErrors)).toEqual(["visits"]);
    const badVisit = await registerError(trialId, { ...p, visits: [VISITS[0]!, { ...VISITS[0]!, dayOffset: "4 weeks" }] });
    expect(Object.keys(badVisit!.fieldErrors).sort()).toEqual(["visits.1.code", "visits.1.dayOffset"]);
  });

  it("keeps the fields in the autosaved draft, and makes exactly the coded outcomes recordable once confirmed", async () => {
    const p = coded("mm[Hg]", { secondaryOutcomes: completeProtocol().secondaryOutcomes });
    await saveProtocolDraft(sponsor, trialId, { data: p });
    expect((await getSponsorTrial(sponsor, trialId)).draft.data).toMatchObject({ visits: VISITS, primaryOutcomes: [{ code: "systolic_bp" }] });
    const pending = await registerProtocol(sponsor, trialId);
    expect(pending.summary).toContain("; systolic_bp in mm[Hg])");
    expect(pending.summary).toContain("Visits: baseline (day 0 ± 0), week_12 (day 84 ± 7)");
    expect(await registeredScheduleOf(database, trialId)).toBeNull();
    const tx = await sponsorSends(ledger, "registerTrial", publicId, pending.protocolHash);
    await confirmProtocolOnChain(sponsor, trialId, { txHash: tx });
    const schedule = await registeredScheduleOf(database, trialId);
    expect(schedule).toEqual({
      version: 1,
      measures: [
        { code: "systolic_bp", title: p.primaryOutcomes[0]!.title, unit: "mm[Hg]", plausibleLow: "60", plausibleHigh: "260", primary: true },
      ],
      visits: VISITS,
    });
  });

  it("a protocol registered without measures stays valid and has nothing recordable", async () => {
    const other = await createTrial(sponsor, { title: "Older trial" });
    await saveProtocolDraft(sponsor, other.trialId, { data: completeProtocol() });
    const pending = await registerProtocol(sponsor, other.trialId);
    await confirmProtocolOnChain(sponsor, other.trialId, {
      txHash: await sponsorSends(ledger, "registerTrial", other.publicId, pending.protocolHash),
    });
    expect(await registeredScheduleOf(database, other.trialId)).toEqual({ version: 1, measures: [], visits: [] });
  });
});
