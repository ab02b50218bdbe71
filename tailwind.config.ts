import type { Config } from "tailwindcss";

const config: Config = {
  content: ["./src/**/*.{ts,tsx}", "./node_modules/@tremor/**/*.{js,ts,jsx,tsx}"],
  theme: {
    extend: {
      colors: {
        brand: { 50: "#eef4ff", 100: "#d9e6ff", 500: "#3b6cf6", 600: "#2a55dc", 700: "#2244b3", 900: "#172a66" },
      },
      fontFamily: {
        sans: ["Inter", "Liberation Sans", "Arial", "ui-sans-serif", "system-ui", "sans-serif"],
      },
    },
  },
  plugins: [],
};

export default config;
