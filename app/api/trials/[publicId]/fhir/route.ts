import { handleRoute } from "@/lib/server/http/handle-route";
import { exportProtocolFhir } from "@/lib/server/protocols/export-protocol-fhir";

export const GET = handleRoute<undefined, { publicId: string }, null>({
  roles: "public",
  handler: async ({ params }) => Response.json(await exportProtocolFhir(params.publicId), { headers: { "content-type": "application/fhir+json" } }),
});
