import type { Config } from "tailwindcss";
import colors from "tailwindcss/colors";

// Tremor 3 builds chart colour classes at runtime (`fill-${color}-500`), so Tailwind cannot
// see them in its sources: they are safelisted, as Tremor's Tailwind 3 setup prescribes.
const TREMOR_COLORS = "slate|gray|zinc|neutral|stone|red|orange|amber|yellow|lime|green|emerald|teal|cyan|sky|blue|indigo|violet|purple|fuchsia|pink|rose";
const TREMOR_SHADES = "50|100|200|300|400|500|600|700|800|900|950";
const tremorClasses = (utility: string) => new RegExp(`^(${utility}-(?:${TREMOR_COLORS})-(?:${TREMOR_SHADES}))$`);

const config: Config = {
  content: ["./src/**/*.{ts,tsx}", "./node_modules/@tremor/**/*.{js,ts,jsx,tsx}"],
  // Tremor ships dark: variants; the app has no dark theme, so they must not follow the OS.
  darkMode: "class",
  theme: {
    extend: {
      colors: {
        brand: { 50: "#eef4ff", 100: "#d9e6ff", 500: "#3b6cf6", 600: "#2a55dc", 700: "#2244b3", 900: "#172a66" },
        // Tremor's theme tokens, mapped onto the app's brand and slate greys.
        tremor: {
          brand: { faint: "#eef4ff", muted: "#d9e6ff", subtle: "#7d9ef9", DEFAULT: "#3b6cf6", emphasis: "#2244b3", inverted: colors.white },
          background: { muted: colors.slate[50], subtle: colors.slate[100], DEFAULT: colors.white, emphasis: colors.slate[700] },
          border: { DEFAULT: colors.slate[200] },
          ring: { DEFAULT: colors.slate[200] },
          content: { subtle: colors.slate[400], DEFAULT: colors.slate[500], emphasis: colors.slate[700], strong: colors.slate[900], inverted: colors.white },
        },
      },
      boxShadow: {
        "tremor-input": "0 1px 2px 0 rgb(0 0 0 / 0.05)",
        "tremor-card": "0 1px 3px 0 rgb(0 0 0 / 0.1), 0 1px 2px -1px rgb(0 0 0 / 0.1)",
        "tremor-dropdown": "0 4px 6px -1px rgb(0 0 0 / 0.1), 0 2px 4px -2px rgb(0 0 0 / 0.1)",
      },
      borderRadius: {
        "tremor-small": "0.375rem",
        "tremor-default": "0.5rem",
        "tremor-full": "9999px",
      },
      fontSize: {
        "tremor-label": ["0.75rem", { lineHeight: "1rem" }],
        "tremor-default": ["0.875rem", { lineHeight: "1.25rem" }],
        "tremor-title": ["1.125rem", { lineHeight: "1.75rem" }],
        "tremor-metric": ["1.875rem", { lineHeight: "2.25rem" }],
      },
      fontFamily: {
        sans: ["Inter", "Liberation Sans", "Arial", "ui-sans-serif", "system-ui", "sans-serif"],
      },
    },
  },
  // Tremor's docs also add `ui-selected` variants, which need @headlessui/tailwindcss; only
  // its charts are used here, which never use them, so that plugin is not installed.
  safelist: [
    { pattern: tremorClasses("bg"), variants: ["hover"] },
    { pattern: tremorClasses("text"), variants: ["hover"] },
    { pattern: tremorClasses("border"), variants: ["hover"] },
    { pattern: tremorClasses("ring") },
    { pattern: tremorClasses("stroke") },
    { pattern: tremorClasses("fill") },
  ],
  plugins: [],
};

export default config;
