import { handleRoute } from "@/lib/server/http/handle-route";
import { ZConsentFormVersionParamsSchema } from "@/lib/schemas/consent";
import { newConsentVersion } from "@/lib/server/consent/new-consent-version";

/** The next version of the form as a draft copied from its latest version (409 when it already has a draft). */
export const POST = handleRoute({
  roles: ["sponsor_admin"],
  params: ZConsentFormVersionParamsSchema,
  handler: async ({ viewer, params }) =>
    Response.json(await newConsentVersion(viewer, { fromVersionId: params.formVersionId, trialId: params.trialId }), { status: 201 }),
});
