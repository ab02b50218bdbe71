// Lead scoring that explains itself: each factor turns one fact about the lead into a
// fraction (0..1) with a sentence saying why; the organization's weights say how many of the
// 100 points each factor is worth. The breakdown is stored beside the score and shown as is.
import { z } from "zod";

export const SCORING_FACTORS = [
  { key: "industry", group: "fit", label: "Industry" },
  { key: "size", group: "fit", label: "Company size" },
  { key: "revenue", group: "fit", label: "Annual revenue" },
  { key: "yearsInBusiness", group: "fit", label: "Years in business" },
  { key: "rating", group: "fit", label: "Rating" },
  { key: "interactions", group: "engagement", label: "Interactions" },
  { key: "recency", group: "engagement", label: "Recent contact" },
  { key: "replies", group: "engagement", label: "Replies" },
] as const;
export type ScoringFactor = (typeof SCORING_FACTORS)[number]["key"];

const weight = (label: string) => z.coerce.number({ message: `${label} weight must be a number` }).int(`${label} weight must be a whole number`).min(0, `${label} weight cannot be negative`).max(100, `${label} weight is at most 100`);

export const scoringWeightsSchema = z.object({
  industry: weight("Industry"),
  size: weight("Company size"),
  revenue: weight("Annual revenue"),
  yearsInBusiness: weight("Years in business"),
  rating: weight("Rating"),
  interactions: weight("Interactions"),
  recency: weight("Recent contact"),
  replies: weight("Replies"),
  /** Industries that fit best; empty means any known industry fits. */
  targetIndustries: z.array(z.string().trim().min(1).max(100)).max(50, "List at most 50 target industries").default([]),
}).refine((w) => SCORING_FACTORS.some((f) => w[f.key] > 0), { message: "Give at least one factor a weight above 0", path: ["industry"] });
export type ScoringWeights = z.output<typeof scoringWeightsSchema>;

export const DEFAULT_SCORING_WEIGHTS: ScoringWeights = {
  industry: 15, size: 10, revenue: 15, yearsInBusiness: 5, rating: 5,
  interactions: 20, recency: 15, replies: 15,
  targetIndustries: [],
};

export interface ScoringInputs {
  industry: string | null;
  employeeCount: number | null;
  annualRevenue: number | null;
  yearsInBusiness: number | null;
  googleRating: number | null;
  googleReviewsCount: number | null;
  interactionCount: number;
  inboundCount: number;
  lastInteractionAt: Date | null;
}

export interface ScoreLine {
  factor: ScoringFactor;
  group: "fit" | "engagement";
  label: string;
  points: number;
  maxPoints: number;
  reason: string;
}

export interface ScoreBreakdown {
  score: number;
  fit: number;
  engagement: number;
  lines: ScoreLine[];
}

const clamp01 = (n: number) => Math.min(1, Math.max(0, n));
const DAY_MS = 86_400_000;

function fraction(factor: ScoringFactor, x: ScoringInputs, w: ScoringWeights, now: Date): { f: number; reason: string } {
  switch (factor) {
    case "industry": {
      if (!x.industry) return { f: 0, reason: "Industry unknown" };
      if (!w.targetIndustries.length) return { f: 1, reason: `Industry known (${x.industry})` };
      const hit = w.targetIndustries.some((t) => t.toLowerCase() === x.industry!.toLowerCase());
      return hit ? { f: 1, reason: `${x.industry} is a target industry` } : { f: 0.25, reason: `${x.industry} is not a target industry` };
    }
    case "size":
      // Log scale: 1 person scores nothing, 1,000 or more scores in full.
      return x.employeeCount == null ? { f: 0, reason: "Headcount unknown" } : { f: clamp01(Math.log10(Math.max(1, x.employeeCount)) / 3), reason: `${x.employeeCount.toLocaleString("en-US")} employees` };
    case "revenue":
      // Log scale from $100k (nothing) to $10M (full).
      return x.annualRevenue == null ? { f: 0, reason: "Revenue unknown" } : { f: clamp01((Math.log10(Math.max(1, x.annualRevenue)) - 5) / 2), reason: `$${Math.round(x.annualRevenue).toLocaleString("en-US")} a year` };
    case "yearsInBusiness":
      return x.yearsInBusiness == null ? { f: 0, reason: "Age unknown" } : { f: clamp01(x.yearsInBusiness / 10), reason: `${x.yearsInBusiness} years in business` };
    case "rating":
      if (x.googleRating == null || !x.googleReviewsCount) return { f: 0, reason: "No reviews" };
      return { f: clamp01(x.googleRating / 5), reason: `Rated ${x.googleRating.toFixed(1)} from ${x.googleReviewsCount} reviews` };
    case "interactions":
      return { f: clamp01(x.interactionCount / 8), reason: x.interactionCount ? `${x.interactionCount} logged ${x.interactionCount === 1 ? "interaction" : "interactions"}` : "No interactions yet" };
    case "recency": {
      if (!x.lastInteractionAt) return { f: 0, reason: "Never contacted" };
      const days = Math.max(0, Math.floor((now.getTime() - x.lastInteractionAt.getTime()) / DAY_MS));
      // Full marks within a week, fading to nothing at 90 days.
      return { f: days <= 7 ? 1 : clamp01(1 - (days - 7) / 83), reason: days === 0 ? "Contacted today" : `Last contact ${days} ${days === 1 ? "day" : "days"} ago` };
    }
    case "replies":
      return { f: clamp01(x.inboundCount / 3), reason: x.inboundCount ? `${x.inboundCount} inbound ${x.inboundCount === 1 ? "reply" : "replies"}` : "No replies yet" };
  }
}

export function computeLeadScore(inputs: ScoringInputs, weights: ScoringWeights, now = new Date()): ScoreBreakdown {
  const total = SCORING_FACTORS.reduce((sum, f) => sum + weights[f.key], 0) || 1;
  const lines = SCORING_FACTORS.map((f): ScoreLine => {
    const maxPoints = (weights[f.key] / total) * 100;
    const { f: share, reason } = fraction(f.key, inputs, weights, now);
    return { factor: f.key, group: f.group, label: f.label, points: Math.round(share * maxPoints * 10) / 10, maxPoints: Math.round(maxPoints * 10) / 10, reason };
  });
  const sum = (group: string) => lines.filter((l) => l.group === group).reduce((s, l) => s + l.points, 0);
  const fit = sum("fit");
  const engagement = sum("engagement");
  return { score: Math.min(100, Math.max(0, Math.round(fit + engagement))), fit: Math.round(fit), engagement: Math.round(engagement), lines };
}
