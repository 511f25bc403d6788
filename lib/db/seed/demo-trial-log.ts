import { and, eq } from "drizzle-orm";
import { registryColumnsOf } from "@/lib/protocols/registry-columns";
import type { TProtocol } from "@/lib/schemas/protocol";
import { manifestationCommitment, randomSalt, type Hex } from "@/lib/integrity";
import { SIGNATURE_MEANING_TEXT } from "@/lib/vocabulary/consent-signer";
import { correctionReasonText } from "@/lib/vocabulary/correction-reason";
import type { Database } from "../open";
import { consentFormVersion, participant, protocolVersion, trial, trialRegulator, trialSite, trialSiteInvestigator } from "../schema";
import type { AppendedRecord } from "@/lib/server/log/append-records";
import type { AuditActor } from "@/lib/server/audit/actor";
import { recordDomainChanges, type DomainChange } from "@/lib/server/audit/record-domain-change";
import { setChainRegistration } from "@/lib/server/log/ensure-log";
import { activateConsentVersionIn } from "@/lib/server/consent/activate-consent-version";
import { DEMO_CONSENT_FORM, DEMO_CONSENT_VERSION_ID } from "./demo-consent";
import { demoViewer } from "./demo-viewer";
import { DEMO_ORGS, DEMO_PERSONAS, DEMO_REGISTERED_PROTOCOL, DEMO_REGISTERED_TRIAL } from "./demo-data";

const ref = (r: AppendedRecord) => ({ index: r.index, leafHash: r.leafHash });

/** Deterministic pseudo-random numbers so the demo looks the same on every start. */
function rng(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

const by = (actor: AuditActor, change: DomainChange) => ({ actor, change });

/**
 * The demo's registered trial: a protocol, a consent form, and a few hundred consent, outcome, correction
 * and access records from 40 pseudonymous participants, written through the one domain-change path (each record
 * with its audit row, so the admin audit trail shows the seeded history too), in batches. Returns the protocol
 * record's leaf hash, which the sponsor commits on chain.
 */
export async function seedDemoTrialLog(database: Database): Promise<{ protocolHash: Hex; records: number }> {
  const sponsorPersona = DEMO_PERSONAS.find((p) => p.key === "sponsor")!;
  const sponsor: AuditActor = {
    userId: "usr_demosponsor",
    role: "sponsor_admin",
    organizationId: DEMO_ORGS.sponsor.id,
    wallet: sponsorPersona.wallet,
  };
  const investigator: AuditActor = {
    userId: "usr_demoinvestigator",
    role: "investigator",
    organizationId: DEMO_ORGS.site.id,
  };
  const regulator: AuditActor = {
    userId: "usr_demoregulator",
    role: "regulator",
    organizationId: DEMO_ORGS.regulator.id,
  };
  const participantActor = (subject: string): AuditActor => ({
    userId: `usr_${subject.slice(4)}`,
    role: "participant",
    organizationId: DEMO_ORGS.site.id,
  });
  const demoTrial = { id: DEMO_REGISTERED_TRIAL.id, publicId: DEMO_REGISTERED_TRIAL.publicId };
  const random = rng(20261121);
  const day = (n: number) => new Date(Date.UTC(2026, 8, 1) + n * 86_400_000).toISOString();

  return database.transaction(async (tx) => {
    await tx.insert(trial).values({
      ...DEMO_REGISTERED_TRIAL,
      sponsorOrgId: DEMO_ORGS.sponsor.id,
      createdBy: "usr_demosponsor",
      status: DEMO_REGISTERED_PROTOCOL.recruitmentStatus,
    });
    const [protocol, site, regulatorRecord] = await recordDomainChanges(tx, [
      by(sponsor, {
        kind: "protocol.version",
        trial: demoTrial,
        body: { version: 1, protocol: DEMO_REGISTERED_PROTOCOL },
      }),
      by(sponsor, {
        kind: "trial.site_added",
        trial: demoTrial,
        body: { siteId: DEMO_ORGS.site.id, name: DEMO_ORGS.site.name, country: "GB" },
      }),
      by(sponsor, {
        kind: "trial.regulator_assigned",
        trial: demoTrial,
        body: { regulatorId: "usr_demoregulator", authority: DEMO_ORGS.regulator.name },
      }),
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
    await tx.insert(trialSite).values({
      trialId: DEMO_REGISTERED_TRIAL.id,
      siteOrgId: DEMO_ORGS.site.id,
      leafIndex: site!.index,
      createdBy: "usr_demosponsor",
    });
    await tx.insert(trialRegulator).values({
      trialId: DEMO_REGISTERED_TRIAL.id,
      userId: "usr_demoregulator",
      leafIndex: regulatorRecord!.index,
      createdBy: "usr_demosponsor",
    });
    // The demo investigator works on this trial at the demo site, and the demo participants are enrolled in it.
    await tx.insert(trialSiteInvestigator).values({
      trialId: DEMO_REGISTERED_TRIAL.id,
      siteOrgId: DEMO_ORGS.site.id,
      userId: "usr_demoinvestigator",
      createdBy: "usr_demosponsor",
    });
    await tx.insert(participant).values(
      DEMO_PERSONAS.filter((p) => p.role === "participant").map((p) => ({
        id: `ppt_demo${p.key}`,
        userId: `usr_demo${p.key}`,
        siteOrgId: DEMO_ORGS.site.id,
        trialId: DEMO_REGISTERED_TRIAL.id,
      })),
    );
    // The consent form, as a draft the sponsor then activates through the portal's own use case (its consent.form
    // record and the frozen version), so that the demo participants can read and sign it in the portal.
    const { ethicsApproval, ...draft } = DEMO_CONSENT_FORM;
    await tx.insert(consentFormVersion).values({
      id: DEMO_CONSENT_VERSION_ID,
      ...draft,
      version: 1,
      trialId: DEMO_REGISTERED_TRIAL.id,
      createdBy: "usr_demosponsor",
      updatedBy: "usr_demosponsor",
    });
    const activated = await activateConsentVersionIn(tx, await demoViewer(tx, "usr_demosponsor"), {
      formVersionId: DEMO_CONSENT_VERSION_ID,
      ethicsApproval,
      sites: "all",
    });
    const form = { index: activated.leafIndex, leafHash: activated.leafHash };
    const participants = Array.from({ length: 40 }, (_, i) => `ppt_demo${String(i + 1).padStart(3, "0")}`);
    const signed = await recordDomainChanges(
      tx,
      participants.map((subject) =>
        by(participantActor(subject), {
          kind: "consent.signed",
          trial: demoTrial,
          subject,
          body: {
            form,
            formId: DEMO_CONSENT_FORM.formId,
            formVersion: 1,
            method: "password",
            signer: "participant",
            witnessed: false,
            choices: DEMO_CONSENT_FORM.content.choices.map((c, n) => ({ id: c.id, accepted: n === 0 || random() < 0.7 })),
            knowledgeCheck: { attempts: random() < 0.8 ? 1 : 2, score: 2, passMark: 2 },
            // These pseudonymous participants have no accounts: the commitment is to a placeholder manifestation
            // whose salt is not kept (the demo personas sign for real through lib/server/consent).
            manifestation: manifestationCommitment({ name: subject, signedAt: day(0), meaning: SIGNATURE_MEANING_TEXT.participant }, randomSalt()),
          },
        }),
      ),
    );
    await recordDomainChanges(
      tx,
      signed.map((s, i) =>
        by(investigator, {
          kind: "consent.countersigned",
          trial: demoTrial,
          subject: participants[i],
          body: {
            signed: ref(s),
            formId: DEMO_CONSENT_FORM.formId,
            formVersion: 1,
            identityCheck: "in_person_id",
            manifestation: manifestationCommitment(
              { name: "Ivan Investigator", signedAt: day(0), meaning: SIGNATURE_MEANING_TEXT.investigator },
              randomSalt(),
            ),
          },
        }),
      ),
    );
    const visits = ["baseline", "week_4", "week_8", "week_12"];
    const outcomes = await recordDomainChanges(
      tx,
      participants.flatMap((subject, i) =>
        visits.map((visit, v) =>
          by(investigator, {
            kind: "outcome.recorded",
            trial: demoTrial,
            subject,
            body: {
              measure: "systolic_bp",
              value: String(Math.round(150 - v * 4 - random() * 10)),
              unit: "mm[Hg]",
              visit,
              observedAt: day(i + v * 28),
            },
          }),
        ),
      ),
    );
    const corrections = outcomes.filter((_, i) => i % 23 === 5);
    await recordDomainChanges(
      tx,
      corrections.map((o) => {
        const body = o.envelope.body as { visit: string; observedAt: string; value: string };
        return by(investigator, {
          kind: "outcome.corrected",
          trial: demoTrial,
          subject: o.envelope.subject,
          body: {
            corrects: ref(o),
            measure: "systolic_bp",
            value: String(Number(body.value) + 10),
            unit: "mm[Hg]",
            visit: body.visit,
            observedAt: body.observedAt,
            reason: correctionReasonText("transcription_error", "checked against the source document"),
          },
        });
      }),
    );
    const last = await recordDomainChanges(tx, [
      ...participants.slice(0, 12).map((subject) =>
        by(regulator, {
          kind: "access.read",
          trial: demoTrial,
          subject,
          body: { resource: "outcomes", purpose: "Source data verification" },
        }),
      ),
      by(participantActor(participants[38]!), {
        kind: "consent.withdrawn",
        trial: demoTrial,
        subject: participants[38],
        body: { signed: ref(signed[38]!), scope: "all", reason: "Moving abroad" },
      }),
      by(sponsor, { kind: "protocol.status", trial: demoTrial, body: { status: "recruiting" } }),
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
    await setChainRegistration(tx, DEMO_REGISTERED_TRIAL.publicId, chain.sender);
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
