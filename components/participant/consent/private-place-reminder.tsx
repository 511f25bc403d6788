import { Alert } from "@/components/ui/alert";

/** Shown on every page of signing: consent is personal, and a phone is often read in public. */
export function PrivatePlaceReminder() {
  return (
    <Alert tone="info" title="Please read this in a private place" testId="private-place-reminder">
      Take your time, somewhere nobody can read over your shoulder. You can stop at any point and come back later: we keep your place. If anything is
      unclear, ask the study team before you sign.
    </Alert>
  );
}
