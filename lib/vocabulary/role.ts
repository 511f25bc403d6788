/** Portal roles. Defined in lib/schemas/roles.ts (with where each role lands and its organization kind). */
export { ROLES, ZRole, type Role, ROLE_LABEL } from "../schemas/roles";
