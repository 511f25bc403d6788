import { ZAcceptInvitationRequestSchema } from "@/lib/schemas/invitations";
import { ZInvitationParamsSchema } from "@/lib/schemas/params";
import { handleRoute } from "@/lib/server/http/handle-route";
import { acceptAndSignIn } from "@/lib/server/invitations/accept-and-sign-in";

export const POST = handleRoute({
  roles: "public",
  params: ZInvitationParamsSchema,
  body: ZAcceptInvitationRequestSchema,
  handler: async ({ params, body, request }) => acceptAndSignIn(params.token, body, request.headers),
});
