import "server-only";
import { randomBytes } from "node:crypto";

/** Prefixed random ids: readable in logs, unguessable, and never derived from personal data. */
export function newId(
  prefix: "usr" | "org" | "mem" | "inv" | "ppt" | "tri" | "acc" | "cf" | "cfv" | "kca" | "sig" | "csg" | "wdr" | "ov" | "cqm",
): string {
  return `${prefix}_${randomBytes(12).toString("hex")}`;
}

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}
