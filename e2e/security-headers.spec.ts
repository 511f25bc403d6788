import { E2E } from "./fixtures/e2e-env";
import { expect, test } from "./fixtures/test";

const directives = (csp: string) =>
  new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );

test("pages and API answers carry the security headers: a per-request nonce policy, no HSTS on http", async ({ request }) => {
  const nonces: string[] = [];
  for (const path of ["/", "/api/health", "/"]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    const headers = res.headers();
    const csp = headers["content-security-policy"] ?? "";
    const d = directives(csp);
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce, `${path}: ${csp}`).toBeDefined();
    nonces.push(nonce!);
    expect(d.get("script-src"), path).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(d.get("connect-src"), path).toEqual(["'self'", new URL(E2E.rpcUrl).origin]);
    expect(d.get("frame-ancestors"), path).toEqual(["'none'"]);
    expect(d.get("object-src"), path).toEqual(["'none'"]);
    expect(d.get("base-uri"), path).toEqual(["'self'"]);
    expect(d.get("form-action"), path).toEqual(["'self'"]);
    expect(csp, path).not.toContain("unsafe-eval");
    expect(headers["strict-transport-security"], path).toBeUndefined();
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("same-origin");
    for (const feature of ["camera", "microphone", "geolocation", "payment"]) expect(headers["permissions-policy"], path).toContain(`${feature}=()`);
    if (path === "/") {
      // Next.js put this response's nonce on its own scripts: the page is rendered per request, not prerendered.
      const html = await res.text();
      expect(html).toContain(`nonce="${nonce}"`);
      expect(html).not.toMatch(/<script(?![^>]*nonce=)[^>]*>/);
    }
  }
  expect(new Set(nonces).size).toBe(nonces.length);
});

test("pages run under the policy: scripts hydrate, nothing is refused", async ({ page, visit }) => {
  // The shared fixture fails this test on any violation.
  expect(await visit("/trials")).toBe(200);
  expect(await visit("/verify")).toBe(200);
  await page.goto("/");
  // React marks the nodes it has hydrated; that can only happen if the nonce'd scripts ran.
  await page.waitForFunction(() => {
    const link = document.querySelector('[data-testid="header-sign-in"]');
    return link !== null && Object.keys(link).some((key) => key.startsWith("__reactProps$"));
  });
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));
  await page.getByTestId("header-sign-in").click();
  await expect(page).toHaveURL(/\/sign-in/);
  // The router navigated on the client (the document stayed): the app runs, not just the markup.
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
});
