import { handleRoute } from "@/lib/server/http/handle-route";
import { ZRegistryQuerySchema } from "@/lib/schemas/protocol";
import { fromZod } from "@/lib/server/errors/from-zod";
import { listRegistryTrials } from "@/lib/server/protocols/list-registry-trials";

export const GET = handleRoute<undefined, Record<string, string>, null>({
  roles: "public",
  handler: async ({ request }) => {
    const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
    const parsed = ZRegistryQuerySchema.safeParse(params);
    if (!parsed.success) throw fromZod(parsed.error, "search");
    return listRegistryTrials(parsed.data);
  },
});
