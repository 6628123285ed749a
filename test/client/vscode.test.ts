// The VS Code extension, packaged and then used in a real VS Code: code-server (VS Code served to a browser)
// driven through headless Chromium. Screenshots of each step go to artifacts/vscode/ (git-ignored).
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INSTRUCTION_DOCS } from "../../server/features/docs/instructions.js";

const root = new URL("../../", import.meta.url).pathname;
const vsix = join(root, "dist", "dflint.vsix");
const screenshots = join(root, "artifacts", "vscode");
// install-code-server.sh's default destination; DFLINT_CODE_SERVER names another entry.js.
const codeServer =
  process.env.DFLINT_CODE_SERVER ?? "/tmp/code-server/node_modules/code-server/out/node/entry.js";
const chromiumPath = "/usr/bin/chromium";

/** The names stored in a .zip (a .vsix is one), read from its central directory. */
function zipEntries(file: string): string[] {
  const buf = readFileSync(file);
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${i}`);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    names.push(buf.toString("utf8", at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

beforeAll(() => {
  // Package the server `npm test` has just built (not `npm run package`, which rebuilds dist/ under other tests).
  execFileSync("npm", ["--prefix", "client", "run", "package"], { cwd: root, stdio: "pipe" });
}, 120_000);

describe("the .vsix", () => {
  it("holds the manifest, the readme and the bundled extension and server, nothing else", () => {
    expect(zipEntries(vsix).sort()).toEqual([
      "[Content_Types].xml",
      "extension.vsixmanifest",
      "extension/dist/extension.js",
      "extension/dist/server.mjs",
      "extension/dist/terminateProcess.sh",
      "extension/package.json",
      "extension/readme.md",
    ]);
  });

  it("carries nothing from the tests and no sources", () => {
    const entries = zipEntries(vsix);
    expect(entries.filter((e) => /(^|\/)(test|tests|src|node_modules)\/|\.ts$|\.map$/.test(e))).toEqual([]);
  });
});

const missing = [
  existsSync(codeServer)
    ? ""
    : `code-server (${codeServer}; install it with ../shared/tools/install-code-server.sh)`,
  existsSync(chromiumPath) ? "" : `chromium (${chromiumPath}; apt-get install chromium)`,
].filter((m) => m);
if (missing.length > 0)
  console.warn(`skipping the VS Code end-to-end test: missing ${missing.join(" and ")}`);

const DOCKERFILE =
  'from ubuntu:22.04 as build\nRUN apt-get update && apt-get install -y curl\nCMD ["bash"]\n';

/** Runs the built dflint command on a copy of `text` with `args`; returns its stdout and the copy's text after. */
function dflint(text: string, args: string[]): { stdout: string; text: string } {
  const dir = mkdtempSync(join(tmpdir(), "dflint-cli-"));
  try {
    const file = join(dir, "Dockerfile");
    writeFileSync(file, text);
    const r = spawnSync(process.execPath, [join(root, "dist", "dflint.cjs"), ...args, file], {
      encoding: "utf8",
    });
    return { stdout: r.stdout, text: readFileSync(file, "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Settings that keep first-run pages, prompts and network calls out of the way.
const SETTINGS = {
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "chat.commandCenter.enabled": false,
  "editor.hover.delay": 200,
};

describe.skipIf(missing.length > 0)("the extension in VS Code (code-server)", () => {
  let tmp: string;
  let server: ChildProcess | undefined;
  let browser: BrowserContext | undefined;
  let page: Page;
  let dockerfile: string;

  const runCommand = async (title: string) => {
    await page.keyboard.press("F1");
    await page.locator(".quick-input-widget input").waitFor();
    await page.keyboard.type(title);
    await page.locator(".quick-input-list .monaco-list-row.focused", { hasText: title }).waitFor();
    await page.keyboard.press("Enter");
  };
  const shot = (name: string) =>
    page.screenshot({ path: join(screenshots, `${name}.png`), animations: "disabled" });
  const editorToken = (text: string) =>
    page
      .locator(".editor-instance .view-lines .view-line span span")
      .filter({ hasText: new RegExp(`^${text}$`) });

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), "dflint-vscode-"));
    const userData = join(tmp, "user-data");
    const extensions = join(tmp, "extensions");
    const workspace = join(tmp, "workspace");
    mkdirSync(join(userData, "User"), { recursive: true });
    mkdirSync(workspace);
    mkdirSync(screenshots, { recursive: true });
    writeFileSync(join(userData, "User", "settings.json"), JSON.stringify(SETTINGS, null, 2));
    writeFileSync(join(tmp, "config.yaml"), "auth: none\n");
    // A workspace setting the server must honour: DL3015 is not reported.
    mkdirSync(join(workspace, ".vscode"));
    writeFileSync(
      join(workspace, ".vscode", "settings.json"),
      JSON.stringify({ "dflint.ignore": ["DL3015"] }),
    );
    dockerfile = join(workspace, "Dockerfile");
    writeFileSync(dockerfile, DOCKERFILE);
    const common = [
      "--config",
      join(tmp, "config.yaml"),
      "--user-data-dir",
      userData,
      "--extensions-dir",
      extensions,
    ];
    execFileSync(process.execPath, [codeServer, ...common, "--install-extension", vsix], { stdio: "pipe" });

    const proc = spawn(
      process.execPath,
      [
        codeServer,
        ...common,
        ["--auth", "none", "--bind-addr", "127.0.0.1:0"],
        ["--disable-telemetry", "--disable-update-check", "--disable-workspace-trust"],
        "--disable-getting-started-override",
        workspace,
      ].flat(),
      { stdio: ["ignore", "pipe", "pipe"], detached: true },
    );
    server = proc;
    const url = await new Promise<string>((resolve, reject) => {
      let log = "";
      const onData = (chunk: Buffer) => {
        log += chunk.toString();
        const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(log);
        if (m) resolve(m[1]);
      };
      proc.stdout?.on("data", onData);
      proc.stderr?.on("data", onData);
      proc.on("exit", (code) => reject(new Error(`code-server exited (${code}) before listening:\n${log}`)));
    });

    browser = await chromium.launchPersistentContext(join(tmp, "chromium"), {
      executablePath: chromiumPath,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
      viewport: { width: 1400, height: 900 },
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(60_000);
    await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator(".monaco-workbench").waitFor();

    // Open the Dockerfile through Quick Open, as a user would.
    await page.keyboard.press("Control+P");
    await page.locator(".quick-input-widget input").waitFor();
    await page.keyboard.type("Dockerfile");
    await page.locator(".quick-input-list .monaco-list-row").first().waitFor();
    await page.keyboard.press("Enter");
    await editorToken("CMD").waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    // code-server runs VS Code's server and extension host as children: end the whole group it leads.
    if (server?.pid) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }, 60_000);

  it("lists the findings the dflint command reports, with code, source and position, honouring dflint.ignore", async () => {
    const cli = JSON.parse(dflint(DOCKERFILE, ["--format", "json", "--ignore", "DL3015"]).stdout) as {
      code: string;
      message: string;
      line: number;
      column: number;
    }[];
    const expected = cli
      .map((f) => `${f.message}\ndflint\n${f.code}\n[Ln ${f.line}, Col ${f.column}]`)
      .sort();
    expect(cli.map((f) => f.code).sort()).toEqual(["DF104", "DL3008", "DL3009"]);
    await page.keyboard.press("Control+Shift+M");
    const rows = page.locator(".markers-panel .monaco-list-row");
    // Rows are the file, then each finding, each followed by its related locations.
    const findings = rows.filter({ has: page.locator(".marker-source") });
    await findings.nth(expected.length - 1).waitFor();
    await shot("01-problems");
    expect((await rows.allInnerTexts())[0]).toBe(`Dockerfile\n${expected.length}`);
    expect((await findings.allInnerTexts()).sort()).toEqual(expected);
  }, 120_000);

  it("explains CMD when the mouse rests on it", async () => {
    await editorToken("CMD").hover();
    const hover = page
      .locator(".monaco-hover .hover-contents")
      .filter({ hasText: INSTRUCTION_DOCS.CMD.summary });
    await hover.waitFor();
    await shot("02-hover");
    const text = await hover.textContent();
    expect(text).toContain(INSTRUCTION_DOCS.CMD.example);
    // The pitfall people hit most: `docker run IMAGE args` replaces CMD (Markdown code spans render as plain text).
    const dockerRun = INSTRUCTION_DOCS.CMD.pitfalls.find((p) => p.includes("docker run"));
    expect(dockerRun).toBeDefined();
    expect(text).toContain(dockerRun?.replaceAll("`", ""));
    // Rest the mouse on the empty part of the editor so that the hover goes away.
    const lines = await page.locator(".editor-instance .view-lines").boundingBox();
    if (lines) await page.mouse.move(lines.x + lines.width / 2, lines.y + lines.height - 10);
    await hover.waitFor({ state: "hidden" });
  }, 120_000);

  it("completes an instruction and shows its documentation, which the server sends when the item is shown", async () => {
    // At the start of the empty last line: VS Code asks for completions, and for the documentation of the item it
    // shows (completionItem/resolve), which the list comes without.
    await editorToken("CMD").click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type("COP");
    const copy = page.locator(".suggest-widget .monaco-list-row", { hasText: "COPY" }).first();
    await copy.waitFor();
    const focused = page.locator(".suggest-widget .monaco-list-row.focused");
    for (let i = 0; i < 20 && !/^COPY\b/.test(((await focused.textContent()) ?? "").trim()); i++) {
      await page.keyboard.press("ArrowDown");
    }
    // Markdown code spans render as plain text.
    const details = page.locator(".suggest-details", {
      hasText: INSTRUCTION_DOCS.COPY.summary.replaceAll("`", ""),
    });
    // The details show beside the list once asked for (Ctrl+Space again); a fresh profile starts with them hidden.
    if (!(await details.isVisible())) await page.keyboard.press("Control+Space");
    await details.waitFor();
    await shot("02b-completion");
    await page.keyboard.press("Escape");
    for (let i = 0; i < 3; i++) await page.keyboard.press("Backspace");
    await expect.poll(() => page.locator(".editor-instance .view-lines").textContent()).not.toContain("COP");
  }, 120_000);

  it("applies the quick fix for a lowercase keyword", async () => {
    await editorToken("from").click();
    await page.keyboard.press("Control+.");
    const actions = page.locator(".action-widget .monaco-list-row.action");
    await actions.filter({ hasText: "Write 'FROM'" }).waitFor();
    await shot("03-quick-fix-menu");
    // Move the selection with the keyboard: the menu ignores clicks for a moment after it opens.
    const focused = page.locator(".action-widget .monaco-list-row.action.focused");
    for (let i = 0; i < 20 && !((await focused.textContent()) ?? "").includes("Write 'FROM'"); i++) {
      await page.keyboard.press("ArrowDown");
    }
    await page.keyboard.press("Enter");
    await editorToken("FROM").waitFor();
    await shot("04-quick-fix-applied");
    await page.keyboard.press("Control+S");
    await expect.poll(() => readFileSync(dockerfile, "utf8")).toBe(DOCKERFILE.replace("from", "FROM"));
  }, 120_000);

  it("opens a rule's documentation from the command palette", async () => {
    // Put the cursor where the dflint command reports DL3008.
    const cli = JSON.parse(dflint(readFileSync(dockerfile, "utf8"), ["--format", "json"]).stdout) as {
      code: string;
      line: number;
      column: number;
    }[];
    const at = cli.find((f) => f.code === "DL3008");
    expect(at).toBeDefined();
    await page.keyboard.press("Control+G");
    await page.locator(".quick-input-widget input").waitFor();
    await page.keyboard.type(`${at?.line}:${at?.column}`);
    await page.keyboard.press("Enter");
    await page.locator(".statusbar", { hasText: `Ln ${at?.line}, Col ${at?.column}` }).waitFor();
    await runCommand("dflint: Show rule documentation");
    await page.locator(".tabs-container .tab", { hasText: "DL3008.md" }).waitFor();
    await shot("05-rule-docs");
    await page.keyboard.press("Control+W");
    await page.locator(".tabs-container .tab.active", { hasText: "Dockerfile" }).waitFor();
  }, 120_000);

  it("fixes all safe problems from the command palette, as dflint --fix does", async () => {
    const expected = dflint(DOCKERFILE, ["--fix", "--ignore", "DL3015"]).text;
    expect(expected).not.toBe(readFileSync(dockerfile, "utf8"));
    await runCommand("dflint: Fix all safe problems");
    await editorToken("AS").waitFor();
    await page.keyboard.press("Control+S");
    await expect.poll(() => readFileSync(dockerfile, "utf8")).toBe(expected);
    await shot("06-fix-all");
  }, 120_000);

  it("restarts the server, which then reports the file again, and shows its output", async () => {
    await runCommand("dflint: Restart the language server");
    await runCommand("dflint: Show output");
    // One line per start; the editor renders spaces as no-break spaces, which \s matches.
    const running = page.locator(".part.panel .view-line", {
      hasText: /dflint\slanguage\sserver\s.*\sis\srunning/,
    });
    await expect.poll(() => running.count(), { timeout: 60_000 }).toBe(2);
    await shot("07-output");
    const left = JSON.parse(
      dflint(readFileSync(dockerfile, "utf8"), ["--format", "json", "--ignore", "DL3015"]).stdout,
    );
    await page.keyboard.press("Control+Shift+M");
    const findings = page
      .locator(".markers-panel .monaco-list-row")
      .filter({ has: page.locator(".marker-source") });
    await expect.poll(() => findings.count(), { timeout: 60_000 }).toBe(left.length);
  }, 120_000);
});
