// Requests to better-auth as they arrive through the portal's server layer (imported by *.test.ts only).
import { randomBytes } from "node:crypto";
import { PEER_HEADER, PEER_TOKEN_VARIABLE } from "./client-address";
import { handleAuthRequest } from "./handle-auth-request";

/** The per-process token the server layer would have set (tests set it themselves). */
export const PEER_TOKEN = randomBytes(16).toString("hex");
process.env[PEER_TOKEN_VARIABLE] = PEER_TOKEN;

export const ORIGIN = "http://localhost:3000";

export interface From {
  /** The connection's peer, as the server layer reports it. */
  peer: string;
  /** X-Forwarded-For as the client (or a proxy) sent it. */
  forwardedFor?: string;
  headers?: Record<string, string>;
}

export function authRequest(path: string, body: unknown, from: From): Request {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    origin: ORIGIN,
    [PEER_HEADER]: `${PEER_TOKEN} ${from.peer}`,
    ...(from.forwardedFor === undefined ? {} : { "x-forwarded-for": from.forwardedFor }),
    ...from.headers,
  };
  return new Request(`${ORIGIN}/api/auth${path}`, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** Calls the real better-auth handler the way the route does. */
export function callAuth(path: string, body: unknown, from: From): Promise<Response> {
  return handleAuthRequest(authRequest(path, body, from));
}

export function signIn(email: string, password: string, from: From): Promise<Response> {
  return callAuth("/sign-in/email", { email, password }, from);
}

export function sessionCookie(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}
