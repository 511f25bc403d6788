/**
 * Vitest global setup for the "contracts" project: one Hardhat node on 127.0.0.1:8546 for all contract test
 * files (they run one at a time and deploy fresh contracts), stopped in teardown.
 */
import type { TestProject } from "vitest/node";
import { startHardhatNode } from "@/lib/chain/local-node";

/** Port of the test node; CONTRACTS_TEST_RPC_PORT overrides it (e.g. to run two suites side by side). */
export const CONTRACTS_TEST_RPC_PORT = Number(process.env.CONTRACTS_TEST_RPC_PORT ?? 8546);

declare module "vitest" {
  export interface ProvidedContext {
    contractsRpcUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const node = await startHardhatNode({ port: CONTRACTS_TEST_RPC_PORT, host: "127.0.0.1" });
  project.provide("contractsRpcUrl", node.url);
  return async () => {
    await node.stop();
  };
}
