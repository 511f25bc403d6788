import { ZAcceptInvitationRequestSchema, ZInvitationToken, type TAcceptInvitationRequest } from "@/lib/schemas/invitations";
import { AppError } from "@/lib/server/errors/app-error";
import { handleRoute } from "@/lib/server/http/handle-route";
import { acceptAndSignIn } from "@/lib/server/invitations/accept-and-sign-in";

export const POST = handleRoute<TAcceptInvitationRequest, { token: string }, null>({
  roles: "public",
  body: ZAcceptInvitationRequestSchema,
  handler: async ({ params, body, request }) => {
    const token = ZInvitationToken.safeParse(params.token);
    if (!token.success) throw new AppError("NOT_FOUND", "This invitation link is not valid.");
    return acceptAndSignIn(token.data, body, request.headers);
  },
});
