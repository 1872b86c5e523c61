import { defineConfig } from "vitest/config";
import preact from "@preact/preset-vite";

// Everything is bundled into dist/: the app never needs the network to render.
export default defineConfig({
  plugins: [preact()],
  clearScreen: false,
  build: { target: "safari15", outDir: "dist", emptyOutDir: true, assetsInlineLimit: 100000 },
  test: { environment: "happy-dom", include: ["tests/**/*.test.ts?(x)"] },
});
