/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${workspaceFolder}" is VS Code's variable syntax under test */
import { describe, expect, it } from "vitest";
import { lintOptionsOf, settingsLayer } from "../../server/lsp/config.js";

describe("dflint.context, dflint.buildArgs and dflint.target settings", () => {
  it("resolve the context against the workspace folder, also through ${workspaceFolder}", () => {
    expect(settingsLayer({ context: "." }, "/ws").context).toBe("/ws");
    expect(settingsLayer({ context: "${workspaceFolder}/app" }, "/ws").context).toBe("/ws/app");
    expect(settingsLayer({ context: "/abs/ctx" }).context).toBe("/abs/ctx");
    // Relative, and no workspace folder to be relative to: skipped rather than guessed.
    expect(settingsLayer({ context: "app" }).context).toBeUndefined();
    expect(settingsLayer({ context: "${workspaceFolder}" }).context).toBeUndefined();
  });
  it("read build args and the target leniently", () => {
    const layer = settingsLayer({ buildArgs: { A: "1", B: 2, C: { no: 1 } }, target: " release " });
    expect(layer.buildArgs).toEqual({ A: "1", B: "2" });
    expect(layer.target).toBe("release");
  });
  it("give a document an explicit context from the setting, else its own folder as a guess", () => {
    const set = lintOptionsOf([settingsLayer({ context: ".", target: "t" }, "/ws")], "/ws/docker/Dockerfile");
    expect(set.context).toEqual({ root: "/ws", origin: "explicit", dockerfile: "/ws/docker/Dockerfile" });
    expect(set.settings?.target).toBe("t");
    expect(lintOptionsOf([settingsLayer({})], "/ws/docker/Dockerfile").context).toEqual({
      root: "/ws/docker",
      origin: "default",
      dockerfile: "/ws/docker/Dockerfile",
    });
    expect(lintOptionsOf([settingsLayer({})]).context).toBeUndefined();
  });
});
