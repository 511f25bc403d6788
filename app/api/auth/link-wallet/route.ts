import { ZLinkWalletRequestSchema } from "@/lib/schemas/wallets";
import { decisionAddressOf } from "@/lib/server/auth/client-address";
import { linkWallet } from "@/lib/server/auth/link-wallet";
import { handleRoute } from "@/lib/server/http/handle-route";

export const POST = handleRoute({
  roles: "any",
  body: ZLinkWalletRequestSchema,
  handler: ({ viewer, body, request }) => linkWallet(viewer, body, decisionAddressOf(request.headers)),
});
