import { type Formatter, Lines, locate, XML_DECLARATION, xmlEscape } from "./report.js";

/** JUnit XML: a test suite per file, a failed test case per finding. A clean file gets one passing case, so it
 * shows up as passed rather than not at all. */
export const junit: Formatter = (reports, ctx) => {
  const total = reports.reduce((n, r) => n + Math.max(1, r.findings.length), 0) + ctx.problems.length;
  const failures = reports.reduce((n, r) => n + r.findings.length, 0);
  const lines = new Lines(ctx.write);
  lines.push(
    XML_DECLARATION,
    `<testsuites name="dflint" tests="${total}" failures="${failures}" errors="${ctx.problems.length}">`,
  );
  for (const r of reports) {
    const file = xmlEscape(r.file);
    const tests = Math.max(1, r.findings.length);
    lines.push(
      `  <testsuite name="${file}" tests="${tests}" failures="${r.findings.length}" errors="0" skipped="0">`,
    );
    if (r.findings.length === 0)
      lines.push(`    <testcase name="dflint" classname="${file}" file="${file}"/>`);
    for (const f of r.findings) {
      const at = locate(r, f);
      const where = `${r.file}:${at.line}:${at.column}`;
      lines.push(
        `    <testcase name="${xmlEscape(`${f.code} ${where}`)}" classname="${file}" file="${file}" line="${at.line}">`,
        `      <failure type="${f.severity}" message="${xmlEscape(f.message)}">${xmlEscape(`${where} ${f.severity} ${f.code}: ${f.message}`)}</failure>`,
        "    </testcase>",
      );
    }
    lines.push("  </testsuite>");
  }
  for (const p of ctx.problems) {
    const file = xmlEscape(p.file);
    lines.push(
      `  <testsuite name="${file}" tests="1" failures="0" errors="1" skipped="0">`,
      `    <testcase name="dflint" classname="${file}" file="${file}">`,
      `      <error message="${xmlEscape(p.message)}"/>`,
      "    </testcase>",
      "  </testsuite>",
    );
  }
  lines.push("</testsuites>");
  return lines.end();
};
