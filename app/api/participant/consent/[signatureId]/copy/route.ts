import { ZConsentCopyParamsSchema } from "@/lib/schemas/consent";
import { consentCopyPdf } from "@/lib/server/consent/consent-copy-pdf";
import { handleRoute } from "@/lib/server/http/handle-route";

/** The participant's copy of their signed consent as a PDF download; 404 for a signature that is not theirs. */
export const GET = handleRoute({
  roles: ["participant"],
  params: ZConsentCopyParamsSchema,
  handler: async ({ params, viewer }) => {
    const { filename, pdf } = await consentCopyPdf(viewer, params);
    return new Response(new Uint8Array(pdf), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "private, no-store",
      },
    });
  },
});
