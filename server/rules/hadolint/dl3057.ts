import { stagesLacking } from "../helpers/stages.js";
import { defineRule } from "../types.js";

export const dl3057 = defineRule({
  code: "DL3057",
  aliases: [],
  // hadolint ships this rule switched off; a severity override (`--style DL3057`) turns it on.
  severity: "style",
  defaultOff: true,
  title: "HEALTHCHECK missing",
  docs: {
    what: "Finds images without a HEALTHCHECK: stages that neither set one nor inherit one from a stage they are built on, and that pass none on to a stage built on them. Stages that other stages only copy files from are skipped. `HEALTHCHECK NONE` counts as a deliberate choice.",
    why: "Without a health check Docker and orchestrators only know whether the main process is alive, not whether it still answers. A hung server then keeps receiving traffic instead of being restarted.",
    bad: "FROM nginx:1.25\nCOPY site /usr/share/nginx/html",
    good: "FROM nginx:1.25\nCOPY site /usr/share/nginx/html\nHEALTHCHECK CMD curl -fs http://localhost/ || exit 1",
  },
  check(ctx) {
    const lacking = stagesLacking(ctx.model, (s) => s.instructions.some((i) => i.keyword === "HEALTHCHECK"));
    for (const stage of lacking) {
      const where = stage.name ? `stage '${stage.name}'` : "this stage";
      ctx.report({
        span: stage.from.span,
        message: `${where} has no HEALTHCHECK and inherits none; add one, or HEALTHCHECK NONE to say it is not wanted`,
      });
    }
  },
});
