import { ZPublicTrialParamsSchema } from "@/lib/schemas/params";
import { handleRoute } from "@/lib/server/http/handle-route";
import { exportProtocolFhir } from "@/lib/server/protocols/export-protocol-fhir";

export const GET = handleRoute({
  roles: "public",
  params: ZPublicTrialParamsSchema,
  handler: async ({ params }) => Response.json(await exportProtocolFhir(params.publicId), { headers: { "content-type": "application/fhir+json" } }),
});
