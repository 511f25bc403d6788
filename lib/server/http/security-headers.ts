/**
 * The response headers that limit what a page of the portal may do in a browser. Pure (no server-only import, no
 * environment read): next.config.ts applies the fixed ones to every response at build time, and proxy.ts adds the
 * per-request Content-Security-Policy (with its nonce) and, under https, HSTS.
 */

/** Browser features the portal never uses, switched off for its pages and anything they embed. */
const DISABLED_FEATURES = [
  "accelerometer",
  "autoplay",
  "camera",
  "display-capture",
  "geolocation",
  "gyroscope",
  "hid",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "serial",
  "usb",
  "xr-spatial-tracking",
] as const;

export const PERMISSIONS_POLICY = DISABLED_FEATURES.map((feature) => `${feature}=()`).join(", ");

/** One year; sent only when the portal is served under https (a portal on http would lock itself out). */
export const HSTS = "max-age=31536000; includeSubDomains";

/** Headers whose value never depends on the request or the configuration (lower-case names, see next.config.ts). */
export const FIXED_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  // Invitation links carry their token in the path: other origins never see more than ours.
  "referrer-policy": "same-origin",
  // Older browsers that ignore CSP frame-ancestors.
  "x-frame-options": "DENY",
  "permissions-policy": PERMISSIONS_POLICY,
};

/**
 * For the responses proxy.ts does not see (static files, and requests that carry a body, which it skips so that
 * body limits hold: proxy.ts): nothing may run, load or frame. A page rendered here would have no nonce anyway.
 */
export const FALLBACK_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export interface PolicyInputs {
  /** Fresh per request: Next.js reads it from the request's policy and puts it on its own scripts. */
  nonce: string;
  /** `next dev`: React's debugging needs eval, and Next's dev overlay injects inline styles. */
  dev: boolean;
  /** The portal is served under https (BETTER_AUTH_URL): HSTS and upgrade-insecure-requests. */
  https: boolean;
  /** The RPC URL browsers are given (wallet transport, in-browser verification): its origin is allowed. */
  rpcUrl: string;
}

export function contentSecurityPolicy({ nonce, dev, https, rpcUrl }: PolicyInputs): string {
  const rpcOrigin = new URL(rpcUrl).origin;
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic': scripts the nonce'd framework scripts load are trusted; nothing else is, 'self' included.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' ${dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    // Injected wallets announce themselves with data: icons (EIP-6963).
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${rpcOrigin === "null" ? "" : ` ${rpcOrigin}`}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** Everything proxy.ts puts on a response it sees. */
export function securityHeaders(inputs: PolicyInputs): Record<string, string> {
  return {
    ...FIXED_SECURITY_HEADERS,
    "content-security-policy": contentSecurityPolicy(inputs),
    ...(inputs.https ? { "strict-transport-security": HSTS } : {}),
  };
}

/** 128 random bits, base64: unguessable per response, as a CSP nonce must be. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
