import { YUM } from "../helpers/packageManagers.js";
import { reportUnpinned } from "../helpers/rpmChecks.js";
import { defineRule } from "../types.js";

export const dl3033 = defineRule({
  code: "DL3033",
  aliases: [],
  severity: "warning",
  title: "Pin versions in yum install",
  docs: {
    what: "Finds packages in `yum install` given without a version (`name-version`), and modules without a stream (`name:stream`). One finding per RUN names the unpinned packages; each one is a related location.",
    why: "Without a version yum installs the newest package in the repositories at build time, so rebuilds drift and a new release can break the image unannounced. `httpd-2.4.57` makes the build repeatable.",
    bad: "RUN yum install -y httpd && yum clean all",
    good: "RUN yum install -y httpd-2.4.57 && yum clean all",
  },
  check: (ctx) => reportUnpinned(ctx, YUM),
});
