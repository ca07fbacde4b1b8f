import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/*
 * The page routes under one dynamic segment (/spaces/:spaceId…, /consultations/:consultationId…), read from
 * app/routes when a test runs, so that a walk over them covers a new page without anyone adding it.
 */

const routesDirectory = path.resolve(import.meta.dirname, "../../app/routes");

export type WalkedRoute = { file: string; id: string; segments: string[]; hasAction: boolean };

/** Every route module whose URL starts with /<section>/:<param> (Remix flat-routes file names). */
export function routesUnder(section: string, param: string): WalkedRoute[] {
  const pattern = new RegExp(`^${section}\\.\\$${param}([._].*)?\\.tsx?$`);
  return readdirSync(routesDirectory)
    .filter((file) => pattern.test(file) && !/\.server\.tsx?$/.test(file))
    .map((file) => {
      const name = file.replace(/\.tsx?$/, "");
      const segments = name
        // "export[.]csv" is one segment with a dot in it.
        .split(/\.(?![^[]*\])/)
        .filter((segment) => segment !== "_index" && !segment.startsWith("_"))
        .map((segment) => segment.replace(/_$/, "").replace(/\[\.\]/g, "."));
      const source = readFileSync(path.join(routesDirectory, file), "utf8");
      return {
        file,
        id: `routes/${name}`,
        segments,
        // Declared in the route, or re-exported from its sibling <route>.server.ts.
        hasAction:
          /export\s+(async\s+)?function\s+action\b|export\s+const\s+action\b|export\s*\{[^}]*\baction\b[^}]*\}\s*from/.test(
            source,
          ),
      };
    });
}

/** The route's URL with each dynamic segment taken from `values`. */
export function urlOf(route: WalkedRoute, values: Record<string, string>) {
  return `/${route.segments
    .map((segment) => {
      if (!segment.startsWith("$")) return segment;
      const value = values[segment.slice(1)];
      if (!value) throw new Error(`${route.file}: no id for ${segment}; add one to the walked records`);
      return encodeURIComponent(value);
    })
    .join("/")}`;
}
