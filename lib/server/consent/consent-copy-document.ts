import "server-only";
import type { Receipt } from "@/lib/integrity";
import type { ConsentFormContent, EthicsApproval } from "@/lib/db/schema";
import { PdfTextWriter } from "@/lib/server/pdf/pdf-text-writer";

export interface CopyRecordRef {
  kind: string;
  index: number;
  leafHash: string;
}

/** One signature's manifestation and the salt that opens its commitment (docs/consent.md#the-manifestation-commitment). */
export interface CopySignature {
  role: string;
  details: string[];
  name: string;
  signedAt: string;
  meaning: string;
  salt: string;
  manifestation: string;
  record: CopyRecordRef;
}

export type CopyAnchoring = { status: "anchored"; receipt: Receipt } | { status: "awaiting_anchor" } | { status: "mismatch"; message: string };

/** Everything the participant's copy shows, gathered by consent-copy-pdf.ts. */
export interface ConsentCopy {
  trial: { publicId: string; title: string };
  form: {
    formId: string;
    version: number;
    title: string;
    language: string;
    protocolVersion: number;
    content: ConsentFormContent;
    ethicsApproval: EthicsApproval | null;
    record: CopyRecordRef | null;
  };
  participantId: string;
  choices: { id: string; accepted: boolean }[];
  knowledgeCheck: { attempts: number; score: number | null; passMark: number; questions: number };
  signatures: CopySignature[];
  witnessName: string | null;
  /** The consent.signed record; its envelope is null when it was erased on a lawful request. */
  signed: { logId: string; index: number; leafHash: string; envelope: Record<string, unknown> | null };
  formEnvelope: Record<string, unknown> | null;
  anchoring: CopyAnchoring;
  verifyUrl: string;
  recordUrl: string;
}

/** The attachments' names: a verifier (or the test) finds them by these. */
export const COPY_ATTACHMENTS = { receipt: "receipt.json", record: "record.json", form: "consent-form.json" } as const;

const json = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);

/**
 * The copy as a PDF: readable text for the participant, and the machine-checkable evidence as attached files
 * (receipt.json, record.json: the consent.signed envelope, consent-form.json: the consent.form envelope).
 */
export async function renderConsentCopy(copy: ConsentCopy): Promise<Uint8Array> {
  const { form, trial } = copy;
  const w = await PdfTextWriter.create({
    title: `Consent: ${form.title} (version ${form.version})`,
    subject: `Signed consent of participant ${copy.participantId} in ${trial.publicId}`,
    footer: `${trial.publicId} - consent ${form.formId} version ${form.version} - participant ${copy.participantId}`,
  });

  w.heading("Your copy of your signed consent", 1);
  w.text(`Trial ${trial.publicId}: ${trial.title}`);
  w.text(`Participant id (pseudonym): ${copy.participantId}`);
  w.space();
  w.text(
    "This document reproduces the consent form exactly as you signed it, your answers, and the evidence that lets anyone " +
      "check, without this portal, that your signature is recorded in the trial's log.",
    { muted: true, size: 9 },
  );

  w.heading("The form as signed");
  w.field("Title", form.title);
  w.field("Form", `${form.formId}, version ${form.version}, language ${form.language}, protocol version ${form.protocolVersion}`);
  if (form.ethicsApproval) {
    const e = form.ethicsApproval;
    w.field("Ethics approval", `${e.committee}, reference ${e.reference}, approved ${e.approvalDate}`);
  }
  if (form.record) w.field(`Form record (${form.record.kind}, record ${form.record.index})`, form.record.leafHash, { mono: true });
  form.content.sections.forEach((section, i) => {
    w.heading(`${i + 1}. ${section.title}`, 3);
    w.text(section.body);
    if (section.media) w.text(`Media: ${section.media.alt} (${section.media.url})`, { muted: true, size: 9 });
  });
  if (form.content.glossary.length > 0) {
    w.heading("Glossary", 3);
    for (const entry of form.content.glossary) {
      w.text(entry.term, { font: "bold" });
      w.text(entry.definition, { indent: 12 });
    }
  }

  w.heading("Your choices");
  if (form.content.choices.length === 0) w.text("This form has no optional choices.");
  for (const choice of form.content.choices) {
    const given = copy.choices.find((c) => c.id === choice.id);
    w.text(`${given?.accepted ? "Accepted" : "Declined"}: ${choice.text}`);
  }

  const k = copy.knowledgeCheck;
  w.heading("Knowledge check");
  w.text(
    `Passed with ${k.score ?? "?"} of ${k.questions} questions answered correctly (pass mark ${k.passMark}), ` +
      `after ${k.attempts} attempt${k.attempts === 1 ? "" : "s"}.`,
  );

  w.heading("Signatures");
  w.text(
    "Each signature's record in the log carries only a commitment: SHA-256 of the salt followed by the canonical JSON of " +
      "{meaning, name, signedAt}. With the values below anyone can recompute it (docs/consent.md).",
    { muted: true, size: 9 },
  );
  for (const s of copy.signatures) {
    w.heading(s.role, 3);
    w.field("Name", s.name);
    w.field("Signed at (UTC)", s.signedAt);
    w.field("Meaning", s.meaning);
    for (const d of s.details) w.text(d);
    w.field("Salt", s.salt, { mono: true });
    w.field("Commitment (manifestation)", s.manifestation, { mono: true });
    w.field(`Record ${s.record.index} of the log (${s.record.kind}), leaf hash`, s.record.leafHash, { mono: true });
  }
  if (copy.witnessName) w.field("Witness", copy.witnessName);

  renderEvidence(w, copy);

  const signed = copy.signed;
  if (copy.anchoring.status === "anchored") {
    await w.doc.attach(json(copy.anchoring.receipt), COPY_ATTACHMENTS.receipt, {
      mimeType: "application/json",
      description: `Receipt of record ${signed.index} of ${signed.logId} (docs/receipts.md#format)`,
    });
  }
  if (signed.envelope) {
    await w.doc.attach(json(signed.envelope), COPY_ATTACHMENTS.record, {
      mimeType: "application/json",
      description: `The consent.signed record: envelope of record ${signed.index} of ${signed.logId}`,
    });
  }
  if (copy.formEnvelope && form.record) {
    await w.doc.attach(json(copy.formEnvelope), COPY_ATTACHMENTS.form, {
      mimeType: "application/json",
      description: `The consent.form record: envelope of record ${form.record.index} of ${signed.logId}`,
    });
  }
  return w.save();
}

function renderEvidence(w: PdfTextWriter, copy: ConsentCopy): void {
  const { signed, anchoring } = copy;
  w.heading("Your signature in the trial's log");
  w.field("Trial log", signed.logId);
  w.field("Record", `${signed.index} (consent.signed)`);
  w.field("Leaf hash", signed.leafHash, { mono: true });
  if (!signed.envelope) w.text("The record's content was erased on a lawful request; its leaf hash stays in the log.");

  if (anchoring.status === "anchored") {
    const r = anchoring.receipt;
    w.text(
      `Anchored: the log up to ${r.treeSize} records, which includes this one, is checkpointed on chain ${r.chainId} ` +
        `(contract ${r.contract}) in block ${r.blockNumber}.`,
    );
    w.field("Transaction", r.txHash, { mono: true });
    w.field("Checkpoint root", r.rootHash, { mono: true });
    w.text(
      `The receipt is attached to this PDF as ${COPY_ATTACHMENTS.receipt}, with the record as ${COPY_ATTACHMENTS.record}` +
        ` and the form as ${COPY_ATTACHMENTS.form}. Open the verifier and load both to check them against the chain.`,
    );
  } else if (anchoring.status === "awaiting_anchor") {
    w.text(
      "Not yet anchored: the record is in the trial's log, but no checkpoint on chain covers it yet, so there is no " +
        `receipt in this copy. The record is attached as ${COPY_ATTACHMENTS.record}; download the receipt later from ` +
        `${copy.recordUrl} (or ask for a new copy of this document).`,
    );
  } else {
    w.text(`No receipt can be issued now: ${anchoring.message}`);
  }
  w.space(8);
  w.qrCode(
    copy.verifyUrl,
    110,
    "Scan to open the verifier. It checks a receipt file in your browser against the chain; the link names this record " +
      "(trial log, record number and leaf hash) but does not carry the receipt itself: load receipt.json there.",
  );
  w.field("Verifier link", copy.verifyUrl, { mono: true });
}
