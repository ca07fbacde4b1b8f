/** @type {import('@remix-run/dev').AppConfig} */
export default {
  // A route's loader and action live in its sibling `<route>.server.ts`, which is not a route itself.
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}", "**/*.server.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverDependenciesToBundle: [/^@conform-to\//],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
  },
};
