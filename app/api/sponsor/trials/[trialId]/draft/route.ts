import { handleRoute } from "@/lib/server/http/handle-route";
import { ZSponsorTrialParamsSchema } from "@/lib/schemas/params";
import { ZSaveDraftRequestSchema } from "@/lib/schemas/protocol";
import { saveProtocolDraft } from "@/lib/server/protocols/save-protocol-draft";

export const PUT = handleRoute({
  roles: ["sponsor_admin"],
  params: ZSponsorTrialParamsSchema,
  body: ZSaveDraftRequestSchema,
  handler: async ({ viewer, body, params }) => saveProtocolDraft(viewer, params.trialId, body),
});
