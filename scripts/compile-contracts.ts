/**
 * Compiles the Solidity sources with solc-js (standard JSON, no network) and writes the generated TypeScript
 * modules that the app and the tests import:
 *
 *   contracts/TrialLedger.sol              -> lib/chain/generated/trial-ledger.ts   (production)
 *   contracts/test/TrialLedgerHarness.sol  -> contracts/test/generated/harness.ts   (tests only)
 *
 * Usage:
 *   tsx scripts/compile-contracts.ts           write the generated files
 *   tsx scripts/compile-contracts.ts --check   compile and exit 1 if the committed files differ (drift)
 *
 * The production contract is compiled on its own, so its bytecode cannot depend on test sources.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import solc from "solc";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export const SOLC_SETTINGS = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: "osaka",
} as const;

export const EXPECTED_SOLC_VERSION = "0.8.37";

interface Target {
  /** Source unit name (path relative to the repo root, forward slashes). */
  source: string;
  contract: string;
  /** Output file, relative to the repo root. */
  output: string;
  abiExport: string;
  bytecodeExport: string;
  deployedBytecodeExport: string;
  note: string;
}

export const TARGETS: readonly Target[] = [
  {
    source: "contracts/TrialLedger.sol",
    contract: "TrialLedger",
    output: "lib/chain/generated/trial-ledger.ts",
    abiExport: "trialLedgerAbi",
    bytecodeExport: "trialLedgerBytecode",
    deployedBytecodeExport: "trialLedgerDeployedBytecode",
    note: "TrialLedger: per-trial protocol versions and on-chain verified log checkpoints.",
  },
  {
    source: "contracts/test/TrialLedgerHarness.sol",
    contract: "TrialLedgerHarness",
    output: "contracts/test/generated/harness.ts",
    abiExport: "trialLedgerHarnessAbi",
    bytecodeExport: "trialLedgerHarnessBytecode",
    deployedBytecodeExport: "trialLedgerHarnessDeployedBytecode",
    note: "TEST ONLY. TrialLedgerHarness exposes TrialLedger internals; never deploy it outside tests.",
  },
];

interface SolcMessage {
  severity: "error" | "warning" | "info";
  type: string;
  formattedMessage?: string;
  message: string;
}

interface SolcContractOutput {
  abi: unknown[];
  evm: { bytecode: { object: string }; deployedBytecode: { object: string } };
}

interface SolcOutput {
  errors?: SolcMessage[];
  contracts?: Record<string, Record<string, SolcContractOutput>>;
}

export class CompileError extends Error {}

/** Import callback: resolves imports inside the repo, then under node_modules; never leaves the repo. */
function findImport(importPath: string): { contents: string } | { error: string } {
  const candidates = [path.resolve(REPO_ROOT, importPath), path.resolve(REPO_ROOT, "node_modules", importPath)];
  for (const file of candidates) {
    if (!file.startsWith(REPO_ROOT + path.sep)) continue;
    if (existsSync(file)) return { contents: readFileSync(file, "utf8") };
  }
  return { error: `File not found: ${importPath}` };
}

function compileOne(target: Target): SolcContractOutput {
  const input = {
    language: "Solidity",
    sources: { [target.source]: { content: readFileSync(path.join(REPO_ROOT, target.source), "utf8") } },
    settings: {
      ...SOLC_SETTINGS,
      outputSelection: {
        [target.source]: { [target.contract]: ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"] },
      },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport })) as SolcOutput;
  const messages = output.errors ?? [];
  for (const m of messages) {
    if (m.severity !== "error") process.stderr.write(`${m.formattedMessage ?? m.message}\n`);
  }
  const errors = messages.filter((m) => m.severity === "error");
  if (errors.length > 0) {
    throw new CompileError(
      `solc failed to compile ${target.source}:\n${errors.map((e) => e.formattedMessage ?? `${e.type}: ${e.message}`).join("\n")}`,
    );
  }
  const contract = output.contracts?.[target.source]?.[target.contract];
  if (!contract) throw new CompileError(`solc produced no output for ${target.source}:${target.contract}`);
  if (!/^[0-9a-f]+$/.test(contract.evm.bytecode.object) || contract.evm.bytecode.object.includes("__")) {
    throw new CompileError(`${target.contract}: bytecode is empty, not hex, or needs linking`);
  }
  return contract;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Deterministic, readable TypeScript literal for JSON-like data (2-space indent, unquoted identifier keys). */
function toTsLiteral(value: unknown, indent = ""): string {
  const next = indent + "  ";
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => `${next}${toTsLiteral(v, next)},`).join("\n")}\n${indent}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return "{}";
    const fields = entries.map(([k, v]) => `${IDENTIFIER.test(k) ? k : JSON.stringify(k)}: ${toTsLiteral(v, next)}`);
    // Objects of scalars (ABI parameters) stay on one line when short enough.
    const flat = `{ ${fields.join(", ")} }`;
    const scalarsOnly = entries.every(([, v]) => v === null || typeof v !== "object");
    if (scalarsOnly && indent.length + flat.length <= 110) return flat;
    return `{\n${fields.map((f) => `${next}${f},`).join("\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

function render(target: Target, contract: SolcContractOutput, solcVersion: string): string {
  const settings = `optimizer ${SOLC_SETTINGS.optimizer.enabled ? `on, ${SOLC_SETTINGS.optimizer.runs} runs` : "off"}, evmVersion ${SOLC_SETTINGS.evmVersion}`;
  return [
    "// ---------------------------------------------------------------------------------------------------------",
    "// GENERATED FILE - DO NOT EDIT.",
    `// Source: ${target.source} (contract ${target.contract})`,
    `// Compiler: solc ${solcVersion}, ${settings}`,
    "// Regenerate with: tsx scripts/compile-contracts.ts   (verify with --check)",
    `// ${target.note}`,
    "// ---------------------------------------------------------------------------------------------------------",
    "",
    `export const ${target.abiExport} = ${toTsLiteral(contract.abi)} as const;`,
    "",
    `export const ${target.bytecodeExport} =`,
    `  "0x${contract.evm.bytecode.object}" as const;`,
    "",
    `export const ${target.deployedBytecodeExport} =`,
    `  "0x${contract.evm.deployedBytecode.object}" as const;`,
    "",
  ].join("\n");
}

/** Compiles every target and returns the generated file contents keyed by repo-relative output path. */
export function generateContractModules(): Map<string, string> {
  const solcVersion = solc.version() as string;
  if (!solcVersion.startsWith(`${EXPECTED_SOLC_VERSION}+`)) {
    throw new CompileError(`expected solc ${EXPECTED_SOLC_VERSION}, found ${solcVersion}`);
  }
  const files = new Map<string, string>();
  for (const target of TARGETS) files.set(target.output, render(target, compileOne(target), solcVersion));
  return files;
}

/** Paths (repo-relative) whose committed content differs from a fresh compile. */
export function findDrift(files: Map<string, string> = generateContractModules()): string[] {
  const drifted: string[] = [];
  for (const [rel, content] of files) {
    const file = path.join(REPO_ROOT, rel);
    if (!existsSync(file) || readFileSync(file, "utf8") !== content) drifted.push(rel);
  }
  return drifted;
}

function main(argv: string[]): number {
  const unknown = argv.filter((a) => a !== "--check");
  if (unknown.length > 0) {
    process.stderr.write(`unknown argument(s): ${unknown.join(" ")}\nusage: tsx scripts/compile-contracts.ts [--check]\n`);
    return 2;
  }
  const files = generateContractModules();
  if (argv.includes("--check")) {
    const drifted = findDrift(files);
    if (drifted.length > 0) {
      process.stderr.write(
        `Generated contract modules are out of date:\n${drifted.map((d) => `  ${d}`).join("\n")}\n` +
          "Run `tsx scripts/compile-contracts.ts` and commit the result.\n",
      );
      return 1;
    }
    process.stdout.write("Generated contract modules are up to date.\n");
    return 0;
  }
  for (const [rel, content] of files) {
    const file = path.join(REPO_ROOT, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    const unchanged = existsSync(file) && readFileSync(file, "utf8") === content;
    if (!unchanged) writeFileSync(file, content);
    process.stdout.write(`${unchanged ? "unchanged" : "wrote"} ${rel}\n`);
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
