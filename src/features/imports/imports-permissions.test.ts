// An import needs the permission of the resource it is about, declared in the procedures' meta
// (orgProcedureOn): write to import, start or undo; read to see it and its rejected rows. The
// list shows each member the imports of what their role may read.
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, callerAs, createOrgWithOwner } from "../../../test/helpers/fixtures";
import { stagedPath } from "./import-files";

type Api = ReturnType<typeof callerAs>;

beforeAll(() => { process.env.PARLEY_UPLOAD_DIR = path.resolve(".data/test-uploads"); });
afterAll(() => { delete process.env.PARLEY_UPLOAD_DIR; });

async function upload(api: Api, resource: "leads" | "companies" | "contacts", csv: string) {
  const token = randomBytes(16).toString("hex");
  await mkdir(path.dirname(stagedPath(token)), { recursive: true });
  await writeFile(stagedPath(token), csv);
  return api.imports.create({ resource, fileName: `${resource}.csv`, uploadToken: token });
}

describe("import permissions follow the imported resource", () => {
  it("a role that may write leads but not see contacts imports leads only, and never sees a contacts import", async () => {
    const org = await createOrgWithOwner("import-perm-resource");
    const owner = callerAs(org.owner, org.slug);
    const role = await owner.roles.create({ name: "Lead Importer" });
    await owner.roles.setPermissions({ id: role.id, permissions: ["leads:write", "organization:read", "members:read"] });
    const importer = callerAs(await addMember(org, "Lead Importer"), org.slug);

    const contacts = await upload(owner, "contacts", "First name,Last name,Email\nAna,Diaz,ana@example.com\n");
    const forbidden = (action: string, resource: string) => ({ code: "FORBIDDEN", message: `Your role (Lead Importer) cannot ${action} ${resource}` });
    await expect(upload(importer, "contacts", "First name\nAna\n")).rejects.toMatchObject(forbidden("write", "contacts"));
    await expect(importer.imports.get({ id: contacts.id })).rejects.toMatchObject(forbidden("read", "contacts"));
    await expect(importer.imports.rejects({ id: contacts.id })).rejects.toMatchObject(forbidden("read", "contacts"));
    const contactsImport = await owner.imports.get({ id: contacts.id });
    await expect(importer.imports.start({ id: contacts.id, mapping: contactsImport.mapping })).rejects.toMatchObject(forbidden("write", "contacts"));
    await expect(importer.imports.undo({ id: contacts.id })).rejects.toMatchObject(forbidden("write", "contacts"));
    expect((await owner.imports.get({ id: contacts.id })).status).toBe("uploaded");

    const leads = await upload(importer, "leads", "Company\nAcme\n");
    await expect(importer.imports.get({ id: leads.id })).resolves.toMatchObject({ resource: "leads", status: "uploaded" });
    expect((await importer.imports.list()).map((i) => i.id)).toEqual([leads.id]);
    expect((await owner.imports.list()).map((i) => i.id).sort()).toEqual([contacts.id, leads.id].sort());
  });

  it("an import that does not exist is not found, whatever the role", async () => {
    const org = await createOrgWithOwner("import-perm-missing");
    const viewer = callerAs(await addMember(org, "Viewer"), org.slug);
    const missing = { id: "01900000-0000-7000-8000-000000000000" };
    await expect(viewer.imports.get(missing)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(viewer.imports.undo(missing)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
