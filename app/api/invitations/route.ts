import { ZCreateInvitationRequestSchema } from "@/lib/schemas/invitations";
import { handleRoute } from "@/lib/server/http/handle-route";
import { createInvitation } from "@/lib/server/invitations/create-invitation";

export const POST = handleRoute({
  roles: ["investigator"],
  body: ZCreateInvitationRequestSchema,
  handler: async ({ viewer, body, request }) => {
    const created = await createInvitation(viewer, body);
    return Response.json(
      {
        id: created.id,
        url: new URL(created.path, request.url).toString(),
        expiresAt: created.expiresAt.toISOString(),
      },
      { status: 201 },
    );
  },
});
