// Parley's HTTP server: Next.js's own request handling (what `next start` and `next dev` run),
// behind a plain Node server that stamps each request with its connection's address first.
// Next gives the app no socket address, and the X-Forwarded-For it fills in is whatever the
// client sent; the sign-in throttle and the dev outbox need an address nobody can forge
// (scripts/peer-stamp.mjs, src/server/http/client-address.ts).
//
//   node scripts/serve.mjs start [-p 3000] [-H 0.0.0.0]    the production build
//   node scripts/serve.mjs dev   [-p 3000] [-H 0.0.0.0]    next dev
/* global process, console */
import { createServer } from "node:http";
import path from "node:path";
import { PEER_KEY_ENV, newPeerKey, stampPeer } from "./peer-stamp.mjs";

const args = process.argv.slice(2);
const option = (flag) => {
  const at = args.indexOf(flag);
  return at >= 0 ? args[at + 1] : undefined;
};
const dev = args[0] === "dev";
const port = Number(option("-p") ?? process.env.PORT ?? 3000);
const hostname = option("-H");

// Before Next.js loads: it reads NODE_ENV once, and the app reads the key from the environment.
process.env.NODE_ENV = dev ? "development" : "production";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
process.env.PORT = String(port);
const key = newPeerKey();
process.env[PEER_KEY_ENV] = key;

const { default: next } = await import("next");
const server = createServer();
const app = next({ dev, dir: path.resolve(import.meta.dirname, ".."), hostname: hostname ?? "localhost", port, httpServer: server });
const handle = app.getRequestHandler();
await app.prepare();

server.on("request", (req, res) => {
  stampPeer(req, key);
  handle(req, res).catch((error) => {
    console.error(`Failed to handle ${req.method} ${req.url}:`, error);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});
server.on("error", (error) => {
  console.error("Parley's server failed:", error);
  process.exit(1);
});
server.listen(port, hostname, () => console.log(`> Ready on http://${hostname ?? "localhost"}:${port} (${dev ? "development" : "production"})`));

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  await new Promise((resolve) => server.close(resolve));
  if (dev) server.closeAllConnections();
  await app.close().catch((error) => console.error(error));
  process.exit(signal === "SIGINT" ? 130 : 143);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
