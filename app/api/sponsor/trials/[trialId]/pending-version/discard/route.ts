import { handleRoute } from "@/lib/server/http/handle-route";
import { ZSponsorTrialParamsSchema } from "@/lib/schemas/params";
import { ZDiscardPendingVersionRequestSchema } from "@/lib/schemas/protocol";
import { discardPendingVersion } from "@/lib/server/protocols/discard-pending-version";

export const POST = handleRoute({
  roles: ["sponsor_admin"],
  params: ZSponsorTrialParamsSchema,
  body: ZDiscardPendingVersionRequestSchema,
  handler: async ({ viewer, body, params }) => discardPendingVersion(viewer, params.trialId, body),
});
