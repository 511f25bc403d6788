import { BUNDLE_READER_ROLES, ZLogRefRequestSchema } from "@/lib/schemas/records";
import { handleRoute } from "@/lib/server/http/handle-route";
import { verifyTrialLogAs } from "@/lib/server/verification/verify-trial-log-as";

/** The portal's verification of a trial's stored log against the chain: verdict per failing record. */
export const GET = handleRoute({
  roles: BUNDLE_READER_ROLES,
  params: ZLogRefRequestSchema,
  handler: async ({ params, viewer }) => verifyTrialLogAs(viewer, params.logId),
});
