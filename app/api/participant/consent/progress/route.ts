import { ZSaveReadingProgressRequestSchema } from "@/lib/schemas/consent";
import { saveReadingProgress } from "@/lib/server/consent/save-reading-progress";
import { handleRoute } from "@/lib/server/http/handle-route";

export const POST = handleRoute({
  roles: ["participant"],
  body: ZSaveReadingProgressRequestSchema,
  handler: async ({ viewer, body }) => saveReadingProgress(viewer, body),
});
