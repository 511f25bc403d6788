import { z } from "zod";
import { ZRole } from "./roles";

export const ZChangeRoleRequestSchema = z.object({
  userId: z.string().min(1, "Choose a person.").max(64),
  organizationId: z.string().min(1, "Choose an organization.").max(64),
  role: ZRole,
  change: z.enum(["grant", "revoke"]),
  reason: z.string().trim().min(3, "Give the reason for this change (at least 3 characters).").max(500),
});
export type TChangeRoleRequest = z.infer<typeof ZChangeRoleRequestSchema>;
