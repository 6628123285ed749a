import {
  type Formatter,
  fileByFile,
  locate,
  type PartedFormat,
  XML_DECLARATION,
  xmlEscape,
} from "./report.js";

/** JUnit XML: a test suite per file, a failed test case per finding. A clean file gets one passing case, so it
 * shows up as passed rather than not at all. */
const byFile = fileByFile({
  // Test cases (a clean file counts one) and failures, over the files.
  counts: (r) => [Math.max(1, r.findings.length), r.findings.length],
  head: (ctx, [cases = 0, failures = 0]) =>
    `${XML_DECLARATION}\n<testsuites name="dflint" tests="${cases + ctx.problems.length}" failures="${failures}" errors="${ctx.problems.length}">\n`,
  file(out, r) {
    const file = xmlEscape(r.file);
    const tests = Math.max(1, r.findings.length);
    out.add(
      `  <testsuite name="${file}" tests="${tests}" failures="${r.findings.length}" errors="0" skipped="0">\n`,
    );
    if (r.findings.length === 0)
      out.add(`    <testcase name="dflint" classname="${file}" file="${file}"/>\n`);
    for (const f of r.findings) {
      const at = locate(r, f);
      const where = `${r.file}:${at.line}:${at.column}`;
      out.add(
        `    <testcase name="${xmlEscape(`${f.code} ${where}`)}" classname="${file}" file="${file}" line="${at.line}">\n` +
          `      <failure type="${f.severity}" message="${xmlEscape(f.message)}">${xmlEscape(`${where} ${f.severity} ${f.code}: ${f.message}`)}</failure>\n` +
          "    </testcase>\n",
      );
    }
    out.add("  </testsuite>\n");
  },
  tail: (ctx) =>
    `${ctx.problems
      .map((p) => {
        const file = xmlEscape(p.file);
        return (
          `  <testsuite name="${file}" tests="1" failures="0" errors="1" skipped="0">\n` +
          `    <testcase name="dflint" classname="${file}" file="${file}">\n` +
          `      <error message="${xmlEscape(p.message)}"/>\n` +
          "    </testcase>\n  </testsuite>\n"
        );
      })
      .join("")}</testsuites>\n`,
});

export const junit: Formatter = byFile.format;
export const junitParts: PartedFormat = byFile.parts;
