export * from "./auth";
export * from "./organizations";
export * from "./trials";
export * from "./participants";
export * from "./audit";
export * from "./system";
export * from "./log";
export * from "./anchoring";
