// Part of `npm run build` (after `remix build`): compiles server/index.ts, and the app modules it imports, into
// one plain ES module, build/server.js, so that production starts with `node` alone, no TypeScript loader at
// run time. Packages stay imports of node_modules. build/server.js sits one folder down from the project, as
// server/index.ts does, so the paths it resolves from its own folder (the Remix build, public/, migrations)
// are the same.
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");

/** `~/…` is the app (tsconfig paths): compiled in, not left as an import of a package named "~". */
const appAlias = {
  name: "app-alias",
  setup(build) {
    build.onResolve({ filter: /^~\// }, ({ path: specifier, kind }) =>
      build.resolve(`./${specifier.slice(2)}`, { resolveDir: path.join(root, "app"), kind }),
    );
  },
};

await build({
  absWorkingDir: root,
  entryPoints: ["server/index.ts"],
  outfile: "build/server.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  tsconfig: "tsconfig.json",
  sourcemap: "linked",
  logLevel: "warning",
  plugins: [appAlias],
});
