import { YUM } from "../helpers/packageManagers.js";
import { reportMissingClean, YUM_CACHES } from "../helpers/rpmChecks.js";
import { defineRule } from "../types.js";

export const dl3032 = defineRule({
  code: "DL3032",
  aliases: [],
  severity: "warning",
  title: "Run yum clean all after yum install",
  docs: {
    what: "Finds yum commands that download packages (`install`, `update` ...) without a later `yum clean all` (or removal of /var/cache/yum) in the same RUN.",
    why: "yum keeps downloaded packages and repository metadata in /var/cache/yum. Unless the same RUN cleans them, they stay in the layer and make the image bigger; a later RUN cannot take them back out.",
    bad: "RUN yum install -y httpd-2.4.57",
    good: "RUN yum install -y httpd-2.4.57 && yum clean all",
  },
  check: (ctx) => reportMissingClean(ctx, YUM, YUM_CACHES),
});
