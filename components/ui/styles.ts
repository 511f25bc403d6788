/** Shared class lists, so every control looks and focuses the same way. */
export const buttonStyles = {
  primary:
    "inline-flex items-center justify-center gap-2 rounded-md bg-indigo-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-800 disabled:cursor-not-allowed disabled:bg-slate-300 disabled:text-slate-700",
  secondary:
    "inline-flex items-center justify-center gap-2 rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-semibold text-slate-900 shadow-sm hover:bg-slate-100 disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-600",
  danger:
    "inline-flex items-center justify-center gap-2 rounded-md border border-red-700 bg-white px-4 py-2 text-sm font-semibold text-red-800 shadow-sm hover:bg-red-50 disabled:cursor-not-allowed disabled:opacity-70",
  small:
    "inline-flex items-center justify-center rounded-md border border-slate-400 bg-white px-2.5 py-1 text-xs font-semibold text-slate-900 hover:bg-slate-100 disabled:cursor-not-allowed disabled:text-slate-600",
} as const;

export const inputStyles =
  "block w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-600 aria-[invalid=true]:border-red-700";

export const linkStyles = "font-medium text-indigo-800 underline underline-offset-2 hover:text-indigo-950";
