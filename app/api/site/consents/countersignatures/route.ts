import { ZCountersignConsentRequestSchema } from "@/lib/schemas/consent";
import { countersignConsent } from "@/lib/server/consent/countersign-consent";
import { handleRoute } from "@/lib/server/http/handle-route";

/** The investigator countersigns a participant's signature (re-authenticated by password and printed name). */
export const POST = handleRoute({
  roles: ["investigator"],
  body: ZCountersignConsentRequestSchema,
  handler: async ({ viewer, body }) => countersignConsent(viewer, body),
});
