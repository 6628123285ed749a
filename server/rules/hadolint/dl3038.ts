import { DNF } from "../helpers/packageManagers.js";
import { RPM_ADD_YES, reportMissingYes } from "../helpers/rpmChecks.js";
import { defineRule } from "../types.js";

export const dl3038 = defineRule({
  code: "DL3038",
  aliases: [],
  severity: "warning",
  title: "Use dnf -y",
  docs: {
    what: "Finds dnf and microdnf commands that change packages (`install`, `remove`, `upgrade` ...) without `-y`.",
    why: 'dnf asks for confirmation before a transaction. A build has no terminal to answer, so dnf takes the missing answer as "no" and the RUN fails. `-y` (`--assumeyes`) answers for it.',
    bad: "RUN dnf install httpd-2.4.57 && dnf clean all",
    good: "RUN dnf install -y httpd-2.4.57 && dnf clean all",
  },
  fixes: [RPM_ADD_YES.safe, RPM_ADD_YES.unsafe],
  check: (ctx) => reportMissingYes(ctx, DNF),
});
