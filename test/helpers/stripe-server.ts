// A local stand-in for the parts of Stripe's API Parley calls (customers, Checkout sessions,
// Customer Portal sessions, subscriptions retrieve/update), driven by the real `stripe` SDK
// pointed at it (STRIPE_API_HOST/PORT/PROTOCOL), plus Stripe's hosted Checkout and Portal
// pages in miniature for the browser, and signed webhook events for the tests to deliver.
// It honours idempotency keys the way Stripe does: the same key and body get the first
// answer again; the same key with another body is an error.
// No imports from src/ (Playwright loads it as well as vitest).
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

export type Json = Record<string, unknown>;

export interface RecordedRequest {
  method: string;
  path: string;
  params: Json;
  idempotencyKey: string | null;
}

interface Failure {
  match: RegExp;
  /** An HTTP status to answer with, or "drop" to cut the connection (a network failure). */
  status: number | "drop";
  times: number;
}

export interface StripeDouble {
  url: string;
  port: number;
  /** A client pointed at the double (for signing events and arranging state). */
  client: Stripe;
  requests: RecordedRequest[];
  customers: Map<string, Json>;
  sessions: Map<string, Json>;
  subscriptions: Map<string, Json>;
  /** Events the hosted checkout page produced, for the test to deliver (then cleared). */
  takeEvents(): Stripe.Event[];
  /** Env for the app's Stripe client. */
  env(): Record<string, string>;
  /** Make the next `times` matching requests fail. */
  fail(match: RegExp, status: number | "drop", times?: number): void;
  /** Make the next `times` matching requests answer only after `ms`. */
  slow(match: RegExp, ms: number, times?: number): void;
  /** Make the next `times` matching requests wait for `during()` to settle before they are handled (the test looks around meanwhile). */
  hold(match: RegExp, during: () => Promise<unknown>, times?: number): void;
  /** Completes an open Checkout session as if the customer paid: creates the subscription. */
  completeCheckout(sessionId: string): { subscription: Json; events: Stripe.Event[] };
  /** Changes a subscription as Stripe would on its own (dunning, period end); returns it. */
  mutateSubscription(id: string, change: (sub: Json) => void): Json;
  event(type: string, object: Json, created?: number): Stripe.Event;
  signature(payload: string, opts?: { secret?: string; timestamp?: number }): string;
  /** POSTs an event, signed, to a webhook URL. */
  deliver(url: string, event: Stripe.Event | string, opts?: { secret?: string; timestamp?: number; signature?: string }): Promise<Response>;
  close(): Promise<void>;
}

const id = (prefix: string) => `${prefix}_${randomBytes(8).toString("hex")}`;
const now = () => Math.floor(Date.now() / 1000);
const DAY = 86_400;

/** Stripe's form encoding (a[b][0][c]=x) back into objects and arrays. */
export function parseForm(body: string): Json {
  const out: Json = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const path = rawKey.replace(/\]/g, "").split("[");
    let node: Record<string, unknown> | unknown[] = out;
    path.forEach((segment, i) => {
      const last = i === path.length - 1;
      const key: string | number = Array.isArray(node) ? Number(segment) : segment;
      const container = node as Record<string | number, unknown>;
      if (last) container[key] = value;
      else {
        container[key] ??= /^\d+$/.test(path[i + 1]!) ? [] : {};
        node = container[key] as Record<string, unknown>;
      }
    });
  }
  return out;
}

const html = (body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stripe (test double)</title>
<style>body{font-family:system-ui,sans-serif;background:#f6f9fc;margin:0;padding:48px 16px}main{max-width:420px;margin:auto;background:#fff;border-radius:8px;padding:32px;box-shadow:0 2px 8px #0002}
button,a.button{display:inline-block;background:#635bff;color:#fff;border:0;border-radius:6px;padding:12px 20px;font-size:16px;text-decoration:none;cursor:pointer}p{color:#425466}</style></head><body><main>${body}</main></body></html>`;
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startStripeDouble(opts: { port?: number; webhookSecret?: string; prices?: Record<string, "month" | "year"> } = {}): Promise<StripeDouble> {
  const webhookSecret = opts.webhookSecret ?? "whsec_parley_test";
  const requests: RecordedRequest[] = [];
  const customers = new Map<string, Json>();
  const sessions = new Map<string, Json>();
  const subscriptions = new Map<string, Json>();
  const idempotent = new Map<string, { body: string; status: number; response: string }>();
  const failures: Failure[] = [];
  const delays: { match: RegExp; ms: number; times: number }[] = [];
  const holds: { match: RegExp; during: () => Promise<unknown>; times: number }[] = [];
  let pending: Stripe.Event[] = [];
  const intervalOf = (price: string) => opts.prices?.[price] ?? (/year/i.test(price) ? "year" : "month");

  const event = (type: string, object: Json, created = now()): Stripe.Event =>
    ({ id: id("evt"), object: "event", api_version: "2026-10-28.endive", created, data: { object: structuredClone(object) }, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, type }) as unknown as Stripe.Event;

  function completeCheckout(sessionId: string) {
    const session = sessions.get(sessionId);
    if (!session) throw new Error(`no session ${sessionId}`);
    if (session.status === "complete") return { subscription: subscriptions.get(session.subscription as string)!, events: [] };
    const line = (session.line_items as Json[])[0]!;
    const start = now();
    const interval = intervalOf(line.price as string);
    const subscription: Json = {
      id: id("sub"), object: "subscription", customer: session.customer, status: "active", created: start, start_date: start,
      cancel_at_period_end: false, cancel_at: null, canceled_at: null, ended_at: null, trial_end: null, latest_invoice: id("in"),
      metadata: ((session.subscription_data as Json | undefined)?.metadata as Json) ?? {},
      items: {
        object: "list",
        data: [{
          id: id("si"), object: "subscription_item", quantity: Number(line.quantity ?? 1),
          price: { id: line.price, object: "price", recurring: { interval, interval_count: 1 } },
          current_period_start: start, current_period_end: start + (interval === "year" ? 365 : 30) * DAY,
        }],
      },
    };
    subscriptions.set(subscription.id as string, subscription);
    Object.assign(session, { status: "complete", payment_status: "paid", subscription: subscription.id });
    const events = [event("checkout.session.completed", session), event("customer.subscription.created", subscription)];
    return { subscription, events };
  }

  function updateSubscription(sub: Json, params: Json) {
    const item = (sub.items as { data: Json[] }).data[0]!;
    const items = params.items as Json[] | undefined;
    if (items?.[0]) {
      if (items[0].id && items[0].id !== item.id) throw Object.assign(new Error(`No such subscription item: '${items[0].id}'`), { status: 400 });
      if (items[0].price) item.price = { id: items[0].price, object: "price", recurring: { interval: intervalOf(items[0].price as string), interval_count: 1 } };
      if (items[0].quantity !== undefined) item.quantity = Number(items[0].quantity);
    }
    if (params.cancel_at_period_end !== undefined) {
      sub.cancel_at_period_end = params.cancel_at_period_end === "true";
      sub.cancel_at = sub.cancel_at_period_end ? item.current_period_end : null;
      sub.canceled_at = sub.cancel_at_period_end ? now() : null;
    }
    if (params.metadata) sub.metadata = { ...(sub.metadata as Json), ...(params.metadata as Json) };
  }

  function api(method: string, path: string, params: Json): { status: number; body: unknown } {
    const missing = (what: string, key: string) => ({ status: 404, body: { error: { type: "invalid_request_error", code: "resource_missing", message: `No such ${what}: '${key}'` } } });
    let m: RegExpMatchArray | null;
    if (method === "POST" && path === "/v1/customers") {
      const customer = { id: id("cus"), object: "customer", created: now(), name: params.name ?? null, email: params.email ?? null, metadata: params.metadata ?? {} };
      customers.set(customer.id, customer);
      return { status: 200, body: customer };
    }
    if (method === "POST" && path === "/v1/checkout/sessions") {
      if (params.customer && !customers.has(params.customer as string)) return missing("customer", params.customer as string);
      const sessionId = id("cs_test");
      const session: Json = {
        id: sessionId, object: "checkout.session", mode: params.mode, status: "open", payment_status: "unpaid", customer: params.customer ?? null,
        client_reference_id: params.client_reference_id ?? null, metadata: params.metadata ?? {}, success_url: params.success_url, cancel_url: params.cancel_url,
        line_items: params.line_items, subscription_data: params.subscription_data, subscription: null, url: `${base}/checkout/${sessionId}`, created: now(),
      };
      sessions.set(sessionId, session);
      return { status: 200, body: session };
    }
    if (method === "GET" && (m = path.match(/^\/v1\/checkout\/sessions\/([^/]+)$/))) {
      const session = sessions.get(m[1]!);
      return session ? { status: 200, body: session } : missing("checkout.session", m[1]!);
    }
    if (method === "POST" && path === "/v1/billing_portal/sessions") {
      if (!customers.has(params.customer as string)) return missing("customer", params.customer as string);
      const portalId = id("bps");
      return { status: 200, body: { id: portalId, object: "billing_portal.session", customer: params.customer, return_url: params.return_url, url: `${base}/portal/${portalId}?return=${encodeURIComponent(String(params.return_url))}` } };
    }
    if ((m = path.match(/^\/v1\/subscriptions\/([^/]+)$/))) {
      const sub = subscriptions.get(m[1]!);
      if (!sub) return missing("subscription", m[1]!);
      if (method === "GET") return { status: 200, body: sub };
      if (method === "DELETE") {
        if (sub.status === "canceled") return { status: 400, body: { error: { type: "invalid_request_error", message: "This subscription has already been canceled." } } };
        const now = Math.floor(Date.now() / 1000);
        Object.assign(sub, { status: "canceled", canceled_at: now, ended_at: now });
        return { status: 200, body: sub };
      }
      if (method === "POST") {
        if (sub.status === "canceled") return { status: 400, body: { error: { type: "invalid_request_error", message: "A canceled subscription can only update its cancellation_details and metadata." } } };
        try {
          updateSubscription(sub, params);
        } catch (error) {
          return { status: 400, body: { error: { type: "invalid_request_error", message: (error as Error).message } } };
        }
        return { status: 200, body: sub };
      }
    }
    return { status: 404, body: { error: { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path})` } } };
  }

  function hosted(req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: string): boolean {
    let m: RegExpMatchArray | null;
    if ((m = url.pathname.match(/^\/checkout\/([^/]+)$/)) && req.method === "GET") {
      const session = sessions.get(m[1]!);
      if (!session) return false;
      const line = (session.line_items as Json[])[0]!;
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.end(html(`<h1>Test checkout</h1><p>Subscribe: ${escape(String(line.price))} × ${escape(String(line.quantity))} seat(s)</p>
        <form method="post" action="/checkout/${session.id}/pay"><button type="submit">Pay and subscribe</button></form>
        <p><a href="${escape(String(session.cancel_url))}">Back to Parley</a></p>`));
      return true;
    }
    if ((m = url.pathname.match(/^\/checkout\/([^/]+)\/pay$/)) && req.method === "POST") {
      const session = sessions.get(m[1]!);
      if (!session) return false;
      const { events } = completeCheckout(session.id as string);
      pending.push(...events);
      res.statusCode = 303;
      res.setHeader("location", String(session.success_url).replace("{CHECKOUT_SESSION_ID}", session.id as string));
      res.end();
      return true;
    }
    if (url.pathname.startsWith("/portal/") && req.method === "GET") {
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.end(html(`<h1>Test billing portal</h1><p>Payment methods and invoices would be here.</p><a class="button" href="${escape(url.searchParams.get("return") ?? "/")}">Return to Parley</a>`));
      return true;
    }
    void body;
    return false;
  }

  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => { body += chunk; });
    req.on("end", async () => {
      const delay = delays.find((d) => d.times > 0 && d.match.test(`${req.method} ${req.url}`));
      if (delay) {
        delay.times--;
        await new Promise((r) => setTimeout(r, delay.ms));
      }
      const held = holds.find((h) => h.times > 0 && h.match.test(`${req.method} ${req.url}`));
      if (held) {
        held.times--;
        await held.during().catch(() => {});
      }
      const url = new URL(req.url ?? "/", "http://localhost");
      if (!url.pathname.startsWith("/v1/")) {
        if (!hosted(req, res, url, body)) { res.statusCode = 404; res.end("not found"); }
        return;
      }
      const method = req.method ?? "GET";
      const params = method === "GET" ? Object.fromEntries(url.searchParams) : parseForm(body);
      const key = (req.headers["idempotency-key"] as string | undefined) ?? null;
      requests.push({ method, path: url.pathname, params, idempotencyKey: key });
      const failure = failures.find((f) => f.times > 0 && f.match.test(`${method} ${url.pathname}`));
      if (failure) {
        failure.times--;
        if (failure.status === "drop") { req.socket.destroy(); return; }
        res.statusCode = failure.status;
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ error: { type: "api_error", message: "The double was told to fail" } }));
        return;
      }
      res.setHeader("content-type", "application/json");
      const auth = req.headers.authorization ?? "";
      if (!auth.startsWith("Bearer sk_")) {
        res.statusCode = 401;
        res.end(JSON.stringify({ error: { type: "invalid_request_error", message: "Invalid API Key provided" } }));
        return;
      }
      if (key && method === "POST") {
        const seen = idempotent.get(key);
        if (seen) {
          if (seen.body !== `${url.pathname}?${body}`) {
            res.statusCode = 400;
            res.end(JSON.stringify({ error: { type: "idempotency_error", message: "Keys for idempotent requests can only be used with the same parameters they were first used with." } }));
            return;
          }
          res.statusCode = seen.status;
          res.setHeader("idempotent-replayed", "true");
          res.end(seen.response);
          return;
        }
      }
      const answer = api(method, url.pathname, params);
      const response = JSON.stringify(answer.body);
      if (key && method === "POST" && answer.status < 500) idempotent.set(key, { body: `${url.pathname}?${body}`, status: answer.status, response });
      res.statusCode = answer.status;
      res.end(response);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  const client = new Stripe("sk_test_double", { host: "127.0.0.1", port, protocol: "http", maxNetworkRetries: 0, telemetry: false });

  const signature = (payload: string, o: { secret?: string; timestamp?: number } = {}) =>
    client.webhooks.generateTestHeaderString({ payload, secret: o.secret ?? webhookSecret, ...(o.timestamp ? { timestamp: o.timestamp } : {}) });

  return {
    url: base,
    port,
    client,
    requests,
    customers,
    sessions,
    subscriptions,
    takeEvents: () => { const out = pending; pending = []; return out; },
    env: () => ({ STRIPE_SECRET_KEY: "sk_test_double", STRIPE_WEBHOOK_SECRET: webhookSecret, STRIPE_API_HOST: "127.0.0.1", STRIPE_API_PORT: String(port), STRIPE_API_PROTOCOL: "http", STRIPE_MAX_NETWORK_RETRIES: "0" }),
    fail: (match, status, times = 1) => { failures.push({ match, status, times }); },
    slow: (match, ms, times = 1) => { delays.push({ match, ms, times }); },
    hold: (match, during, times = 1) => { holds.push({ match, during, times }); },
    completeCheckout,
    mutateSubscription(subId, change) {
      const sub = subscriptions.get(subId);
      if (!sub) throw new Error(`no subscription ${subId}`);
      change(sub);
      return structuredClone(sub);
    },
    event,
    signature,
    async deliver(url, e, o = {}) {
      const payload = typeof e === "string" ? e : JSON.stringify(e);
      return fetch(url, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": o.signature ?? signature(payload, o) }, body: payload });
    },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
