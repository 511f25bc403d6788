import { BUNDLE_READER_ROLES, ZLogRefRequestSchema } from "@/lib/schemas/records";
import { fromZod } from "@/lib/server/errors/from-zod";
import { handleRoute } from "@/lib/server/http/handle-route";
import { exportBundleAs } from "@/lib/server/verification/export-bundle";

/** The trial's audit bundle `trialproof.audit-bundle/1` (DESIGN §6) as a JSON download. */
export const GET = handleRoute<undefined, { logId: string }>({
  roles: BUNDLE_READER_ROLES,
  handler: async ({ params, viewer }) => {
    const ref = ZLogRefRequestSchema.safeParse(params);
    if (!ref.success) throw fromZod(ref.error, "log reference");
    const bundle = await exportBundleAs(viewer, ref.data.logId);
    return new Response(`${JSON.stringify(bundle, null, 2)}\n`, {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="audit-bundle-${bundle.trial.publicId}-${bundle.checkpoint.treeSize}.json"`,
        "cache-control": "private, no-store",
      },
    });
  },
});
