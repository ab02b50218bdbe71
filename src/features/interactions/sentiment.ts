// Sentiment of what was said, from the AFINN word list (the `sentiment` library): the
// comparative score is the sum of word valences divided by the number of words, so long
// transcripts are not "more positive" just for being long.
import Sentiment from "sentiment";

const analyzer = new Sentiment();

// A comparative score this close to zero reads as neutral.
const NEUTRAL_BAND = 0.05;

export interface SentimentResult {
  label: "positive" | "neutral" | "negative";
  score: number;
}

export function analyzeSentiment(text: string | null | undefined): SentimentResult | null {
  if (!text?.trim()) return null;
  const { comparative } = analyzer.analyze(text);
  const score = Math.round(comparative * 1000) / 1000;
  return { label: score > NEUTRAL_BAND ? "positive" : score < -NEUTRAL_BAND ? "negative" : "neutral", score };
}
