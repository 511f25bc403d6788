import type { NextConfig } from "next";
import { FALLBACK_CSP, FIXED_SECURITY_HEADERS } from "./lib/server/http/security-headers";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native/WASM database drivers stay out of the server bundle, and so do the UCUM tables (read at run time).
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "@lhncbc/ucum-lhc"],
  experimental: { authInterrupts: true },
  async headers() {
    return [
      {
        source: "/:path*",
        // Lower-case names: proxy.ts sets the same names on the responses it sees (its per-request policy, with
        // the nonce, replaces the deny-all fallback), and Next.js keys both by name, so each header appears once.
        headers: Object.entries({ ...FIXED_SECURITY_HEADERS, "content-security-policy": FALLBACK_CSP }).map(([key, value]) => ({ key, value })),
      },
    ];
  },
};

export default nextConfig;
