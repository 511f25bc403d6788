/**
 * Next.js server start hook. Starts the anchoring worker inside the app (the default; ANCHOR_IN_APP=false when
 * `npm run worker` runs separately). Node.js runtime only; never awaited, so the server does not wait for the
 * chain to answer before it serves requests.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` may load the server to prerender pages: never anchor from a build.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startInAppAnchoring } = await import("./lib/server/anchoring/start-in-app-anchoring");
  startInAppAnchoring().catch((error: unknown) => {
    console.error(`[anchoring] could not start: ${error instanceof Error ? error.message : String(error)}`);
  });
}
