import { handleRoute } from "@/lib/server/http/handle-route";
import { ZConsentDraftRequestSchema, ZConsentFormVersionParamsSchema } from "@/lib/schemas/consent";
import { getConsentVersion } from "@/lib/server/consent/get-consent-version";
import { saveConsentDraft } from "@/lib/server/consent/save-consent-draft";

export const GET = handleRoute({
  roles: ["sponsor_admin"],
  params: ZConsentFormVersionParamsSchema,
  handler: async ({ viewer, params }) => getConsentVersion(viewer, params),
});

/** Saves the draft (409 once the version is active: a new version is made instead). */
export const PUT = handleRoute({
  roles: ["sponsor_admin"],
  params: ZConsentFormVersionParamsSchema,
  body: ZConsentDraftRequestSchema,
  handler: async ({ viewer, body, params }) => saveConsentDraft(viewer, { ...body, ...params }),
});
