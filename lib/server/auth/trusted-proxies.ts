import { BlockList, isIP } from "node:net";

/**
 * Which forwarded-for entries the portal believes (TRUSTED_PROXIES). Pure and free of server-only imports, so that
 * lib/env.ts can validate the variable at start.
 *
 * - `none` (unset, or 0): no proxy; the client is the connection's peer and forwarded headers are ignored.
 * - `hops`: this many proxies always stand in front of the portal, each appending the address it received the
 *   request from; the client is the entry that many places from the right. Only safe when no request can reach
 *   the portal without passing through all of them.
 * - `addresses`: the proxies' addresses or CIDR ranges; the chain is read from the right, skipping trusted hops,
 *   and the first untrusted entry is the client.
 */
export type TrustedProxies =
  { kind: "none" } | { kind: "hops"; hops: number } | { kind: "addresses"; entries: readonly string[]; includes: (address: string) => boolean };

export const MAX_PROXY_HOPS = 10;

export class TrustedProxiesError extends Error {}

/**
 * One spelling per address: an IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, how Node reports IPv4 peers on a
 * dual-stack socket) becomes plain IPv4, IPv6 is lowercased. Anything that is not an IP address gives null:
 * ports, brackets and host names are not addresses a limit can be keyed on.
 */
export function plainAddress(value: string | null | undefined): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(trimmed);
  const candidate = mapped ? mapped[1]! : trimmed;
  return isIP(candidate) ? candidate.toLowerCase() : null;
}

const familyOf = (address: string) => (isIP(address) === 6 ? "ipv6" : "ipv4");

export function parseTrustedProxies(raw: string | undefined): TrustedProxies {
  const text = (raw ?? "").trim();
  if (!text) return { kind: "none" };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > MAX_PROXY_HOPS) throw new TrustedProxiesError(`a hop count must be between 0 and ${MAX_PROXY_HOPS}, not ${text}`);
    return hops === 0 ? { kind: "none" } : { kind: "hops", hops };
  }
  const list = new BlockList();
  const entries = text.split(/[\s,]+/).filter(Boolean);
  for (const entry of entries) {
    const [host, prefix, ...rest] = entry.split("/");
    const address = plainAddress(host);
    if (!address || rest.length > 0) {
      throw new TrustedProxiesError(
        `"${entry}" is neither an IP address nor a CIDR range (e.g. 10.0.0.0/8, 127.0.0.1, ::1), and the value is not a hop count`,
      );
    }
    const family = familyOf(address);
    if (prefix === undefined) {
      list.addAddress(address, family);
      continue;
    }
    const bits = family === "ipv4" ? 32 : 128;
    if (!/^\d+$/.test(prefix) || Number(prefix) > bits) throw new TrustedProxiesError(`"${entry}" has an invalid prefix length (0–${bits})`);
    list.addSubnet(address, Number(prefix), family);
  }
  return {
    kind: "addresses",
    entries,
    includes: (value) => {
      const address = plainAddress(value);
      return address !== null && list.check(address, familyOf(address));
    },
  };
}
