import { ZCountersignConsentRequestSchema } from "@/lib/schemas/consent";
import { withReauthenticationLimit } from "@/lib/server/auth/reauth-throttle";
import { countersignConsent } from "@/lib/server/consent/countersign-consent";
import { handleRoute } from "@/lib/server/http/handle-route";

/**
 * The investigator countersigns a participant's signature (re-authenticated by password and printed name). Password
 * re-entry is limited per user, as for participants' signatures (reauth-throttle.ts).
 */
export const POST = handleRoute({
  roles: ["investigator"],
  body: ZCountersignConsentRequestSchema,
  handler: async ({ viewer, body }) => withReauthenticationLimit(viewer.userId, () => countersignConsent(viewer, body)),
});
