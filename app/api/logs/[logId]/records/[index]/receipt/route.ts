import { RECORD_READER_ROLES, ZRecordRefRequestSchema } from "@/lib/schemas/records";
import { handleRoute } from "@/lib/server/http/handle-route";
import { getRecordReceipt } from "@/lib/server/receipts/get-record-receipt";

/** The record's receipt (docs/receipts.md#format) as a JSON download; 409 while the record is awaiting anchor. */
export const GET = handleRoute({
  roles: RECORD_READER_ROLES,
  params: ZRecordRefRequestSchema,
  handler: async ({ params, viewer }) => {
    const receipt = await getRecordReceipt(viewer, params.logId, params.index);
    return new Response(`${JSON.stringify(receipt, null, 2)}\n`, {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="receipt-${params.logId}-${params.index}.json"`,
        "cache-control": "private, no-store",
      },
    });
  },
});
