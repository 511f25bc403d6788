/**
 * The tones a status badge can take. The vocabulary maps each value to a tone; components/ui/badge.tsx maps each
 * tone to colours, so a vocabulary file never names a CSS class.
 */
export const TONES = ["neutral", "good", "warn", "bad", "info"] as const;
export type Tone = (typeof TONES)[number];
