import "server-only";
import type { TAcceptInvitationRequest } from "@/lib/schemas/invitations";
import { ROLE_HOME } from "@/lib/schemas/roles";
import { getAuth } from "@/lib/server/auth/auth";
import { withDecisionAddress } from "@/lib/server/auth/client-address";
import { acceptInvitation } from "./accept-invitation";

/**
 * Accepts the invitation, then opens a session with the new credentials through better-auth (a fresh
 * session token, audited as a sign-in). The response carries better-auth's Set-Cookie.
 */
export async function acceptAndSignIn(token: string, input: TAcceptInvitationRequest, headers: Headers): Promise<Response> {
  const accepted = await acceptInvitation(token, input);
  const auth = await getAuth();
  const signIn = await auth.api.signInEmail({
    body: { email: accepted.email, password: input.password },
    // The decision address, not a client-written forwarded header, goes into the session and audit rows.
    headers: withDecisionAddress(headers),
    asResponse: true,
  });
  const response = Response.json({ ok: true, participantId: accepted.participantId, next: ROLE_HOME[accepted.role] }, { status: 201 });
  for (const cookie of signIn.headers.getSetCookie()) response.headers.append("set-cookie", cookie);
  return response;
}
