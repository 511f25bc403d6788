// In the embedded mode the portal is reachable under both loopback names (localhost and 127.0.0.1, same port), but
// Sign-In with Ethereum binds a signature to one domain (BETTER_AUTH_URL's) and cookies are per host. A page opened
// on the other name is sent to the portal's own URL, so every flow runs on one origin. Plain JavaScript: it runs in
// scripts/portal-server.mjs before Next.js.

const LOOPBACK_NAMES = ["localhost", "127.0.0.1"];

/**
 * Where to send a request for `path` that arrived with `Host: host`, or null to serve it. Only the loopback twin of
 * the portal's own loopback URL is redirected, only in the embedded mode; any other host is served as it is.
 */
export function loopbackRedirect({ embedded, portalUrl, host, path }) {
  if (!embedded || !portalUrl || !host) return null;
  let portal;
  let requested;
  try {
    portal = new URL(portalUrl);
    requested = new URL(`http://${host}`);
  } catch {
    return null;
  }
  if (!LOOPBACK_NAMES.includes(portal.hostname) || !LOOPBACK_NAMES.includes(requested.hostname)) return null;
  if (requested.hostname === portal.hostname || requested.port !== portal.port) return null;
  // Concatenated, not resolved: `new URL("//evil.example", origin)` would leave the portal (an open redirect).
  return `${portal.origin}${path?.startsWith("/") ? path : `/${path ?? ""}`}`;
}
