import { ROLE_LABEL, ZRole } from "@/lib/vocabulary/role";

/** A stored portal role as people read it; an unknown one as stored, none as a dash. */
export function roleLabel(role: string | null): string {
  if (!role) return "—";
  const parsed = ZRole.safeParse(role);
  return parsed.success ? ROLE_LABEL[parsed.data] : role;
}
