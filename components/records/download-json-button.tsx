"use client";

import { buttonStyles } from "@/components/ui/styles";

/** Saves a JSON value the page already shows as a file (no second request to the portal). */
export function DownloadJsonButton({ value, filename, label }: { value: unknown; filename: string; label: string }) {
  const download = () => {
    const url = URL.createObjectURL(new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: "application/json" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = filename;
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <button type="button" onClick={download} className={buttonStyles.secondary}>
      {label}
    </button>
  );
}
