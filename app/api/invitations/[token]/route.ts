import { ZInvitationParamsSchema } from "@/lib/schemas/params";
import { handleRoute } from "@/lib/server/http/handle-route";
import { getInvitation } from "@/lib/server/invitations/get-invitation";

export const GET = handleRoute({
  roles: "public",
  params: ZInvitationParamsSchema,
  handler: async ({ params }) => {
    const invite = await getInvitation(params.token);
    return { organizationName: invite.organizationName, role: invite.role, expiresAt: invite.expiresAt.toISOString() };
  },
});
