export {
  applyEdits,
  type ChosenFix,
  compatibleFixes,
  type FixOptions,
  type FixResult,
  fixability,
  fixFor,
  fixText,
} from "./fix.js";
export { codesFor, type LintOptions, type LintResult, lint, lintModel } from "./linter.js";
