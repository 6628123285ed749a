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
export { MAX_INSTRUCTIONS, tooManyInstructions } from "./limits.js";
export {
  codesFor,
  type FindingSource,
  type LintOptions,
  type LintResult,
  lint,
  lintModel,
  modelOf,
  type SourceFindings,
} from "./linter.js";
