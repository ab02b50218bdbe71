// The connection's own address, handed from Parley's HTTP server (scripts/serve.mjs) to the
// app. Next.js gives route handlers, pages and server actions the request's headers but not
// its socket, and the X-Forwarded-For it fills in is whatever the client sent. So the server
// writes the socket's address into one header before Next sees the request, replacing any
// value a client sent, and signs it with a key made at start-up that only this process knows:
// the app (src/server/http/client-address.ts) trusts the header only with that key, so a
// server started some other way (plain `next start`) can't be fooled by a client either.
import { randomBytes } from "node:crypto";

export const PEER_HEADER = "x-parley-peer";
export const PEER_KEY_ENV = "PARLEY_PEER_KEY";

/** A fresh key for this process; the app reads it back from the environment. */
export function newPeerKey() {
  return randomBytes(24).toString("base64url");
}

/**
 * Replaces whatever the client sent as the peer header with `<key> <socket address>`.
 * @param {import("node:http").IncomingMessage} req
 * @param {string} key
 */
export function stampPeer(req, key) {
  const address = req.socket.remoteAddress;
  if (address) req.headers[PEER_HEADER] = `${key} ${address}`;
  else delete req.headers[PEER_HEADER];
}
