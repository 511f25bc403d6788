import { handleRoute } from "@/lib/server/http/handle-route";
import { ZConsentActivationRequestSchema, ZConsentFormVersionParamsSchema } from "@/lib/schemas/consent";
import { activateConsentVersion } from "@/lib/server/consent/activate-consent-version";

/** Activates the draft with its ethics approval and sites: logged, and never edited again. */
export const POST = handleRoute({
  roles: ["sponsor_admin"],
  params: ZConsentFormVersionParamsSchema,
  body: ZConsentActivationRequestSchema,
  handler: async ({ viewer, body, params }) => activateConsentVersion(viewer, { ...body, ...params }),
});
