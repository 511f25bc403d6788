import "server-only";
import { forbidden, redirect } from "next/navigation";
import type { Role } from "@/lib/schemas/roles";
import { AppError } from "@/lib/server/errors/app-error";
import { currentViewer, viewerFromHeaders, type Viewer } from "./viewer";

/** For pages: no session → sign-in page; wrong role → the 403 page (HTTP 403). */
export async function requirePageRole(roles: readonly Role[] | "any", returnTo: string): Promise<Viewer> {
  const viewer = await currentViewer();
  if (!viewer) redirect(`/sign-in?next=${encodeURIComponent(returnTo)}`);
  if (roles !== "any" && !viewer.roles.some((r) => roles.includes(r))) forbidden();
  return viewer;
}

/** For route handlers: no session → 401; wrong role → 403. */
export async function requireApiRole(request: Request, roles: readonly Role[] | "any"): Promise<Viewer> {
  const viewer = await viewerFromHeaders(request.headers);
  if (!viewer) throw new AppError("UNAUTHORIZED", "Sign in to continue.");
  if (roles !== "any" && !viewer.roles.some((r) => roles.includes(r))) {
    throw new AppError("FORBIDDEN", `This requires one of the roles: ${roles.join(", ")}.`);
  }
  return viewer;
}

export function hasRole(viewer: Viewer, role: Role): boolean {
  return viewer.roles.includes(role);
}
