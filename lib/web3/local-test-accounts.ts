import type { Address } from "viem";

/**
 * LOCAL CHAIN ONLY. The ten well-known accounts of a Hardhat node (chain 31337), derived from the
 * public test mnemonic "test test test test test test test test test test test junk"
 * (`mnemonicToAccount(m, { addressIndex: i })`, i = 0…9). Their keys are public: never use them on a real
 * network. The local node holds them unlocked, which is what lets the dev wallet sign through it.
 */
export const LOCAL_TEST_ACCOUNTS = [
  "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
  "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
  "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
  "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc",
  "0x976EA74026E726554dB657fA54763abd0C3a0aa9",
  "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955",
  "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f",
  "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720",
] as const satisfies readonly Address[];

/** Account 0 usually deploys contracts and anchors on the local chain; the dev wallet defaults to 1. */
export const DEFAULT_TEST_ACCOUNT_INDEX = 1;

export function testAccountAt(index: number): Address {
  const account = LOCAL_TEST_ACCOUNTS[index];
  if (!account) throw new RangeError(`No local test account ${index}; choose 0–${LOCAL_TEST_ACCOUNTS.length - 1}.`);
  return account;
}
