import { ZWithdrawConsentRequestSchema } from "@/lib/schemas/consent";
import { withReauthenticationLimit } from "@/lib/server/auth/reauth-throttle";
import { withdrawConsent } from "@/lib/server/consent/withdraw-consent";
import { handleRoute } from "@/lib/server/http/handle-route";

/** Password re-entry: limited per user (reauth-throttle.ts), 429 after repeated wrong passwords. */
export const POST = handleRoute({
  roles: ["participant"],
  body: ZWithdrawConsentRequestSchema,
  handler: async ({ viewer, body }) => withReauthenticationLimit(viewer.userId, () => withdrawConsent(viewer, body)),
});
