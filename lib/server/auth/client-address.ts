import "server-only";
import { timingSafeEqual } from "node:crypto";
import { normalizeIP } from "@better-auth/core/utils/ip";
import { env } from "@/lib/env";
import { plainAddress, type TrustedProxies } from "./trusted-proxies";

/**
 * The client address that sign-in decisions are keyed on, from something a client cannot write.
 *
 * Next.js route handlers never see the socket, and `next start` fills X-Forwarded-For from the socket only when the
 * client sent none, so the header is whatever the client wants it to be. The portal's server layer
 * (scripts/portal-server.mjs) therefore replaces any `x-trialproof-peer` header with "<token> <socket address>",
 * where the token is a per-process secret it puts in TRIALPROOF_PEER_TOKEN before Next.js starts: the header is
 * believed only with that token. Forwarded entries count only as far as TRUSTED_PROXIES allows.
 */
export const PEER_HEADER = "x-trialproof-peer";
export const PEER_TOKEN_VARIABLE = "TRIALPROOF_PEER_TOKEN";

/** The decision address as better-auth reads it (advanced.ipAddress.ipAddressHeaders) and the sign-in guard too. */
export const CLIENT_ADDRESS_HEADER = "x-trialproof-client-address";

let warnedUnknownPeer = false;

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The connection's peer as the server layer reported it, or null when no trustworthy report is present. */
export function peerAddressOf(headers: Headers): string | null {
  const token = process.env[PEER_TOKEN_VARIABLE];
  const value = headers.get(PEER_HEADER);
  if (!token || !value) return null;
  const space = value.indexOf(" ");
  if (space < 0 || !sameToken(value.slice(0, space), token)) return null;
  return plainAddress(value.slice(space + 1));
}

/**
 * The client's address from the peer and the X-Forwarded-For chain. The chain is `[…forwarded, peer]`; only entries
 * appended by trusted proxies are believed, so the result is never further left than the right-most entry a client
 * could have written itself. An entry that is not an IP address (a port, garbage) is never the key: the trusted
 * proxy to its right is used instead, which keys every client behind it together rather than letting one pick keys.
 */
export function resolveClientAddress(peer: string, forwardedFor: string | null, trusted: TrustedProxies): string {
  if (trusted.kind === "none") return plainAddress(peer) ?? peer;
  const forwarded = (forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer];
  let i: number;
  if (trusted.kind === "hops") {
    // Fewer entries than proxies: everything present was written by our own proxies, the left-most is the furthest.
    i = Math.max(0, chain.length - 1 - trusted.hops);
  } else {
    i = chain.length - 1;
    while (i > 0 && trusted.includes(chain[i]!)) i--;
  }
  while (i < chain.length - 1 && plainAddress(chain[i]) === null) i++;
  return plainAddress(chain[i]) ?? peer;
}

/**
 * The address a request's sign-in decisions use, in better-auth's normal form (IPv6 collapsed to its /64, as its
 * limiter keys it), so the limiter, the sign-in guard, the session row and the audit row all record the same value.
 * Null when the portal was started without its server layer: the limits then share one bucket (fail closed).
 */
export function decisionAddressOf(headers: Headers): string | null {
  const peer = peerAddressOf(headers);
  if (!peer) {
    if (!warnedUnknownPeer) {
      warnedUnknownPeer = true;
      console.error(
        "[trialproof] client addresses are unknown (requests do not come through scripts/portal-server.mjs): " +
          "sign-in limits apply to all clients together. Start the portal with `npm start` or `npm run dev`.",
      );
    }
    return null;
  }
  return normalizeIP(resolveClientAddress(peer, headers.get("x-forwarded-for"), env().TRUSTED_PROXIES));
}

/**
 * A copy of the request headers for better-auth: the decision address in CLIENT_ADDRESS_HEADER (whatever the client
 * sent there is dropped), and no X-Forwarded-For left for anything to misread.
 */
export function withDecisionAddress(headers: Headers): Headers {
  const address = decisionAddressOf(headers);
  const copy = new Headers(headers);
  copy.delete(CLIENT_ADDRESS_HEADER);
  copy.delete(PEER_HEADER);
  copy.delete("x-forwarded-for");
  if (address) copy.set(CLIENT_ADDRESS_HEADER, address);
  return copy;
}

/** Inside better-auth (hooks): the decision address that withDecisionAddress put on the request. */
export function decisionAddressIn(headers: Headers | null | undefined): string | null {
  return headers?.get(CLIENT_ADDRESS_HEADER) ?? null;
}

/** The better-auth handler's request with its decision address (the route, and tests, call better-auth through it). */
export function withDecisionAddressRequest(request: Request): Request {
  return new Request(request, { headers: withDecisionAddress(request.headers) });
}
