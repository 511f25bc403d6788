/** Types of loopback-redirect.mjs (plain JavaScript: it runs in scripts/portal-server.mjs before Next.js). */
export function loopbackRedirect(request: {
  embedded: boolean;
  portalUrl: string | undefined;
  host: string | undefined;
  path: string | undefined;
}): string | null;
