import { ZInviteSiteInvestigatorRequestSchema } from "@/lib/schemas/invitations";
import { ZSponsorTrialParamsSchema } from "@/lib/schemas/params";
import { handleRoute } from "@/lib/server/http/handle-route";
import { inviteSiteInvestigator } from "@/lib/server/protocols/invite-site-investigator";

/** The sponsor invites a site's investigator to the trial (the site joins the trial with the invitation). */
export const POST = handleRoute({
  roles: ["sponsor_admin"],
  params: ZSponsorTrialParamsSchema,
  body: ZInviteSiteInvestigatorRequestSchema,
  handler: async ({ viewer, params, body, request }) => {
    const created = await inviteSiteInvestigator(viewer, params.trialId, body);
    return Response.json(
      {
        id: created.id,
        url: new URL(created.path, request.url).toString(),
        expiresAt: created.expiresAt.toISOString(),
        siteName: created.siteName,
        siteAdded: created.siteAdded,
      },
      { status: 201 },
    );
  },
});
