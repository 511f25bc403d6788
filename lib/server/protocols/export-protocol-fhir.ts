import "server-only";
import { db } from "@/lib/db/client";
import { protocolToFhirResearchStudy } from "@/lib/protocols/fhir";
import type { TProtocol } from "@/lib/schemas/protocol";
import { registeredTrialByPublicId } from "./get-public-trial";

/** The current registered protocol as a FHIR R4 ResearchStudy. */
export async function exportProtocolFhir(publicId: string) {
  const database = await db();
  const { row, versions } = await registeredTrialByPublicId(database, publicId);
  const current = versions.at(-1)!;
  return protocolToFhirResearchStudy({
    publicId: row.publicId,
    status: row.status,
    version: current.version,
    protocol: current.protocol as TProtocol,
    sponsorName: row.sponsorName ?? "",
  });
}
