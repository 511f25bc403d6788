import "server-only";
import { AppError } from "@/lib/server/errors/app-error";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Methods that change something: the only ones that must come from the portal's own pages. */
export function isStateChanging(method: string): boolean {
  return STATE_CHANGING.has(method.toUpperCase());
}

const ONLY_OWN_PAGES = "Changes are accepted only from the portal's own pages.";

/**
 * Refuses (403 CROSS_SITE) a request another site could have made a signed-in browser send: its `Origin` must be
 * one of the portal's (`portalOrigins` in lib/env.ts). Without `Origin`, only `Sec-Fetch-Site: same-origin` is accepted; a
 * client that sends neither (a script, curl) must say where it comes from by sending `Origin` itself. SameSite=Lax
 * cookies alone do not cover this: a sibling subdomain counts as same-site.
 */
export function assertSameOrigin(headers: Headers, allowed: readonly string[]): void {
  const origin = headers.get("origin");
  if (origin !== null) {
    if (allowed.includes(origin)) return;
    throw new AppError("CROSS_SITE", `This request came from another site (Origin: ${origin.slice(0, 200)}). ${ONLY_OWN_PAGES}`);
  }
  const site = headers.get("sec-fetch-site");
  if (site === "same-origin") return;
  if (site !== null) {
    throw new AppError(
      "CROSS_SITE",
      `This request did not come from the portal's own pages (Sec-Fetch-Site: ${site.slice(0, 40)}). ${ONLY_OWN_PAGES}`,
    );
  }
  throw new AppError("CROSS_SITE", `This request does not say where it came from: send an Origin header with the portal's address (${allowed[0]}).`);
}
