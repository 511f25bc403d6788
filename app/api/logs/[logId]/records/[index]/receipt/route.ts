import { RECORD_READER_ROLES, ZRecordRefRequestSchema } from "@/lib/schemas/records";
import { fromZod } from "@/lib/server/errors/from-zod";
import { handleRoute } from "@/lib/server/http/handle-route";
import { getRecordReceipt } from "@/lib/server/receipts/get-record-receipt";

/** The record's receipt (DESIGN §6) as a JSON download; 409 while the record is awaiting anchor. */
export const GET = handleRoute<undefined, { logId: string; index: string }>({
  roles: RECORD_READER_ROLES,
  handler: async ({ params, viewer }) => {
    const ref = ZRecordRefRequestSchema.safeParse(params);
    if (!ref.success) throw fromZod(ref.error, "record reference");
    const receipt = await getRecordReceipt(viewer, ref.data.logId, ref.data.index);
    return new Response(`${JSON.stringify(receipt, null, 2)}\n`, {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="receipt-${ref.data.logId}-${ref.data.index}.json"`,
        "cache-control": "private, no-store",
      },
    });
  },
});
