import { ZInvitationToken } from "@/lib/schemas/invitations";
import { AppError } from "@/lib/server/errors/app-error";
import { handleRoute } from "@/lib/server/http/handle-route";
import { getInvitation } from "@/lib/server/invitations/get-invitation";

export const GET = handleRoute<undefined, { token: string }, null>({
  roles: "public",
  handler: async ({ params }) => {
    const token = ZInvitationToken.safeParse(params.token);
    if (!token.success) throw new AppError("NOT_FOUND", "This invitation link is not valid.");
    const invite = await getInvitation(token.data);
    return { organizationName: invite.organizationName, role: invite.role, expiresAt: invite.expiresAt.toISOString() };
  },
});
