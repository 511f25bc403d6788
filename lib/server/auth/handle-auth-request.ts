import "server-only";
import { getAuth } from "./auth";
import { withDecisionAddressRequest } from "./client-address";

/**
 * Every HTTP request to better-auth goes through here: it carries the decision address (client-address.ts) and no
 * client-written forwarded header, so better-auth's limiter, the sign-in guard and the audit rows agree on who asked.
 */
export async function handleAuthRequest(request: Request): Promise<Response> {
  return (await getAuth()).handler(withDecisionAddressRequest(request));
}
