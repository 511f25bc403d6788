import "server-only";
import type { z } from "zod";
import type { Role } from "@/lib/schemas/roles";
import { requireApiRole } from "@/lib/server/auth/guards";
import type { Viewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors/app-error";
import { fromZod } from "@/lib/server/errors/from-zod";

type Ctx<TParams> = { params: Promise<TParams> };

interface RouteSpec<TBody, TParams, TViewer extends Viewer | null> {
  roles: readonly Role[] | "any" | "public";
  body?: z.ZodType<TBody>;
  handler: (args: { request: Request; body: TBody; params: TParams; viewer: TViewer }) => Promise<Response | unknown>;
}

export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    return Response.json({ error: { code: error.code, message: error.message, fieldErrors: error.fieldErrors } }, { status: error.status });
  }
  // Unexpected: log server-side, answer without internals.
  console.error(error);
  return Response.json({ error: { code: "INTERNAL", message: "Something went wrong on our side. Nothing was saved." } }, { status: 500 });
}

async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.includes("application/json")) throw new AppError("BAD_REQUEST", "Send a JSON body (Content-Type: application/json).");
  const text = await request.text();
  if (text.length > 256 * 1024) throw new AppError("BAD_REQUEST", "Request body is too large.");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "Request body is not valid JSON.");
  }
}

/**
 * The one wrapper every route handler goes through: authorization from the session, input parsed
 * with the shared schema, expected failures mapped to their 4xx. Routes stay a few lines long.
 */
export function handleRoute<TBody = undefined, TParams = Record<string, string>, TViewer extends Viewer | null = Viewer>(
  spec: RouteSpec<TBody, TParams, TViewer>,
) {
  return async (request: Request, ctx: Ctx<TParams>): Promise<Response> => {
    try {
      const viewer = (spec.roles === "public" ? null : await requireApiRole(request, spec.roles)) as TViewer;
      let body = undefined as TBody;
      if (spec.body) {
        const parsed = spec.body.safeParse(await readJson(request));
        if (!parsed.success) throw fromZod(parsed.error);
        body = parsed.data;
      }
      const params = (await ctx.params) ?? ({} as TParams);
      const result = await spec.handler({ request, body, params, viewer });
      if (result instanceof Response) return result;
      return Response.json(result ?? { ok: true });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
