import { afterEach, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/trpc/[trpc]/route";
import { addMember, callerAs, createOrgWithOwner, ownerPool } from "../../../test/helpers/fixtures";

const BASE = "http://localhost:3000/api/trpc";

/** A tRPC call over HTTP, as an API client makes it (superjson envelope). */
async function http(token: string, path: string, input: unknown, { mutation = false, org }: { mutation?: boolean; org?: string } = {}) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (org) headers["x-parley-org"] = org;
  const response = mutation
    ? await POST(new Request(`${BASE}/${path}`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify({ json: input }) }))
    : await GET(new Request(`${BASE}/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, { headers }));
  const body = (await response.json()) as { result?: { data: { json: unknown } }; error?: { message: string; json?: { message: string } } };
  return { status: response.status, headers: response.headers, data: body.result?.data.json, message: body.error?.json?.message ?? body.error?.message };
}

afterEach(() => { delete process.env.PARLEY_API_KEY_RATE_LIMIT; });

describe("API keys", () => {
  it("reads its own organization's data with exactly its scopes, shown once and stored hashed", async () => {
    const org = await createOrgWithOwner("apikey-read");
    const other = await createOrgWithOwner("apikey-other");
    const api = callerAs(org.owner, org.slug);
    await api.companies.create({ name: "Ours Ltd" });
    await callerAs(other.owner, other.slug).companies.create({ name: "Theirs Ltd" });

    const created = await api.apiKeys.create({ name: "Warehouse sync", permissions: ["companies:read", "companies:read"] });
    expect(created.token).toMatch(/^prly_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    const [listed] = await api.apiKeys.list();
    expect(listed).toMatchObject({ name: "Warehouse sync", keyPrefix: created.prefix, permissions: ["companies:read"], status: "active", lastUsedAt: null });
    expect(JSON.stringify(listed)).not.toContain(created.token.split("_")[2]);
    const { rows } = await ownerPool().query<{ key_hash: string }>("SELECT key_hash FROM api_keys WHERE id = $1", [created.id]);
    expect(rows[0]!.key_hash).toMatch(/^[0-9a-f]{64}$/);

    const list = await http(created.token, "companies.list", {});
    expect(list.status).toBe(200);
    expect((list.data as { items: { name: string }[] }).items.map((c) => c.name)).toEqual(["Ours Ltd"]);
    expect((await api.apiKeys.list())[0]!.lastUsedAt).not.toBeNull();

    const write = await http(created.token, "companies.create", { name: "Via key" }, { mutation: true });
    expect(write).toMatchObject({ status: 403, message: expect.stringContaining("cannot write companies") });
    expect(await http(created.token, "companies.list", {}, { org: other.slug })).toMatchObject({ status: 404 });
    expect(await http(created.token, "sessions.list", {})).toMatchObject({ status: 401 });
  });

  it("writes as its creator within its scopes, audited with the key's id", async () => {
    const org = await createOrgWithOwner("apikey-write");
    const api = callerAs(org.owner, org.slug);
    const key = await api.apiKeys.create({ name: "Lead form", permissions: ["companies:read", "companies:write"] });
    const made = await http(key.token, "companies.create", { name: "From the website" }, { mutation: true });
    expect(made.status).toBe(200);
    const { rows } = await ownerPool().query<{ user_id: string; details: { apiKeyId?: string } }>(
      "SELECT user_id, details FROM audit_logs WHERE organization_id = $1 AND action = 'company.create'", [org.orgId]);
    expect(rows).toEqual([{ user_id: org.owner.id, details: expect.objectContaining({ apiKeyId: key.id }) }]);
  });

  it("answers 401 to revoked, expired, malformed and unknown keys", async () => {
    const org = await createOrgWithOwner("apikey-401");
    const api = callerAs(org.owner, org.slug);
    const key = await api.apiKeys.create({ name: "Short lived", permissions: ["companies:read"] });
    await api.apiKeys.revoke({ id: key.id });
    expect(await http(key.token, "companies.list", {})).toMatchObject({ status: 401, message: "This API key has been revoked" });
    await expect(api.apiKeys.revoke({ id: key.id })).rejects.toMatchObject({ code: "CONFLICT" });

    const soon = await api.apiKeys.create({ name: "Expiring", permissions: ["companies:read"], expiresOn: new Date(Date.now() + 86_400_000 * 2).toISOString().slice(0, 10) });
    await ownerPool().query("UPDATE api_keys SET expires_at = now() - interval '1 minute' WHERE id = $1", [soon.id]);
    const expired = await http(soon.token, "companies.list", {});
    expect(expired).toMatchObject({ status: 401, message: "This API key has expired" });
    expect(expired.headers.get("www-authenticate")).toContain("Bearer");
    expect((await api.apiKeys.list()).map((k) => k.status).sort()).toEqual(["expired", "revoked"]);

    expect(await http("not-a-key", "companies.list", {})).toMatchObject({ status: 401, message: "That is not a Parley API key" });
    const forged = `${soon.token.slice(0, 38)}${"A".repeat(43)}`;
    expect(await http(forged, "companies.list", {})).toMatchObject({ status: 401, message: "Invalid API key" });
  });

  it("limits each key's rate with 429 and Retry-After", async () => {
    const org = await createOrgWithOwner("apikey-429");
    const key = await callerAs(org.owner, org.slug).apiKeys.create({ name: "Chatty", permissions: ["companies:read"] });
    process.env.PARLEY_API_KEY_RATE_LIMIT = "3";
    for (let i = 0; i < 3; i++) expect((await http(key.token, "companies.list", {})).status).toBe(200);
    const limited = await http(key.token, "companies.list", {});
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("never grants more than its creator's role, then or later; only admins make keys", async () => {
    const org = await createOrgWithOwner("apikey-perm");
    const admin = await addMember(org, "Admin");
    const adminApi = callerAs(admin, org.slug);
    await expect(adminApi.apiKeys.create({ name: "Too much", permissions: ["billing:admin"] })).rejects.toMatchObject({ code: "FORBIDDEN", message: "Your role cannot grant billing:admin" });
    await expect(callerAs(await addMember(org, "Member"), org.slug).apiKeys.create({ name: "x", permissions: ["leads:read"] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(adminApi.apiKeys.create({ name: " ", permissions: [] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(adminApi.apiKeys.create({ name: "Past", permissions: ["leads:read"], expiresOn: "2020-01-01" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("Expires must be in the future") });

    const key = await adminApi.apiKeys.create({ name: "Sync", permissions: ["companies:read", "companies:write"] });
    expect((await http(key.token, "companies.create", { name: "Before" }, { mutation: true })).status).toBe(200);
    // The admin becomes a viewer: the key keeps only what a viewer may do.
    await ownerPool().query(
      "UPDATE memberships SET role_id = (SELECT id FROM roles WHERE organization_id = $1 AND name = 'Viewer') WHERE organization_id = $1 AND user_id = $2", [org.orgId, admin.id]);
    expect((await http(key.token, "companies.create", { name: "After" }, { mutation: true })).status).toBe(403);
    expect((await http(key.token, "companies.list", {})).status).toBe(200);
    // …and leaving the organization ends it.
    await ownerPool().query("DELETE FROM memberships WHERE organization_id = $1 AND user_id = $2", [org.orgId, admin.id]);
    expect(await http(key.token, "companies.list", {})).toMatchObject({ status: 401, message: expect.stringContaining("no longer belongs") });
  });
});
