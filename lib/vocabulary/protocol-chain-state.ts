/** Where a protocol version stands on chain: waiting for the sponsor's transaction, or confirmed by it. */
import { z } from "zod";
import type { Tone } from "./tone";

export const PROTOCOL_CHAIN_STATES = ["awaiting_signature", "confirmed"] as const;
export type ProtocolChainState = (typeof PROTOCOL_CHAIN_STATES)[number];
export const ZProtocolChainState = z.enum(PROTOCOL_CHAIN_STATES);

export const PROTOCOL_CHAIN_STATE_LABEL: Record<ProtocolChainState, string> = {
  awaiting_signature: "Awaiting signature",
  confirmed: "On chain",
};
export const PROTOCOL_CHAIN_STATE_TONE: Record<ProtocolChainState, Tone> = {
  awaiting_signature: "warn",
  confirmed: "good",
};
