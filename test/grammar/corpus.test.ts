import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import { treeProblems } from "./treeChecks.js";

const corpus = new URL("../../../shared/corpus/", import.meta.url);
const realDir = new URL("real/", corpus);
const largeDir = new URL("large/", corpus);
const present = existsSync(new URL("MANIFEST.tsv", realDir));

/**
 * The only corpus files whose parse may report errors, each with the reason. Every other file must parse cleanly:
 * the corpus was filtered to files a structural check accepts (see ../shared/corpus/README.md).
 */
const EXPECTED_ERRORS: Record<string, string> = {
  "moby__buildkit/frontend__dockerfile__parser__testfiles-negative__env_no_value__Dockerfile":
    "copy of BuildKit's negative fixture: `ENV PATH` has no value (missing-value)",
};

interface CorpusFile {
  /** Name under corpus/, e.g. `real/docker-library__python/3.10__alpine3.23__Dockerfile`. */
  name: string;
  url: URL;
  repo: string;
  bytes: number;
}

interface Examined {
  problems: string[];
  errors: string[];
}

function listCorpus(): CorpusFile[] {
  const manifest = readFileSync(new URL("MANIFEST.tsv", realDir), "utf8").split("\n");
  const header = manifest[0].split("\t");
  const fileColumn = header.indexOf("file");
  const repoColumn = header.indexOf("repo");
  const bytesColumn = header.indexOf("bytes");
  const files: CorpusFile[] = [];
  for (const line of manifest.slice(1)) {
    if (line.trim() === "") continue;
    const columns = line.split("\t");
    const name = columns[fileColumn];
    files.push({
      name: `real/${name}`,
      url: new URL(name, realDir),
      repo: columns[repoColumn],
      bytes: Number(columns[bytesColumn]),
    });
  }
  for (const name of readdirSync(largeDir).sort()) {
    if (!name.endsWith(".Dockerfile")) continue;
    const url = new URL(name, largeDir);
    files.push({ name: `large/${name}`, url, repo: "large (synthetic)", bytes: readFileSync(url).length });
  }
  return files;
}

const files = present ? listCorpus() : [];
const examined = new Map<string, Examined>();

/** Parses a file once; the per-project cases and the error-list case share the result. */
function examine(file: CorpusFile): Examined {
  let result = examined.get(file.name);
  if (!result) {
    const text = readFileSync(file.url, "utf8");
    try {
      const ast = parse(text);
      result = { problems: treeProblems(ast).slice(0, 5), errors: ast.errors.map((e) => e.code) };
    } catch (e) {
      result = { problems: [`parse threw: ${e instanceof Error ? e.message : String(e)}`], errors: [] };
    }
    examined.set(file.name, result);
  }
  return result;
}

describe.skipIf(!present)("real Dockerfiles (../shared/corpus)", () => {
  const byRepo = new Map<string, CorpusFile[]>();
  for (const f of files) byRepo.set(f.repo, [...(byRepo.get(f.repo) ?? []), f]);

  it("holds the 1,468 manifest files (97 projects) with the recorded sizes, plus the large file", () => {
    const real = files.filter((f) => f.name.startsWith("real/"));
    expect(real.length).toBe(1468);
    expect(new Set(real.map((f) => f.repo)).size).toBe(97);
    const wrongSize = real.filter((f) => !existsSync(f.url) || readFileSync(f.url).length !== f.bytes);
    expect(wrongSize.map((f) => f.name)).toEqual([]);
    expect(files.filter((f) => f.name.startsWith("large/")).map((f) => f.name)).toEqual([
      "large/monorepo-large.Dockerfile",
    ]);
  });

  for (const [repo, group] of [...byRepo].sort(([a], [b]) => a.localeCompare(b))) {
    it(`parses ${repo} (${group.length} files) losslessly, with every span inside the text`, () => {
      const failures = group.flatMap((f) => examine(f).problems.map((p) => `${f.name}: ${p}`));
      expect(failures).toEqual([]);
    });
  }

  it("reports errors only for the files expected to have them", () => {
    const withErrors = files
      .map((f) => ({ name: f.name.replace(/^real\//, ""), codes: examine(f).errors }))
      .filter((f) => f.codes.length > 0);
    const details = withErrors.map((f) => `${f.name}: ${f.codes.join(", ")}`).join("\n");
    expect(withErrors.map((f) => f.name).sort(), details).toEqual(Object.keys(EXPECTED_ERRORS).sort());
  });
});

if (!present) {
  describe("real Dockerfiles", () => {
    it.skip("skipped: ../shared/corpus is absent", () => {});
  });
}
