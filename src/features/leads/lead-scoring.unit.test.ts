import { describe, expect, it } from "vitest";
import { DEFAULT_SCORING_WEIGHTS, type ScoringInputs, computeLeadScore, scoringWeightsSchema } from "./lead-scoring";

const NOW = new Date("2026-06-30T12:00:00Z");
const blank: ScoringInputs = {
  industry: null, employeeCount: null, annualRevenue: null, yearsInBusiness: null, googleRating: null, googleReviewsCount: null,
  interactionCount: 0, inboundCount: 0, lastInteractionAt: null,
};
const strong: ScoringInputs = {
  industry: "Logistics", employeeCount: 5000, annualRevenue: 50_000_000, yearsInBusiness: 25, googleRating: 5, googleReviewsCount: 120,
  interactionCount: 12, inboundCount: 4, lastInteractionAt: new Date("2026-06-29T12:00:00Z"),
};

describe("lead scoring", () => {
  it("scores a lead we know nothing about 0 and one that fits and engages on every factor 100", () => {
    expect(computeLeadScore(blank, DEFAULT_SCORING_WEIGHTS, NOW).score).toBe(0);
    expect(computeLeadScore(strong, DEFAULT_SCORING_WEIGHTS, NOW).score).toBe(100);
  });

  it("explains itself: one line per factor whose points add up to the score, each with a reason", () => {
    const result = computeLeadScore({ ...blank, industry: "Retail", employeeCount: 31, interactionCount: 2, inboundCount: 1, lastInteractionAt: new Date("2026-06-20T12:00:00Z") }, DEFAULT_SCORING_WEIGHTS, NOW);
    expect(result.lines).toHaveLength(8);
    const sum = result.lines.reduce((s, l) => s + l.points, 0);
    expect(Math.abs(sum - result.score)).toBeLessThanOrEqual(1);
    expect(result.fit + result.engagement - result.score).toBeLessThanOrEqual(1);
    expect(result.lines.find((l) => l.factor === "recency")!.reason).toBe("Last contact 10 days ago");
    expect(result.lines.find((l) => l.factor === "replies")!.reason).toBe("1 inbound reply");
    expect(result.lines.find((l) => l.factor === "revenue")!).toMatchObject({ points: 0, reason: "Revenue unknown" });
  });

  it("follows the organization's weights: a factor weighted 0 contributes nothing, and target industries matter", () => {
    const onlyEngagement = { ...DEFAULT_SCORING_WEIGHTS, industry: 0, size: 0, revenue: 0, yearsInBusiness: 0, rating: 0 };
    const engaged = { ...blank, interactionCount: 8, inboundCount: 3, lastInteractionAt: NOW };
    expect(computeLeadScore(engaged, onlyEngagement, NOW).score).toBe(100);
    expect(computeLeadScore({ ...strong, interactionCount: 0, inboundCount: 0, lastInteractionAt: null }, onlyEngagement, NOW).score).toBe(0);

    const targeted = { ...DEFAULT_SCORING_WEIGHTS, targetIndustries: ["Healthcare"] };
    const inTarget = computeLeadScore({ ...blank, industry: "healthcare" }, targeted, NOW);
    const offTarget = computeLeadScore({ ...blank, industry: "Retail" }, targeted, NOW);
    expect(inTarget.score).toBeGreaterThan(offTarget.score);
    expect(offTarget.lines[0]!.reason).toBe("Retail is not a target industry");
  });

  it("fades recency over 90 days", () => {
    const at = (days: number) => computeLeadScore({ ...blank, lastInteractionAt: new Date(NOW.getTime() - days * 86_400_000) }, DEFAULT_SCORING_WEIGHTS, NOW).lines.find((l) => l.factor === "recency")!.points;
    expect(at(3)).toBe(15);
    expect(at(30)).toBeLessThan(at(3));
    expect(at(60)).toBeLessThan(at(30));
    expect(at(120)).toBe(0);
  });

  it("refuses weights that are all zero, negative or not whole numbers, naming the field", () => {
    const zero = scoringWeightsSchema.safeParse({ industry: 0, size: 0, revenue: 0, yearsInBusiness: 0, rating: 0, interactions: 0, recency: 0, replies: 0 });
    expect(zero.success).toBe(false);
    const negative = scoringWeightsSchema.safeParse({ ...DEFAULT_SCORING_WEIGHTS, size: -5 });
    expect(negative.error?.issues[0]).toMatchObject({ path: ["size"], message: "Company size weight cannot be negative" });
    expect(scoringWeightsSchema.safeParse({ ...DEFAULT_SCORING_WEIGHTS, rating: 2.5 }).success).toBe(false);
  });
});
