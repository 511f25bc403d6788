import { ZSignConsentRequestSchema } from "@/lib/schemas/consent";
import { withReauthenticationLimit } from "@/lib/server/auth/reauth-throttle";
import { signConsent } from "@/lib/server/consent/sign-consent";
import { handleRoute } from "@/lib/server/http/handle-route";

/** Password re-entry: limited per user (reauth-throttle.ts), 429 after repeated wrong passwords. */
export const POST = handleRoute({
  roles: ["participant"],
  body: ZSignConsentRequestSchema,
  handler: async ({ viewer, body }) => withReauthenticationLimit(viewer.userId, () => signConsent(viewer, body)),
});
