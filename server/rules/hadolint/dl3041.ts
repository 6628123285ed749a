import { DNF } from "../helpers/packageManagers.js";
import { reportUnpinned } from "../helpers/rpmChecks.js";
import { defineRule } from "../types.js";

export const dl3041 = defineRule({
  code: "DL3041",
  aliases: [],
  severity: "warning",
  title: "Pin versions in dnf install",
  docs: {
    what: "Finds packages in `dnf install` (and microdnf) given without a version (`name-version`), and modules without a stream (`name:stream`). One finding per RUN names the unpinned packages; each one is a related location.",
    why: "Without a version dnf installs the newest package in the repositories at build time, so rebuilds drift and a new release can break the image unannounced. `httpd-2.4.57` makes the build repeatable.",
    bad: "RUN dnf install -y httpd && dnf clean all",
    good: "RUN dnf install -y httpd-2.4.57 && dnf clean all",
  },
  check: (ctx) => reportUnpinned(ctx, DNF),
});
