#!/usr/bin/env node
// The portal's web server: Next.js (programmatic API) behind a thin layer that reports each connection's peer
// address to the app. Route handlers never see the socket, and `next start` fills X-Forwarded-For from the socket
// only when the client sent none, so without this layer the client address of a request is whatever the client
// writes. Started by scripts/serve.ts (`npm run dev`, `npm start`).
//
//   node scripts/portal-server.mjs dev|start [-p PORT] [-H HOST] [--keepAliveTimeout MS]
//
// In the embedded mode a request for the other loopback name (127.0.0.1 vs localhost) is redirected to BETTER_AUTH_URL.
// Every request gets `x-trialproof-peer: <token> <socket address>` (a client's own header of that name is replaced).
// The token is a per-process secret put in TRIALPROOF_PEER_TOKEN before Next.js starts; lib/server/auth/
// client-address.ts believes the header only with it, so the same app started any other way cannot be fooled by a
// client sending the header itself.
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import next from "next";
import { loopbackRedirect } from "./serve/loopback-redirect.mjs";

const PEER_HEADER = "x-trialproof-peer";
const PEER_TOKEN_VARIABLE = "TRIALPROOF_PEER_TOKEN";

function option(args, names, fallback) {
  const i = args.findIndex((a) => names.includes(a));
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
}

const args = process.argv.slice(2);
const mode = args[0];
if (mode !== "dev" && mode !== "start") {
  console.error("usage: node scripts/portal-server.mjs dev|start [-p PORT] [-H HOST] [--keepAliveTimeout MS]");
  process.exit(2);
}
const dev = mode === "dev";
const port = Number(option(args, ["-p", "--port"], process.env.PORT ?? "3000"));
const hostname = option(args, ["-H", "--hostname"], "127.0.0.1");
const keepAliveTimeout = Number(option(args, ["--keepAliveTimeout"], dev ? "5000" : "65000"));

const token = randomBytes(32).toString("hex");
process.env[PEER_TOKEN_VARIABLE] = token;

const server = createServer();
const app = next({ dev, hostname, port, httpServer: server });
await app.prepare();
const handle = app.getRequestHandler();

const embedded = process.env.TRIALPROOF_MODE === "embedded";
const portalUrl = process.env.BETTER_AUTH_URL;

server.on("request", (req, res) => {
  // One origin per portal: the other loopback name is sent to BETTER_AUTH_URL (Sign-In with Ethereum needs it).
  const to = loopbackRedirect({ embedded, portalUrl, host: req.headers.host, path: req.url });
  if (to) {
    res.writeHead(308, { location: to, "cache-control": "no-store" });
    res.end();
    return;
  }
  delete req.headers[PEER_HEADER];
  const peer = req.socket.remoteAddress;
  if (peer) req.headers[PEER_HEADER] = `${token} ${peer}`;
  handle(req, res).catch((error) => {
    console.error(error);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});
// Idle keep-alive connections outlive clients' and proxies' reuse windows (Node's 5 s default races them).
server.keepAliveTimeout = keepAliveTimeout;
// The start script prints the portal's one address (BETTER_AUTH_URL); this only says the server is up.
server.listen(port, hostname, () => console.log(`[trialproof] web server ready (${dev ? "development" : "production"})`));

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close();
    app.close?.().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
