import { BUNDLE_READER_ROLES, ZLogRefRequestSchema } from "@/lib/schemas/records";
import { fromZod } from "@/lib/server/errors/from-zod";
import { handleRoute } from "@/lib/server/http/handle-route";
import { verifyTrialLogAs } from "@/lib/server/verification/verify-trial-log-as";

/** The portal's verification of a trial's stored log against the chain: verdict per failing record. */
export const GET = handleRoute<undefined, { logId: string }>({
  roles: BUNDLE_READER_ROLES,
  handler: async ({ params, viewer }) => {
    const ref = ZLogRefRequestSchema.safeParse(params);
    if (!ref.success) throw fromZod(ref.error, "log reference");
    return verifyTrialLogAs(viewer, ref.data.logId);
  },
});
