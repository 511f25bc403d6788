import { handleRoute } from "@/lib/server/http/handle-route";
import { ZConsentDraftRequestSchema } from "@/lib/schemas/consent";
import { ZSponsorTrialParamsSchema } from "@/lib/schemas/params";
import { createConsentForm } from "@/lib/server/consent/create-consent-form";
import { listConsentVersions } from "@/lib/server/consent/list-consent-versions";

export const GET = handleRoute({
  roles: ["sponsor_admin"],
  params: ZSponsorTrialParamsSchema,
  handler: async ({ viewer, params }) => listConsentVersions(viewer, { trialId: params.trialId }),
});

export const POST = handleRoute({
  roles: ["sponsor_admin"],
  params: ZSponsorTrialParamsSchema,
  body: ZConsentDraftRequestSchema,
  handler: async ({ viewer, body, params }) => Response.json(await createConsentForm(viewer, { ...body, trialId: params.trialId }), { status: 201 }),
});
