// Plain HTTP to the e2e server with control Playwright's request context does not give: the
// local address to connect from (127.0.0.2 is the stand-in reverse proxy TRUSTED_PROXIES names
// in playwright.config.ts; every 127.x address is this machine) and chunked bodies.
import { type IncomingHttpHeaders, request } from "node:http";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent as is (with Content-Length), or as chunks with Transfer-Encoding: chunked. */
  body?: string | Buffer | { chunks: Iterable<Buffer> };
  /** Connect from this loopback address (default 127.0.0.1). */
  from?: string;
  /** Another server of the suite's (default: the e2e server on E2E_PORT). */
  port?: number;
}

export function rawRequest({ method = "GET", path, headers = {}, body, from = "127.0.0.1", port = E2E_PORT }: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const chunked = body !== undefined && typeof body === "object" && "chunks" in body;
    let answered = false;
    const req = request(
      { host: "127.0.0.1", port, localAddress: from, method, path, headers: chunked ? { ...headers, "transfer-encoding": "chunked" } : headers },
      (res) => {
        answered = true;
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    // A server that answers before the body is sent may close the connection on it.
    req.on("error", (error) => (answered ? undefined : reject(error)));
    if (!chunked) return void req.end(body);
    void (async () => {
      for (const chunk of body.chunks) {
        if (answered || req.destroyed) break;
        if (!req.write(chunk)) {
          await new Promise<void>((drained) => {
            const done = () => {
              req.off("drain", done);
              req.off("close", done);
              drained();
            };
            req.on("drain", done);
            req.on("close", done);
          });
        }
      }
      if (!req.destroyed) req.end();
    })();
  });
}

/** The `name=value` pairs of a response's Set-Cookie headers, for sending back. */
export const cookiesOf = (response: RawResponse) => (response.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]!).join("; ");

/**
 * One password attempt through next-auth, as the sign-in form sends it (CSRF token first),
 * from the given local address and with the given extra headers.
 */
export async function credentialsAttempt(opts: { email: string; password: string; from?: string; headers?: Record<string, string>; callbackUrl?: string; cookie?: string; port?: number }): Promise<RawResponse> {
  const csrf = await rawRequest({ path: "/api/auth/csrf", from: opts.from, headers: opts.headers, port: opts.port });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const cookie = [cookiesOf(csrf), opts.cookie].filter(Boolean).join("; ");
  const form = new URLSearchParams({ csrfToken, email: opts.email, password: opts.password, json: "true", ...(opts.callbackUrl ? { callbackUrl: opts.callbackUrl } : {}) });
  return rawRequest({
    method: "POST",
    path: "/api/auth/callback/credentials",
    from: opts.from,
    port: opts.port,
    headers: { ...opts.headers, cookie, "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
  });
}
