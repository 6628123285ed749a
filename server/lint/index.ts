export { applyEdits, compatibleFixes, type FixResult, fixText } from "./fix.js";
export { codesFor, type LintOptions, type LintResult, lint, lintModel } from "./linter.js";
