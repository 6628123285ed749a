import { YUM } from "../helpers/packageManagers.js";
import { RPM_ADD_YES, reportMissingYes } from "../helpers/rpmChecks.js";
import { defineRule } from "../types.js";

export const dl3030 = defineRule({
  code: "DL3030",
  aliases: [],
  severity: "warning",
  title: "Use yum -y",
  docs: {
    what: "Finds yum commands that change packages (`install`, `remove`, `update` ...) without `-y`.",
    why: 'yum asks for confirmation before a transaction. A build has no terminal to answer, so yum takes the missing answer as "no" and the RUN fails. `-y` (`--assumeyes`) answers for it.',
    bad: "RUN yum install httpd-2.4.57 && yum clean all",
    good: "RUN yum install -y httpd-2.4.57 && yum clean all",
  },
  fixes: [RPM_ADD_YES.safe, RPM_ADD_YES.unsafe],
  check: (ctx) => reportMissingYes(ctx, YUM),
});
