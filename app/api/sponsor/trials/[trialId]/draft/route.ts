import { handleRoute } from "@/lib/server/http/handle-route";
import { ZSaveDraftRequestSchema, type TSaveDraftRequest } from "@/lib/schemas/protocol";
import { saveProtocolDraft } from "@/lib/server/protocols/save-protocol-draft";

export const PUT = handleRoute<TSaveDraftRequest, { trialId: string }>({
  roles: ["sponsor_admin"],
  body: ZSaveDraftRequestSchema,
  handler: async ({ viewer, body, params }) => saveProtocolDraft(viewer, params.trialId, body),
});
