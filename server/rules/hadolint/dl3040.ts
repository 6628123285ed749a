import { DNF } from "../helpers/packageManagers.js";
import { DNF_CACHES, reportMissingClean } from "../helpers/rpmChecks.js";
import { defineRule } from "../types.js";

export const dl3040 = defineRule({
  code: "DL3040",
  aliases: [],
  severity: "warning",
  title: "Run dnf clean all after dnf install",
  docs: {
    what: "Finds dnf and microdnf commands that download packages (`install`, `upgrade`, `reinstall` ...) without a later `clean all` of the same program (or removal of the cache directory) in the same RUN.",
    why: "dnf keeps downloaded packages and repository metadata in its cache directory. Unless the same RUN cleans them, they stay in the layer and make the image bigger; a later RUN cannot take them back out.",
    bad: "RUN dnf install -y httpd-2.4.57",
    good: "RUN dnf install -y httpd-2.4.57 && dnf clean all",
  },
  check: (ctx) => reportMissingClean(ctx, DNF, DNF_CACHES),
});
