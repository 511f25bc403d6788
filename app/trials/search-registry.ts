import "server-only";
import { queryObjectOf } from "@/lib/schemas/query";
import { REGISTRY_PAGE_SIZE_DEFAULT } from "@/lib/schemas/registry";
import { AppError } from "@/lib/server/errors/app-error";
import { listRegistryTrials } from "@/lib/server/protocols/list-registry-trials";

export type SearchParams = Record<string, string | string[] | undefined>;
export type RegistrySearch = { ok: true; data: Awaited<ReturnType<typeof listRegistryTrials>> } | { ok: false; messages: string[] };

/**
 * What the /trials page shows for a query string: the registry's answer, or what is wrong with the search. The
 * query object is the one GET /api/trials parses; a bad parameter becomes messages to show, never an error page.
 * The page size is the page's own, whatever the query string says.
 */
export async function searchRegistry(searchParams: SearchParams): Promise<RegistrySearch> {
  const { pageSize: _ignored, ...params } = queryObjectOf(searchParams);
  try {
    return { ok: true, data: await listRegistryTrials({ ...params, pageSize: REGISTRY_PAGE_SIZE_DEFAULT }) };
  } catch (error) {
    if (error instanceof AppError && error.status < 500) {
      return { ok: false, messages: error.fieldErrors ? Object.values(error.fieldErrors).flat() : [error.message] };
    }
    throw error;
  }
}
