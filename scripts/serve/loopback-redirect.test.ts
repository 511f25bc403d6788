import { describe, expect, it } from "vitest";
import { loopbackRedirect } from "./loopback-redirect.mjs";

const portalUrl = "http://localhost:3000";

describe("loopbackRedirect", () => {
  it("sends the loopback twin to the portal's own URL, keeping path and query", () => {
    expect(loopbackRedirect({ embedded: true, portalUrl, host: "127.0.0.1:3000", path: "/sign-in?next=%2Fsponsor" })).toBe(
      "http://localhost:3000/sign-in?next=%2Fsponsor",
    );
    expect(loopbackRedirect({ embedded: true, portalUrl: "http://127.0.0.1:3000", host: "localhost:3000", path: "/" })).toBe(
      "http://127.0.0.1:3000/",
    );
  });

  it("serves the portal's own host, other ports, other hosts, and everything outside the embedded mode", () => {
    expect(loopbackRedirect({ embedded: true, portalUrl, host: "localhost:3000", path: "/" })).toBeNull();
    expect(loopbackRedirect({ embedded: true, portalUrl, host: "127.0.0.1:3001", path: "/" })).toBeNull();
    expect(loopbackRedirect({ embedded: true, portalUrl, host: "portal.example:3000", path: "/" })).toBeNull();
    expect(loopbackRedirect({ embedded: false, portalUrl, host: "127.0.0.1:3000", path: "/" })).toBeNull();
    expect(loopbackRedirect({ embedded: true, portalUrl: "https://trials.example", host: "127.0.0.1", path: "/" })).toBeNull();
  });

  it("never redirects to a host taken from the request (an open redirect)", () => {
    expect(loopbackRedirect({ embedded: true, portalUrl, host: "127.0.0.1:3000", path: "//evil.example/x" })).toBe(
      "http://localhost:3000//evil.example/x",
    );
    expect(loopbackRedirect({ embedded: true, portalUrl, host: "127.0.0.1:3000@evil.example", path: "/" })).toBeNull();
  });

  it("serves what it cannot parse", () => {
    expect(loopbackRedirect({ embedded: true, portalUrl, host: "[::1", path: "/" })).toBeNull();
    expect(loopbackRedirect({ embedded: true, portalUrl: "not a url", host: "127.0.0.1:3000", path: "/" })).toBeNull();
  });
});
