"use client";

import { useRouter } from "next/navigation";
import { useCallback } from "react";

/**
 * After a session was opened: go on to `target` inside the app, then re-render the server components
 * (the header reads the viewer on the server). A client-side navigation keeps the wallet connection
 * that a full page load could lose. The router runs the refresh after the navigation has landed.
 */
export function useSignedInNavigation(target: string): () => void {
  const router = useRouter();
  return useCallback(() => {
    router.replace(target);
    router.refresh();
  }, [router, target]);
}
