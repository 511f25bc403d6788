import { CONSENT_READER_ROLES, ZConsentRefParamsSchema } from "@/lib/schemas/consent-refs";
import { exportConsentFhir } from "@/lib/server/consent/export-consent-fhir";
import { handleRoute } from "@/lib/server/http/handle-route";

/** One consent as a FHIR R4 Consent resource (lib/consent/fhir.ts). */
export const GET = handleRoute({
  roles: CONSENT_READER_ROLES,
  params: ZConsentRefParamsSchema,
  handler: async ({ params, viewer }) =>
    new Response(`${JSON.stringify(await exportConsentFhir(viewer, params.signatureId), null, 2)}\n`, {
      headers: { "content-type": "application/fhir+json; charset=utf-8", "cache-control": "private, no-store" },
    }),
});
