"use client";

import { useMutation } from "@tanstack/react-query";
import { ApiError, apiRequest, messageOf } from "@/components/api-client";
import { buttonStyles } from "@/components/ui/styles";

/**
 * Signs out this browser, or with `everywhere` every session of the account (revoke-sessions first,
 * then this one), and reloads on the home page so nothing of the session stays on screen.
 */
export function SignOutButton({
  everywhere = false,
  label,
  variant = "secondary",
  testId,
}: {
  everywhere?: boolean;
  label?: string;
  variant?: "secondary" | "danger" | "small";
  testId?: string;
}) {
  const signOut = useMutation({
    mutationFn: async () => {
      if (everywhere) {
        await apiRequest("POST", "/api/auth/revoke-sessions", {}).catch((error: unknown) => {
          if (error instanceof ApiError && error.status === 401) {
            throw new ApiError(401, error.code, "Your session has already ended. Sign in again to sign out everywhere.");
          }
          throw error;
        });
      }
      // A session that already ended (expired, or just revoked) has nothing left to sign out: only a
      // network failure keeps the person here.
      await apiRequest("POST", "/api/auth/sign-out", {}).catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 0) throw error;
      });
    },
    // A full page load, not a client navigation: it drops every cached query and wallet state of the session.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    onSuccess: () => window.location.assign("/"),
  });
  const text = label ?? (everywhere ? "Sign out everywhere" : "Sign out");
  return (
    <span className="inline-flex flex-col gap-1">
      <button type="button" data-testid={testId} className={buttonStyles[variant]} disabled={signOut.isPending} onClick={() => signOut.mutate()}>
        {signOut.isPending ? "Signing out…" : text}
      </button>
      {signOut.error ? (
        <span role="alert" className="text-xs text-red-800">
          {messageOf(signOut.error)}
        </span>
      ) : null}
    </span>
  );
}
