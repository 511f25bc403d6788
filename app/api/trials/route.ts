import { ZRegistryQuerySchema } from "@/lib/schemas/registry";
import { handleRoute } from "@/lib/server/http/handle-route";
import { listRegistryTrials } from "@/lib/server/protocols/list-registry-trials";

/** The public registry search: the same parameters and schema as the /trials page; a bad one is a 4xx naming it. */
export const GET = handleRoute({
  roles: "public",
  query: ZRegistryQuerySchema,
  handler: async ({ query }) => listRegistryTrials(query),
});
