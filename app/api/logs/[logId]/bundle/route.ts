import { BUNDLE_READER_ROLES, ZLogRefRequestSchema } from "@/lib/schemas/records";
import { handleRoute } from "@/lib/server/http/handle-route";
import { exportBundleAs } from "@/lib/server/verification/export-bundle";

/** The trial's audit bundle `trialproof.audit-bundle/2` (docs/bundles.md#format) as a JSON download. */
export const GET = handleRoute({
  roles: BUNDLE_READER_ROLES,
  params: ZLogRefRequestSchema,
  handler: async ({ params, viewer }) => {
    const bundle = await exportBundleAs(viewer, params.logId);
    return new Response(`${JSON.stringify(bundle, null, 2)}\n`, {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="audit-bundle-${bundle.trial.publicId}-${bundle.checkpoint.treeSize}.json"`,
        "cache-control": "private, no-store",
      },
    });
  },
});
