// Calls of exported route handlers as a signed-in browser makes them (imported by *.test.ts only): a real session
// cookie from better-auth, the portal's own origin, JSON bodies.
import { env } from "@/lib/env";
import { sessionCookie, signIn } from "@/lib/server/auth/auth-requests.test-helper";

export const ORIGIN = new URL(env().BETTER_AUTH_URL).origin;

let peer = 1;
/** The session cookie of a password sign-in (each from its own peer address, so the sign-in throttle stays out of it). */
export async function cookieOf(email: string, password: string): Promise<string> {
  const res = await signIn(email, password, { peer: `10.79.0.${peer++}` });
  if (res.status !== 200) throw new Error(`${email} could not sign in (${res.status})`);
  return sessionCookie(res);
}

export type RouteHandler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** GET without a body, POST with one. */
export function callRoute(
  handler: RouteHandler,
  path: string,
  cookie: string,
  opts: { params?: Record<string, string>; body?: unknown } = {},
): Promise<Response> {
  return handler(
    new Request(`${ORIGIN}${path}`, {
      method: opts.body === undefined ? "GET" : "POST",
      headers: { cookie, origin: ORIGIN, "content-type": "application/json" },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    }),
    { params: Promise.resolve(opts.params ?? {}) },
  );
}

export interface ErrorBody {
  error: { code: string; message: string; fieldErrors?: Record<string, string[]> };
}

/** The field names of a 4xx answer's fieldErrors. */
export const fieldsOf = async (res: Response): Promise<string[]> => Object.keys(((await res.json()) as ErrorBody).error.fieldErrors ?? {});
