/** The pipeline every new organization starts with; stages and odds a B2B team would expect. */
export const DEFAULT_PIPELINE = {
  name: "Sales",
  stages: [
    { name: "Lead in", probability: 10, rottingDays: 14 },
    { name: "Qualified", probability: 25, rottingDays: 21 },
    { name: "Proposal sent", probability: 50, rottingDays: 21 },
    { name: "Negotiation", probability: 75, rottingDays: 14 },
    { name: "Won", probability: 100, isWon: true },
    { name: "Lost", probability: 0, isLost: true },
  ],
} as const;
