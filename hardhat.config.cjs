// Hardhat is used only as the local development chain (`hardhat node`, chainId 31337).
// Contracts are NOT compiled by Hardhat: `hardhat compile` would try to download a compiler list, so the
// compile task is replaced by a pointer to scripts/compile-contracts.ts (solc-js, offline).
// Hardhat 2 cannot load an ESM config, and this package is "type": "module"; hence the .cjs extension.
const { task } = require("hardhat/config");
const { TASK_COMPILE } = require("hardhat/builtin-tasks/task-names");

task(TASK_COMPILE, "Disabled: contracts are compiled with `tsx scripts/compile-contracts.ts`").setAction(async () => {
  console.log("Hardhat compile is disabled here; run `tsx scripts/compile-contracts.ts` (solc-js, offline).");
});

/** @type {import("hardhat/config").HardhatUserConfig} */
module.exports = {
  defaultNetwork: "hardhat",
  networks: {
    hardhat: {
      chainId: 31337,
      // Default dev accounts: the public "test test ... junk" mnemonic. Local chain only.
    },
  },
  paths: {
    // Keep Hardhat's own cache/artifacts out of the way; nothing should be written there anyway.
    cache: "./.data/hardhat/cache",
    artifacts: "./.data/hardhat/artifacts",
  },
};
