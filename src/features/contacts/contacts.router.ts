import { orgProcedure, router } from "@/server/api/trpc";
import { contactFieldsSchema, contactIdSchema, listContactsSchema, updateContactSchema } from "./contacts.schema";
import { createContact, deleteContact, getContact, listContacts, updateContact } from "./contacts.service";

const read = { permission: { resource: "contacts", action: "read" } } as const;
const write = { permission: { resource: "contacts", action: "write" } } as const;

export const contactsRouter = router({
  list: orgProcedure.meta(read).input(listContactsSchema).query(({ ctx, input }) => listContacts(ctx.scope, input)),
  get: orgProcedure.meta(read).input(contactIdSchema).query(({ ctx, input }) => getContact(ctx.scope, input.id)),
  create: orgProcedure.meta(write).input(contactFieldsSchema).mutation(({ ctx, input }) => createContact(ctx.scope, input)),
  update: orgProcedure.meta(write).input(updateContactSchema).mutation(({ ctx, input }) => updateContact(ctx.scope, input.id, input.values)),
  delete: orgProcedure
    .meta({ permission: { resource: "contacts", action: "delete" } })
    .input(contactIdSchema)
    .mutation(({ ctx, input }) => deleteContact(ctx.scope, input.id)),
});
