// Demo contacts: one to three people at most demo companies, a few linked to two.
import type { z } from "zod";
import type { contactFieldsSchema } from "../../src/features/contacts/contacts.schema";
import { seededRandom } from "./random";

const FIRST = ["Avery", "Jordan", "Priya", "Mateo", "Hannah", "Kenji", "Fatima", "Liam", "Sofia", "Noah", "Amara", "Lucas", "Mei",
  "Diego", "Chloe", "Omar", "Grace", "Ethan", "Zara", "Isaac", "Leah", "Ravi", "Nora", "Tomás"];
const LAST = ["Nguyen", "Patel", "Garcia", "Kim", "Okafor", "Schmidt", "Rossi", "Johnson", "Silva", "Haddad", "Cohen", "Murphy",
  "Tanaka", "Novak", "Dubois", "Khan", "Larsen", "Moreno", "Walsh", "Fischer"];
const TITLES = ["CEO", "COO", "CFO", "VP Operations", "Head of Procurement", "Office Manager", "IT Director", "Purchasing Lead",
  "Practice Manager", "Owner", "Marketing Director", "Controller"];

export function demoContacts(companies: { id: string; domain: string | null }[], ownerIds: string[]): z.input<typeof contactFieldsSchema>[] {
  const rnd = seededRandom(4242);
  const contacts: z.input<typeof contactFieldsSchema>[] = [];
  for (const company of companies) {
    if (rnd.chance(0.2)) continue;
    for (let i = rnd.int(1, 3); i > 0; i--) {
      const firstName = rnd.pick(FIRST);
      const lastName = rnd.pick(LAST);
      const extra = rnd.chance(0.05) ? [rnd.pick(companies).id] : [];
      contacts.push({
        firstName, lastName,
        email: company.domain ? `${firstName}.${lastName}`.toLowerCase().normalize("NFKD").replace(/[^a-z.]/g, "") + `@${company.domain}` : undefined,
        phone: `+1 ${rnd.int(200, 989)} 555 ${String(rnd.int(0, 9999)).padStart(4, "0")}`,
        title: rnd.pick(TITLES),
        type: "client",
        ownerId: rnd.pick(ownerIds),
        companyIds: [...new Set([company.id, ...extra])],
      });
    }
  }
  return contacts;
}
