import { and, eq } from "drizzle-orm";
import { registryColumnsOf } from "@/lib/protocols/registry-columns";
import type { TProtocol } from "@/lib/schemas/protocol";
import type { Hex } from "@/lib/integrity";
import type { Database } from "../open";
import { protocolVersion, trial, trialRegulator, trialSite } from "../schema";
import { appendRecords, type AppendedRecord, type RecordInput } from "@/lib/server/log/append-records";
import { DEMO_ORGS, DEMO_PERSONAS, DEMO_REGISTERED_PROTOCOL, DEMO_REGISTERED_TRIAL } from "./demo-data";

const ref = (r: AppendedRecord) => ({ index: r.index, leafHash: r.leafHash });

/** Deterministic pseudo-random numbers so the demo looks the same on every start. */
function rng(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

/**
 * The demo's registered trial: a protocol, a consent form, and a few hundred consent, outcome, correction
 * and access records from 40 pseudonymous participants, appended through the real log path. Returns the
 * protocol record's leaf hash, which the sponsor commits on chain.
 */
export async function seedDemoTrialLog(database: Database): Promise<{ protocolHash: Hex; records: number }> {
  const sponsor = DEMO_PERSONAS.find((p) => p.key === "sponsor")!;
  const sponsorActor = { role: "sponsor" as const, id: "usr_demosponsor", wallet: sponsor.wallet!.toLowerCase() };
  const investigator = { role: "investigator" as const, id: "usr_demoinvestigator" };
  const regulator = { role: "regulator" as const, id: "usr_demoregulator" };
  const logId = DEMO_REGISTERED_TRIAL.publicId;
  const random = rng(20261121);
  const day = (n: number) => new Date(Date.UTC(2026, 8, 1) + n * 86_400_000).toISOString();

  return database.transaction(async (tx) => {
    await tx.insert(trial).values({ ...DEMO_REGISTERED_TRIAL, sponsorOrgId: DEMO_ORGS.sponsor.id, createdBy: "usr_demosponsor", status: "registered" });
    const [protocol, site, regulatorRecord, form] = await appendRecords(tx, logId, [
      {
        kind: "protocol.version",
        actor: sponsorActor,
        body: {
          version: 1,
          protocol: DEMO_REGISTERED_PROTOCOL,
        },
      },
      { kind: "trial.site_added", actor: sponsorActor, body: { siteId: DEMO_ORGS.site.id, name: DEMO_ORGS.site.name, country: "GB" } },
      { kind: "trial.regulator_assigned", actor: sponsorActor, body: { regulatorId: "usr_demoregulator", authority: DEMO_ORGS.regulator.name } },
      {
        kind: "consent.form",
        actor: investigator,
        body: { formId: "frm_demo0001", version: 1, protocolVersion: 1, language: "en", title: "Participant information and consent", text: "You are invited to take part in a study of blood pressure treatment…" },
      },
    ]);
    await tx.insert(protocolVersion).values({
      trialId: DEMO_REGISTERED_TRIAL.id,
      version: 1,
      protocol: DEMO_REGISTERED_PROTOCOL as unknown as Record<string, unknown>,
      leafIndex: protocol!.index,
      leafHash: protocol!.leafHash,
      createdBy: "usr_demosponsor",
      chainState: "awaiting_signature",
    });
    await tx.insert(trialSite).values({ trialId: DEMO_REGISTERED_TRIAL.id, siteOrgId: DEMO_ORGS.site.id, leafIndex: site!.index, createdBy: "usr_demosponsor" });
    await tx.insert(trialRegulator).values({ trialId: DEMO_REGISTERED_TRIAL.id, userId: "usr_demoregulator", leafIndex: regulatorRecord!.index, createdBy: "usr_demosponsor" });
    const participants = Array.from({ length: 40 }, (_, i) => `ppt_demo${String(i + 1).padStart(3, "0")}`);
    const signed = await appendRecords(
      tx,
      logId,
      participants.map((subject) => ({ kind: "consent.signed", actor: { role: "participant", id: `usr_${subject.slice(4)}` }, subject, body: { form: ref(form!), formId: "frm_demo0001", formVersion: 1, method: "password" } }) as RecordInput),
    );
    await appendRecords(
      tx,
      logId,
      signed.map((s, i) => ({ kind: "consent.countersigned", actor: investigator, subject: participants[i], body: { signed: ref(s), formId: "frm_demo0001", formVersion: 1 } }) as RecordInput),
    );
    const visits = ["baseline", "week_4", "week_8", "week_12"];
    const outcomes = await appendRecords(
      tx,
      logId,
      participants.flatMap((subject, i) =>
        visits.map((visit, v) => ({
          kind: "outcome.recorded",
          actor: investigator,
          subject,
          body: { measure: "systolic_bp", value: String(Math.round(150 - v * 4 - random() * 10)), unit: "mm[Hg]", visit, observedAt: day(i + v * 28) },
        }) as RecordInput),
      ),
    );
    const corrections = outcomes.filter((_, i) => i % 23 === 5);
    await appendRecords(
      tx,
      logId,
      corrections.map((o) => {
        const body = o.envelope.body as { visit: string; observedAt: string; value: string };
        return {
          kind: "outcome.corrected",
          actor: investigator,
          subject: o.envelope.subject,
          body: { corrects: ref(o), measure: "systolic_bp", value: String(Number(body.value) + 10), unit: "mm[Hg]", visit: body.visit, observedAt: body.observedAt, reason: "Transcription error against the source document" },
        } as RecordInput;
      }),
    );
    const last = await appendRecords(tx, logId, [
      ...participants.slice(0, 12).map((subject) => ({ kind: "access.read", actor: regulator, subject, body: { resource: "outcomes", purpose: "Source data verification" } }) as RecordInput),
      { kind: "consent.withdrawn", actor: { role: "participant", id: "usr_demo039" }, subject: participants[38], body: { signed: ref(signed[38]!), reason: "Moving abroad" } },
      { kind: "protocol.status", actor: sponsorActor, body: { status: "recruiting" } },
    ]);
    return { protocolHash: protocol!.leafHash, records: last.at(-1)!.index + 1 };
  });
}

/**
 * After the demo sponsor's registerTrial transaction is mined: version 1 confirmed with the transaction's data, the
 * trial registered and recruiting, and its registry columns filled (what confirmProtocolOnChain does for real
 * trials after reading the receipt).
 */
export async function confirmDemoProtocol(
  database: Database,
  chain: { txHash: Hex; blockNumber: bigint; blockTimestamp: Date; sender: string },
): Promise<void> {
  await database.transaction(async (tx) => {
    await tx
      .update(protocolVersion)
      .set({
        chainState: "confirmed",
        txHash: chain.txHash,
        sender: chain.sender.toLowerCase(),
        blockNumber: Number(chain.blockNumber),
        blockTimestamp: chain.blockTimestamp,
        confirmedAt: new Date(),
      })
      .where(and(eq(protocolVersion.trialId, DEMO_REGISTERED_TRIAL.id), eq(protocolVersion.version, 1)));
    await tx
      .update(trial)
      .set({
        ...registryColumnsOf(DEMO_REGISTERED_TRIAL.publicId, DEMO_REGISTERED_PROTOCOL as unknown as TProtocol, DEMO_ORGS.sponsor.name),
        status: "recruiting",
        currentVersion: 1,
        registeredAt: chain.blockTimestamp,
      })
      .where(eq(trial.id, DEMO_REGISTERED_TRIAL.id));
  });
}
