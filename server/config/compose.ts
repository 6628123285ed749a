// What a Compose file says about how one service's image is built: its context, Dockerfile, build arguments and
// target, so that the linter sees the build Compose runs.
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { parse } from "yaml";
import { ConfigError, type ConfigLayer, errorReason } from "./config.js";

export interface ComposeBuild {
  service: string;
  /** The build context, absolute. */
  context: string;
  /** The Dockerfile, absolute. */
  dockerfile: string;
  args: Record<string, string>;
  target?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Reads `KEY=VALUE` lines of a `.env` file beside the Compose file (Compose uses it for `${VAR}`). */
function dotEnv(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return out;
  }
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2].trim();
    const quoted = /^(["'])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2];
    else value = value.replace(/\s+#.*$/, "");
    out[m[1]] = value;
  }
  return out;
}

/** Compose's `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `$VAR` and `$$`; other forms are left as written. */
export function interpolate(text: string, lookup: (name: string) => string | undefined): string {
  return text.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (all, braced?: string, op?: string, fallback?: string, bare?: string) => {
      if (all === "$$") return "$";
      const name = braced ?? bare ?? "";
      const value = lookup(name);
      if (op === ":-") return value === undefined || value === "" ? (fallback ?? "") : value;
      if (op === "-") return value === undefined ? (fallback ?? "") : value;
      return value ?? "";
    },
  );
}

/**
 * The build of `service` in the Compose file at `file` (absolute). Without a service name, the only service that
 * has a `build`. Throws ConfigError naming the file.
 */
export function readComposeBuild(
  file: string,
  service: string | undefined,
  env: Env,
  shownAs = file,
): ComposeBuild {
  const fail = (reason: string): never => {
    throw new ConfigError(`${shownAs}: ${reason}`, reason);
  };
  let data: unknown;
  try {
    data = parse(readFileSync(file, "utf8"), { maxAliasCount: 100 });
  } catch (e) {
    return fail(
      e instanceof Error && "code" in e
        ? `cannot read the Compose file (${errorReason(e)})`
        : `invalid YAML: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`,
    );
  }
  const services = isRecord(data) && isRecord(data.services) ? data.services : undefined;
  if (!services) return fail("no 'services' in the Compose file");
  const building = Object.keys(services).filter((name) => {
    const s = services[name];
    return isRecord(s) && s.build !== undefined && s.build !== null;
  });
  let name = service;
  if (name === undefined) {
    if (building.length !== 1)
      return fail(
        `name the service with --service (${building.length === 0 ? "no service has a 'build'" : `services with a build: ${building.join(", ")}`})`,
      );
    name = building[0];
  }
  const svc = services[name];
  if (!isRecord(svc))
    return fail(
      `no service '${name}'${building.length ? ` (services with a build: ${building.join(", ")})` : ""}`,
    );
  const build = svc.build;
  if (build === undefined || build === null) return fail(`service '${name}' has no 'build'`);
  const fileEnv = dotEnv(join(dirname(file), ".env"));
  const lookup = (n: string) => env[n] ?? fileEnv[n];
  const str = (v: unknown, what: string): string => {
    if (typeof v === "string") return interpolate(v, lookup);
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    return fail(`service '${name}': ${what} must be a string`);
  };
  const base = dirname(file);
  let context = base;
  let dockerfile = "Dockerfile";
  const args: Record<string, string> = {};
  let target: string | undefined;
  if (typeof build === "string") {
    context = resolve(base, interpolate(build, lookup));
  } else if (isRecord(build)) {
    if (build.context !== undefined) {
      const c = str(build.context, "build.context");
      // A remote context (a git URL) has no files here to check.
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(c) || c.startsWith("git@"))
        return fail(`service '${name}': build.context '${c}' is not a local folder`);
      context = resolve(base, c);
    }
    if (build.dockerfile !== undefined) dockerfile = str(build.dockerfile, "build.dockerfile");
    if (build.target !== undefined) target = str(build.target, "build.target");
    const raw = build.args;
    if (Array.isArray(raw)) {
      for (const item of raw) {
        const entry = str(item, "each of build.args");
        const eq = entry.indexOf("=");
        // `NAME` alone takes the value from the environment, and is left out when it is unset.
        if (eq < 0) {
          const v = lookup(entry);
          if (v !== undefined) args[entry] = v;
        } else args[entry.slice(0, eq)] = entry.slice(eq + 1);
      }
    } else if (isRecord(raw)) {
      for (const [k, v] of Object.entries(raw)) {
        if (v === null || v === undefined) {
          const fromEnv = lookup(k);
          if (fromEnv !== undefined) args[k] = fromEnv;
        } else args[k] = str(v, `build.args.${k}`);
      }
    } else if (raw !== undefined && raw !== null)
      return fail(`service '${name}': build.args must be a mapping or a list`);
  } else return fail(`service '${name}': build must be a folder or a mapping`);
  return {
    service: name,
    context,
    dockerfile: isAbsolute(dockerfile) ? dockerfile : join(context, dockerfile),
    args,
    ...(target !== undefined ? { target } : {}),
  };
}

/** The Compose service's build as a config layer (context, args, target), and its Dockerfile. */
export function composeLayer(
  file: string,
  service: string | undefined,
  env: Env,
  shownAs = file,
): { layer: ConfigLayer; dockerfile: string } {
  const build = readComposeBuild(file, service, env, shownAs);
  return {
    layer: {
      source: `${shownAs} (service ${build.service})`,
      rules: [],
      trustedRegistries: [],
      labelSchema: {},
      context: build.context,
      buildArgs: build.args,
      ...(build.target !== undefined ? { target: build.target } : {}),
    },
    dockerfile: build.dockerfile,
  };
}
