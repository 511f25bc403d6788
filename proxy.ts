import { NextResponse, type NextRequest } from "next/server";
import { browserRpcUrl, env } from "@/lib/env";
import { newNonce, securityHeaders } from "@/lib/server/http/security-headers";

/**
 * Every page and API answer gets the portal's security headers, with a Content-Security-Policy whose nonce is new
 * for each request. The policy also goes on the request: Next.js reads the nonce from there and puts it on its own
 * scripts, which is why every page renders per request (app/layout.tsx).
 */
export function proxy(request: NextRequest): NextResponse {
  const e = env();
  const headers = securityHeaders({
    nonce: newNonce(),
    dev: process.env.NODE_ENV === "development",
    https: new URL(e.BETTER_AUTH_URL).protocol === "https:",
    rpcUrl: browserRpcUrl(e),
  });
  const forwarded = new Headers(request.headers);
  forwarded.set("content-security-policy", headers["content-security-policy"]!);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    {
      // Built assets need no policy (next.config.ts gives them the fixed headers).
      source: "/((?!_next/static|_next/image|favicon.ico).*)",
      // Requests carrying a body are left out: when the proxy runs, Next.js reads the whole body before the route
      // does, which would defeat the routes' size limits (lib/server/http/request-body.ts). Their answers are JSON
      // or refusals and get next.config.ts's fixed headers and a deny-all policy.
      missing: [
        { type: "header", key: "content-length" },
        { type: "header", key: "transfer-encoding" },
      ],
    },
  ],
};
