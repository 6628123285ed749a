import { describe, expect, it } from "vitest";
import { cleanPath, IgnoreMatcher, parseIgnoreFile } from "../../server/model/dockerignore.js";

const matcher = (...lines: string[]) => new IgnoreMatcher(parseIgnoreFile(lines.join("\n")));
const patterns = (text: string) =>
  parseIgnoreFile(text).patterns.map((p) => (p.exception ? `!${p.text}` : p.text));

describe("parseIgnoreFile", () => {
  it("trims lines, skips comments and blank lines, cleans patterns and drops a leading slash", () => {
    const text = "test1\n/test2\n/a/file/here\n\nlastfile\n# a comment\n! /inverted/abs/path\n";
    expect(patterns(text)).toEqual(["test1", "test2", "a/file/here", "lastfile", "!inverted/abs/path"]);
  });
  it("keeps a # that follows spaces (only a # in the first column starts a comment)", () => {
    expect(patterns("  #not-a-comment\n#comment\n")).toEqual(["#not-a-comment"]);
  });
  it("drops a byte order mark, reads CRLF lines, and cleans ./ prefixes, trailing slashes and ..", () => {
    expect(patterns("\uFEFF./build/\r\nsrc//x/../y\r\n.\n")).toEqual(["build", "src/y", "."]);
  });
  it("gives each pattern its line", () => {
    expect(parseIgnoreFile("\n# x\nfoo\n!bar\n").patterns).toEqual([
      { text: "foo", exception: false, line: 3 },
      { text: "bar", exception: true, line: 4 },
    ]);
  });
  it("marks a file with a lone ! or a malformed pattern invalid (Docker fails the build)", () => {
    expect(parseIgnoreFile("ok\n!\n").invalid).toEqual({ line: 2, message: "a line holds only '!'" });
    for (const bad of ["[", "[^", "[^bc", "a[", "[]a]", "[-]", "[x-]", "[-x]", "[a-b-c]", "\\"])
      expect(parseIgnoreFile(bad).invalid, bad).toBeDefined();
    for (const good of ["[\\]a]", "[\\-]", "[x\\-]", "[\\-x]", "ab[^e-g]", "a\\*b", "[a-ζ]*"])
      expect(parseIgnoreFile(good).invalid, good).toBeUndefined();
  });
});

describe("cleanPath (Go's path.Clean)", () => {
  it.each([
    ["", "."],
    ["./", "."],
    ["a/./b/", "a/b"],
    ["a//b", "a/b"],
    ["a/../..", ".."],
    ["/../x", "/x"],
    ["./Dockerfile", "Dockerfile"],
    ["/", "/"],
  ])("%j is %j", (input, output) => expect(cleanPath(input)).toBe(output));
});

/** patternmatcher's own cases for MatchesOrParentMatches (pattern, path, excluded), as facts. */
const SINGLE: [string, string, boolean][] = [
  ["**", "file", true],
  ["**", "file/", true],
  ["**/", "file", true],
  ["**/", "file/", true],
  ["**", "/", true],
  ["**/", "/", true],
  ["**", "dir/file", true],
  ["**/", "dir/file", true],
  ["**", "dir/file/", true],
  ["**/", "dir/file/", true],
  ["**/**", "dir/file", true],
  ["**/**", "dir/file/", true],
  ["dir/**", "dir/file", true],
  ["dir/**", "dir/file/", true],
  ["dir/**", "dir/dir2/file", true],
  ["dir/**", "dir/dir2/file/", true],
  ["**/dir", "dir", true],
  ["**/dir", "dir/file", true],
  ["**/dir2/*", "dir/dir2/file", true],
  ["**/dir2/*", "dir/dir2/file/", true],
  ["**/dir2/**", "dir/dir2/dir3/file", true],
  ["**/dir2/**", "dir/dir2/dir3/file/", true],
  ["**file", "file", true],
  ["**file", "dir/file", true],
  ["**/file", "dir/file", true],
  ["**file", "dir/dir/file", true],
  ["**/file", "dir/dir/file", true],
  ["**/file*", "dir/dir/file", true],
  ["**/file*", "dir/dir/file.txt", true],
  ["**/file*txt", "dir/dir/file.txt", true],
  ["**/file*.txt", "dir/dir/file.txt", true],
  ["**/file*.txt*", "dir/dir/file.txt", true],
  ["**/**/*.txt", "dir/dir/file.txt", true],
  ["**/**/*.txt2", "dir/dir/file.txt", false],
  ["**/*.txt", "file.txt", true],
  ["**/**/*.txt", "file.txt", true],
  ["a**/*.txt", "a/file.txt", true],
  ["a**/*.txt", "a/dir/file.txt", true],
  ["a**/*.txt", "a/dir/dir/file.txt", true],
  ["a/*.txt", "a/dir/file.txt", false],
  ["a/*.txt", "a/file.txt", true],
  ["a/*.txt**", "a/file.txt", true],
  ["a[b-d]e", "ae", false],
  ["a[b-d]e", "ace", true],
  ["a[b-d]e", "aae", false],
  ["a[^b-d]e", "aze", true],
  [".*", ".foo", true],
  [".*", "foo", false],
  ["abc.def", "abcdef", false],
  ["abc.def", "abc.def", true],
  ["abc.def", "abcZdef", false],
  ["abc?def", "abcZdef", true],
  ["abc?def", "abcdef", false],
  ["a\\\\", "a\\", true],
  ["**/foo/bar", "foo/bar", true],
  ["**/foo/bar", "dir/foo/bar", true],
  ["**/foo/bar", "dir/dir2/foo/bar", true],
  ["abc/**", "abc", false],
  ["abc/**", "abc/def", true],
  ["abc/**", "abc/def/ghi", true],
  ["**/.foo", ".foo", true],
  ["**/.foo", "bar.foo", false],
  ["a(b)c/def", "a(b)c/def", true],
  ["a(b)c/def", "a(b)c/xyz", false],
  ["a.|)$(}+{bc", "a.|)$(}+{bc", true],
  ["dist/*.whl", "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", true],
  ["a\\*b", "a*b", true],
  // From Go's filepath.Match cases, which patternmatcher replays.
  ["abc", "abc", true],
  ["*", "abc", true],
  ["*c", "abc", true],
  ["a*", "a", true],
  ["a*", "abc", true],
  ["a*", "ab/c", true],
  ["a*/b", "abc/b", true],
  ["a*/b", "a/c/b", false],
  ["a*b*c*d*e*/f", "axbxcxdxe/f", true],
  ["a*b*c*d*e*/f", "axbxcxdxexxx/f", true],
  ["a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false],
  ["a*b*c*d*e*/f", "axbxcxdxexxx/fff", false],
  ["a*b?c*x", "abxbbxdbxebxczzx", true],
  ["a*b?c*x", "abxbbxdbxebxczzy", false],
  ["ab[c]", "abc", true],
  ["ab[b-d]", "abc", true],
  ["ab[e-g]", "abc", false],
  ["ab[^c]", "abc", false],
  ["ab[^b-d]", "abc", false],
  ["ab[^e-g]", "abc", true],
  ["a\\*b", "ab", false],
  ["a?b", "a☺b", true],
  ["a[^a]b", "a☺b", true],
  ["a???b", "a☺b", false],
  ["a[^a][^a][^a]b", "a☺b", false],
  ["[a-ζ]*", "α", true],
  ["*[a-ζ]", "A", false],
  ["a?b", "a/b", false],
  ["a*b", "a/b", false],
  ["[\\]a]", "]", true],
  ["[\\-]", "-", true],
  ["[x\\-]", "x", true],
  ["[x\\-]", "-", true],
  ["[x\\-]", "z", false],
  ["[\\-x]", "x", true],
  ["[\\-x]", "-", true],
  ["[\\-x]", "a", false],
  ["*x", "xxx", true],
];

describe("IgnoreMatcher.excludes (Docker's MatchesOrParentMatches)", () => {
  it.each(SINGLE)("%j excludes %j: %j", (pattern, path, excluded) => {
    expect(matcher(pattern).excludes(path)).toBe(excluded);
  });

  it.each([
    [["**", "!util/docker/web"], "util/docker/web/foo", false],
    [["**", "!util/docker/web", "util/docker/web/foo"], "util/docker/web/foo", true],
    [["**", "!dist/*.whl"], "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", false],
    [["!fileutils.go", "*.go"], "fileutils.go", true],
    [["*.go", "!fileutils.go"], "fileutils.go", false],
    [["docs", "!docs/README.md"], "docs/README.md", false],
    [["docs/", "!docs/README.md"], "docs/README.md", false],
    [["docs/*", "!docs/README.md"], "docs/README.md", false],
  ] as [string[], string, boolean][])("%j excludes %j: %j", (lines, path, excluded) => {
    expect(matcher(...lines).excludes(path)).toBe(excluded);
  });

  it("anchors a pattern without a slash at the context root, unlike .gitignore", () => {
    const m = matcher("node_modules", "*.log");
    expect(m.excludes("node_modules/x/y.js")).toBe(true);
    expect(m.excludes("web/node_modules")).toBe(false);
    expect(m.excludes("a.log")).toBe(true);
    expect(m.excludes("logs/a.log")).toBe(false);
  });

  it("knows whether the file has exceptions, and names the pattern that excludes a path", () => {
    expect(matcher("a", "!b").hasExceptions).toBe(true);
    expect(matcher("a").hasExceptions).toBe(false);
    expect(matcher("x", "tmp/**").patternFor("tmp/a/b")?.line).toBe(2);
  });
});
