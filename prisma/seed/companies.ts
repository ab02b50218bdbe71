// Demo companies: believable names, places and sizes, spread over lifecycles and owners.
import type { z } from "zod";
import type { companyFieldsSchema } from "../../src/features/companies/companies.schema";
import { seededRandom } from "./random";

const PREFIXES = ["Blue", "North", "Summit", "Bright", "Iron", "Silver", "Cedar", "Harbor", "Pioneer", "Atlas", "Evergreen", "Granite",
  "Beacon", "Crescent", "Keystone", "Riverside", "Sterling", "Vertex", "Lakeside", "Redwood", "Apex", "Meridian", "Oakridge", "Coastal"];
const NOUNS = ["Logistics", "Dental", "Roofing", "Analytics", "Foods", "Health", "Labs", "Builders", "Energy", "Software", "Freight",
  "Clinics", "Media", "Robotics", "Outfitters", "Pharma", "Insurance", "Realty", "Bakery", "Systems", "Networks", "Motors"];
const SUFFIXES = ["Inc", "LLC", "Group", "Co", "Partners", "Holdings", "Ltd"];
const INDUSTRIES: Record<string, string> = {
  Logistics: "Transportation", Freight: "Transportation", Dental: "Healthcare", Health: "Healthcare", Clinics: "Healthcare",
  Pharma: "Pharmaceuticals", Roofing: "Construction", Builders: "Construction", Analytics: "Software", Software: "Software",
  Systems: "Software", Networks: "Telecommunications", Labs: "Biotech", Foods: "Food & Beverage", Bakery: "Food & Beverage",
  Energy: "Energy", Media: "Media", Robotics: "Manufacturing", Motors: "Automotive", Outfitters: "Retail",
  Insurance: "Financial Services", Realty: "Real Estate",
};
const PLACES = [["Austin", "TX"], ["Denver", "CO"], ["Portland", "OR"], ["Chicago", "IL"], ["Boston", "MA"], ["Atlanta", "GA"],
  ["Phoenix", "AZ"], ["Seattle", "WA"], ["Nashville", "TN"], ["Columbus", "OH"], ["Raleigh", "NC"], ["Madison", "WI"]] as const;

export function demoCompanies(count: number, ownerIds: string[]): z.input<typeof companyFieldsSchema>[] {
  const rnd = seededRandom(20261123);
  const seen = new Set<string>();
  const companies: z.input<typeof companyFieldsSchema>[] = [];
  while (companies.length < count) {
    const noun = rnd.pick(NOUNS);
    const name = `${rnd.pick(PREFIXES)} ${noun} ${rnd.pick(SUFFIXES)}`;
    if (seen.has(name)) continue;
    seen.add(name);
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "");
    const [city, state] = rnd.pick(PLACES);
    const employees = rnd.int(3, 2500);
    const lifecycle = rnd.chance(0.55) ? "prospect" : rnd.chance(0.8) ? "customer" : "churned";
    const start = `${rnd.int(2022, 2026)}-${String(rnd.int(1, 12)).padStart(2, "0")}-01`;
    companies.push({
      name,
      industry: INDUSTRIES[noun],
      lifecycle,
      tier: employees > 1000 ? "platinum" : employees > 400 ? "gold" : employees > 100 ? "silver" : "standard",
      website: `${slug}.example.com`,
      email: `hello@${slug}.example.com`,
      phone: `+1 ${rnd.int(200, 989)} 555 ${String(rnd.int(0, 9999)).padStart(4, "0")}`,
      city, state, country: "United States",
      employeeCount: String(employees),
      yearsInBusiness: String(rnd.int(1, 60)),
      annualRevenue: String(employees * rnd.int(60_000, 180_000)),
      ownerId: rnd.pick(ownerIds),
      contractStartDate: lifecycle === "prospect" ? undefined : start,
      contractEndDate: lifecycle === "prospect" ? undefined : `${Number(start.slice(0, 4)) + rnd.int(1, 3)}${start.slice(4)}`,
      onboardedDate: lifecycle === "prospect" ? undefined : start,
      isActive: lifecycle !== "churned",
    });
  }
  return companies;
}
