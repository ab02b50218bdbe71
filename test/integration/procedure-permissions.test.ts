// Every organization procedure declares the permission it needs in its meta (orgProcedure
// checks it before the resolver runs), or the permission of the resource it is about
// (meta.resourcePermission, checked by orgProcedureOn), or is listed below with the reason it
// needs none. A new procedure without either fails here until it says which.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createOrgWithOwner, sessionFor } from "../helpers/fixtures";
import { appRouter } from "@/server/api/root";
import { orgProcedureOn } from "@/server/api/resource-procedure";
import type { Meta } from "@/server/api/trpc";
import { createCallerFactory, orgProcedure, router } from "@/server/api/trpc";

const WITHOUT_PERMISSION: Record<string, string> = {
  "organizations.current": "every member: the organization's name and plan, and the caller's own role and permissions, which every page reads",
  "search.global": "every member: each kind of record is searched only when the role may read it (filtered by kind)",
  "savedViews.list": "a member's own saved filters: personal, only their owner sees or changes them",
  "savedViews.save": "a member's own saved filters: personal, only their owner sees or changes them",
  "savedViews.delete": "a member's own saved filters: personal, only their owner sees or changes them",
  "imports.list": "imports of several resources: each member sees those of the resources the role may read (filtered by resource)",
};

type AnyProcedure = { _def: { meta?: Meta } };
const procedures = Object.entries((appRouter._def as unknown as { procedures: Record<string, AnyProcedure> }).procedures);
const orgScoped = procedures.filter(([, p]) => p._def.meta?.scope === "org");
const declares = (meta: Meta | undefined) => !!meta?.permission || !!meta?.resourcePermission;

describe("organization procedures name their permission", () => {
  it("finds the organization procedures", () => {
    expect(orgScoped.length).toBeGreaterThan(100);
  });

  it.each(orgScoped.filter(([path]) => !(path in WITHOUT_PERMISSION)).map(([path, p]) => [path, p._def.meta] as const))("%s declares its permission", (_, meta) => {
    expect(declares(meta)).toBe(true);
  });

  it.each(Object.entries(WITHOUT_PERMISSION))("%s needs none: %s", (path) => {
    const procedure = procedures.find(([p]) => p === path)?.[1];
    expect(procedure?._def.meta?.scope, "still an organization procedure").toBe("org");
    expect(declares(procedure?._def.meta), "declares one now: remove it from the list").toBe(false);
  });
});

describe("a permission on the call's resource", () => {
  const leadsOnly = { action: "read", oneOf: ["leads"] } as const;
  const testRouter = router({
    forgot: orgProcedure.meta({ resourcePermission: leadsOnly }).query(() => "ran"),
    outside: orgProcedureOn(leadsOnly, z.object({}), () => "contacts" as never).query(() => "ran"),
    checked: orgProcedureOn(leadsOnly, z.object({}), () => "leads").query(() => "ran"),
  });
  const meta = { ip: null, userAgent: "vitest" };

  it("is checked, and a procedure that declares one but never checks it fails instead of answering", async () => {
    // (Refusing a role without it: src/features/imports/imports-permissions.test.ts.)
    const org = await createOrgWithOwner("resource-permission");
    const caller = createCallerFactory(testRouter)({ session: sessionFor(org.owner), meta, orgSlug: org.slug });
    await expect(caller.checked({})).resolves.toBe("ran");
    await expect(caller.forgot()).rejects.toThrow("without checking the permission on its resource");
    await expect(caller.outside({})).rejects.toThrow("does not allow a permission check on contacts");
  });
});
