import type { KNOWN_DIRECTIVES } from "../../../grammar/index.js";

export type DirectiveName = (typeof KNOWN_DIRECTIVES)[number];

export interface DirectiveDoc {
  summary: string;
  form: string;
  /** Values completion offers, each with one line. */
  values: Readonly<Record<string, string>>;
  pitfalls: readonly string[];
}

/** Keyed by the grammar's list of parser directives. */
export const DIRECTIVE_DOCS: { readonly [D in DirectiveName]: DirectiveDoc } = {
  syntax: {
    summary:
      "Chooses the Dockerfile frontend, the image BuildKit uses to read this file. Pinning a version gives you its features and fixes, whatever the builder's built-in version is.",
    form: "# syntax=<frontend image>",
    values: {
      "docker/dockerfile:1": "the latest stable 1.x frontend (recommended)",
      "docker/dockerfile:1-labs": "the latest 1.x frontend with experimental features",
      "docker/dockerfile:1.19": "a fixed minor version",
    },
    pitfalls: [
      "The frontend is pulled from a registry, so the build needs network access to it (or a local copy).",
    ],
  },
  escape: {
    summary:
      "Sets the escape character of this file: `\\` (the default) or a backtick. It escapes characters inside instructions and continues a line at the end of it. A backtick is handy on Windows, where `\\` is the path separator.",
    form: "# escape=<\\ or `>",
    values: { "\\": "the default", "`": "backtick, for Windows paths" },
    pitfalls: [
      "Inside RUN commands the escape character is only used to continue lines; the shell sees everything else as written.",
    ],
  },
  check: {
    summary:
      "Configures Docker's build checks (`docker build --check`): `skip=` lists checks to turn off (or `all`), `error=true` makes a failing check fail the build, `experimental=` turns on experimental checks. Separate settings with `;`.",
    form: "# check=skip=<check>[,<check>...];error=<true|false>;experimental=<check|all>",
    values: {
      "skip=": "checks to turn off, or all",
      "error=true": "fail the build when a check fails",
      "experimental=all": "run the experimental checks too",
    },
    pitfalls: ["dflint honours `skip=` for the rules that implement Docker's checks."],
  },
};

export const DIRECTIVE_PITFALL =
  "Parser directives must come first: after any instruction, comment or blank line the same text is an ordinary comment. Each may appear once.";

export const PRAGMA_DOCS = {
  ignore:
    "Turns off the listed rules for the next instruction (codes or Docker check names, separated by commas). `# hadolint ignore=` is read as well, so files written for hadolint keep working.",
  "global ignore": "Turns off the listed rules for the whole file.",
  "stage ignore": "Turns off the listed rules for the stage whose FROM follows.",
  shell:
    "Tells shell-aware rules which shell the RUN instructions use (e.g. `powershell`), for files whose base image sets it.",
} as const;

/** Signals for STOPSIGNAL with their Linux numbers. */
export const SIGNALS: readonly { name: string; number: number; summary: string }[] = [
  { name: "SIGTERM", number: 15, summary: "polite stop request; the default" },
  { name: "SIGINT", number: 2, summary: "interrupt, as Ctrl-C sends it" },
  { name: "SIGQUIT", number: 3, summary: "quit; nginx and others shut down gracefully on it" },
  { name: "SIGHUP", number: 1, summary: "hang-up; many daemons reload on it" },
  { name: "SIGKILL", number: 9, summary: "kills at once; cannot be caught" },
  { name: "SIGUSR1", number: 10, summary: "user-defined signal 1" },
  { name: "SIGUSR2", number: 12, summary: "user-defined signal 2" },
  { name: "SIGWINCH", number: 28, summary: "window size change; Apache httpd stops gracefully on it" },
  { name: "SIGPWR", number: 30, summary: "power failure; some init systems shut down on it" },
  { name: "SIGRTMIN+3", number: 37, summary: "systemd's halt request, for systemd in a container" },
];
