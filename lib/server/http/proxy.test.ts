// The headers proxy.ts puts on pages and API answers, read from the response it returns, and where it runs.
import { afterEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { FALLBACK_CSP, PERMISSIONS_POLICY } from "./security-headers";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

const BASE = {
  BETTER_AUTH_URL: "http://localhost:3000",
  RPC_URL: "http://127.0.0.1:8545",
  PUBLIC_RPC_URL: "",
  NODE_ENV: "production",
};

/** The proxy as a fresh start with these variables would run it (the environment is read once per process). */
async function proxyWith(vars: Partial<typeof BASE> = {}, path = "/") {
  for (const [name, value] of Object.entries({ ...BASE, ...vars })) vi.stubEnv(name, value);
  const { proxy } = await import("@/proxy");
  return proxy(new NextRequest(`http://localhost:3000${path}`));
}

const directives = (csp: string) =>
  new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );

describe("the response headers", () => {
  it("a nonce-based policy that allows only the portal and the browsers' RPC origin", async () => {
    const res = await proxyWith();
    const csp = res.headers.get("content-security-policy")!;
    const d = directives(csp);
    const nonce = /'nonce-([A-Za-z0-9+/]{22}==)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(d.get("script-src")).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(d.get("style-src")).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(d.get("connect-src")).toEqual(["'self'", "http://127.0.0.1:8545"]);
    expect(d.get("default-src")).toEqual(["'self'"]);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'self'"]);
    expect(d.get("form-action")).toEqual(["'self'"]);
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|upgrade-insecure-requests/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    expect(res.headers.get("permissions-policy")).toBe(PERMISSIONS_POLICY);
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) expect(PERMISSIONS_POLICY).toContain(`${feature}=()`);
    expect(res.headers.get("strict-transport-security")).toBeNull();
  });

  it("the same policy goes on to the render, where Next.js takes the nonce for its scripts", async () => {
    const res = await proxyWith();
    expect(res.headers.get("x-middleware-request-content-security-policy")).toBe(res.headers.get("content-security-policy"));
    expect(res.headers.get("x-middleware-override-headers")).toContain("content-security-policy");
  });

  it("every request gets a new nonce", async () => {
    for (const [name, value] of Object.entries(BASE)) vi.stubEnv(name, value);
    const { proxy } = await import("@/proxy");
    const nonces = new Set(
      Array.from(
        { length: 20 },
        () => /'nonce-([^']+)'/.exec(proxy(new NextRequest("http://localhost:3000/")).headers.get("content-security-policy")!)![1],
      ),
    );
    expect(nonces.size).toBe(20);
  });

  it("under https: HSTS and upgrade-insecure-requests", async () => {
    const res = await proxyWith({ BETTER_AUTH_URL: "https://portal.example.org", RPC_URL: "https://rpc.example.org" });
    expect(res.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect(res.headers.get("content-security-policy")).toMatch(/; upgrade-insecure-requests$/);
  });

  it("connect-src names PUBLIC_RPC_URL's origin when set, never the server's RPC_URL", async () => {
    const res = await proxyWith({
      RPC_URL: "https://mainnet.infura.io/v3/0123456789abcdef0123456789abcdef",
      PUBLIC_RPC_URL: "https://public.example.org/rpc",
    });
    const csp = res.headers.get("content-security-policy")!;
    expect(directives(csp).get("connect-src")).toEqual(["'self'", "https://public.example.org"]);
    expect(csp).not.toContain("infura");
  });

  it("a keyed RPC_URL without PUBLIC_RPC_URL fails closed instead of reaching a header", async () => {
    await expect(proxyWith({ RPC_URL: "https://mainnet.infura.io/v3/0123456789abcdef0123456789abcdef" })).rejects.toThrow(
      /PUBLIC_RPC_URL: required because RPC_URL/,
    );
  });

  it("only `next dev` gets 'unsafe-eval' (and inline styles, for its overlay)", async () => {
    const d = directives((await proxyWith({ NODE_ENV: "development" })).headers.get("content-security-policy")!);
    expect(d.get("script-src")).toContain("'unsafe-eval'");
    expect(d.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it("API answers get the same set", async () => {
    const res = await proxyWith({}, "/api/health");
    expect(res.headers.get("content-security-policy")).toMatch(/^default-src 'self'; script-src 'self' 'nonce-/);
    expect(res.headers.get("permissions-policy")).toBe(PERMISSIONS_POLICY);
  });
});

describe("where the proxy runs", () => {
  it("pages and API reads; not built assets, and not requests carrying a body (so body limits hold)", async () => {
    const { config } = await import("@/proxy");
    const matches = (url: string, headers: Record<string, string> = {}) => unstable_doesMiddlewareMatch({ config, url, headers });
    expect(matches("/")).toBe(true);
    expect(matches("/trials/TP-2026-0001")).toBe(true);
    expect(matches("/api/health")).toBe(true);
    expect(matches("/_next/static/chunks/main.js")).toBe(false);
    expect(matches("/api/invitations", { "content-length": "20" })).toBe(false);
    expect(matches("/api/auth/sign-in/email", { "transfer-encoding": "chunked" })).toBe(false);
  });

  it("what it does not see still gets the fixed headers and a deny-all policy (next.config.ts)", async () => {
    const { default: nextConfig } = await import("@/next.config");
    const [rule] = await nextConfig.headers!();
    expect(rule!.source).toBe("/:path*");
    expect(Object.fromEntries(rule!.headers.map((h) => [h.key, h.value]))).toEqual({
      "x-content-type-options": "nosniff",
      "referrer-policy": "same-origin",
      "x-frame-options": "DENY",
      "permissions-policy": PERMISSIONS_POLICY,
      "content-security-policy": FALLBACK_CSP,
    });
  });
});
