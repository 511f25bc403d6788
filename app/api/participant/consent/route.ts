import { handleRoute } from "@/lib/server/http/handle-route";
import { getMyConsentForms } from "@/lib/server/consent/get-my-consent-forms";

/** The participant's current consent forms, their status, the versions they signed and what they withdrew from. */
export const GET = handleRoute({
  roles: ["participant"],
  handler: async ({ viewer }) => getMyConsentForms(viewer),
});
