import { closestName } from "./suggest.js";

/**
 * "Did you mean" lookups for one check over one file, with a cap on the names compared in total, so a file with
 * thousands of undefined names and thousands of defined ones stays linear. Once the cap is spent, no more
 * suggestions. Names compare case-sensitively and within two edits, as BuildKit's suggestions do on Linux.
 */
export class SuggestionBudget {
  constructor(private left = 200_000) {}

  closest(name: string, options: readonly string[]): string | undefined {
    if (this.left < options.length) return undefined;
    this.left -= options.length;
    return closestName(name, options, { caseSensitive: true });
  }
}
