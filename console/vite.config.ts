import { defineConfig } from "vitest/config";
import preact from "@preact/preset-vite";

// The HQ console, embedded in outpost-hq at compile time: everything in dist/, no CDN, no inline
// script (the server's Content-Security-Policy allows only its own files).
export default defineConfig({
  plugins: [preact()],
  clearScreen: false,
  build: { target: "es2021", outDir: "dist", emptyOutDir: true, assetsInlineLimit: 0, modulePreload: { polyfill: false } },
  test: { environment: "happy-dom", include: ["tests/**/*.test.ts?(x)"] },
});
