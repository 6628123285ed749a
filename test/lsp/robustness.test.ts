import { type ChildProcess, spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { findShellCheck } from "../../server/lint/shellcheck.js";
import { SERVER, TestClient } from "./client.js";

const URI = "file:///work/project/Dockerfile";
const pos = (line: number, character: number) => ({ line, character });

let client: TestClient | undefined;
let raw: ChildProcess | undefined;
afterEach(() => {
  client?.kill();
  client = undefined;
  raw?.kill();
  raw = undefined;
});

const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const request = (id: number, method: string, params: unknown = {}) =>
  frame(JSON.stringify({ jsonrpc: "2.0", id, method, params }));

/** Writes raw bytes to a fresh server and collects the JSON messages it answers with, until `until` is seen. */
async function rawSession(input: string[], until: (m: Record<string, unknown>) => boolean) {
  raw = spawn(process.execPath, [SERVER, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
  const messages: Record<string, unknown>[] = [];
  let buffer = "";
  const done = new Promise<void>((resolve) => {
    raw!.stdout!.on("data", (b) => {
      buffer += String(b);
      for (;;) {
        const m = /^Content-Length: (\d+)\r\n\r\n/.exec(buffer);
        if (!m || buffer.length < m[0].length + Number(m[1])) break;
        const msg = JSON.parse(buffer.slice(m[0].length, m[0].length + Number(m[1])));
        buffer = buffer.slice(m[0].length + Number(m[1]));
        messages.push(msg);
        if (until(msg)) resolve();
      }
    });
  });
  for (const chunk of input) raw.stdin!.write(chunk);
  await done;
  return messages;
}

describe("malformed JSON-RPC", () => {
  it("answers broken frames with JSON-RPC errors and keeps reading the messages after them", async () => {
    const messages = await rawSession(
      [
        request(1, "initialize", { processId: null, rootUri: null, capabilities: {} }),
        "Content-Length: 5\r\n\r\n{bad}",
        "no header here\r\n\r\n",
        "Content-Length: twelve\r\n\r\n",
        frame("[1,2]"),
        frame('{"jsonrpc":"2.0","foo":1}'),
        request(2, "shutdown", null),
      ],
      (m) => m.id === 2,
    );
    const errors = messages.filter((m) => m.id === null).map((m) => (m.error as { code: number }).code);
    expect(errors).toEqual([-32700, -32700, -32700, -32600, -32600]);
    expect(messages.find((m) => m.id === 1)).toHaveProperty("result.capabilities");
    expect(messages.find((m) => m.id === 2)).toEqual({ jsonrpc: "2.0", id: 2, result: null });
  });

  it("rejects unknown methods, unopened documents and bad parameters, and answers the next request", async () => {
    ({ client } = await TestClient.start());
    const c = client.connection;
    await expect(c.sendRequest("dflint/nonsense", {})).rejects.toMatchObject({ code: -32601 });
    await c.sendNotification("dflint/nonsense", {});
    const unopened = { textDocument: { uri: "file:///nowhere/Dockerfile" }, position: pos(0, 0) };
    for (const method of ["textDocument/hover", "textDocument/completion", "textDocument/diagnostic"]) {
      await expect(c.sendRequest(method, unopened)).rejects.toMatchObject({
        code: -32602,
        message: "document not open: file:///nowhere/Dockerfile",
      });
    }
    await expect(
      c.sendRequest("textDocument/codeAction", {
        ...unopened,
        range: { start: pos(0, 0), end: pos(0, 0) },
        context: { diagnostics: [] },
      }),
    ).rejects.toMatchObject({ code: -32602 });
    await client.open(URI, "FROM scratch\n");
    await expect(
      c.sendRequest("textDocument/hover", { textDocument: { uri: URI }, position: { line: "x" } }),
    ).rejects.toMatchObject({ code: -32602 });
    await expect(
      c.sendRequest("textDocument/hover", { textDocument: { uri: URI }, position: pos(0, 1) }),
    ).resolves.toBeDefined();
    expect(await client.stop()).toBe(0);
  });
});

describe("any text", () => {
  it("reports exact UTF-16 positions through a BOM, CRLF line ends and characters outside the BMP", async () => {
    ({ client } = await TestClient.start());
    const line1 = 'RUN echo "😀 done" && cd /app';
    await client.open(URI, `\uFEFFFROM ubuntu:latest\r\n${line1}\r\n`);
    const d = (await client.diagnostics(URI, 1)).diagnostics;
    expect(d.map((x) => [x.code, x.range])).toEqual([
      ["DL3007", { start: pos(0, 13), end: pos(0, 19) }],
      ["DL3003", { start: pos(1, line1.indexOf("cd /app")), end: pos(1, line1.indexOf("cd /app") + 2) }],
      // ShellCheck (when installed) counts characters, not UTF-16 units: its range still lands on `cd /app`.
      ...(findShellCheck(undefined)
        ? [["SC2164", { start: pos(1, line1.indexOf("cd /app")), end: pos(1, line1.indexOf("cd /app") + 7) }]]
        : []),
    ]);
  });

  it("keeps answering through binary data and half-typed instructions", async () => {
    ({ client } = await TestClient.start());
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    const binary = Array.from({ length: 200_000 }, () => String.fromCharCode(random() % 256)).join("");
    await client.open("file:///work/project/binary.Dockerfile", binary);
    const half = "FROM \nRUN --mount=type=\nCOPY --from=\nHEALTHCHECK --\nENV ${\nARG";
    await client.open(URI, half);
    for (const [uri, text] of [
      ["file:///work/project/binary.Dockerfile", binary],
      [URI, half],
    ]) {
      const lines = text.split("\n");
      const last = pos(lines.length - 1, lines[lines.length - 1].length);
      await client.connection.sendRequest("textDocument/hover", { textDocument: { uri }, position: last });
      await client.connection.sendRequest("textDocument/completion", {
        textDocument: { uri },
        position: last,
      });
    }
    expect((await client.diagnostics(URI, 1)).diagnostics.length).toBeGreaterThan(0);
    expect(await client.diagnostics("file:///work/project/binary.Dockerfile", 1)).toBeDefined();
    expect(await client.stop()).toBe(0);
  });

  it("answers other documents while a 10 MB one is linted, and drops that lint when it is closed", async () => {
    ({ client } = await TestClient.start());
    const big = "FROM ubuntu:latest\nRUN apt-get update && apt-get install -y curl\n".repeat(160_000);
    expect(big.length).toBeGreaterThan(10_000_000);
    await client.open("file:///work/project/big.Dockerfile", big);
    await client.open(URI, "FROM ubuntu:latest\n");
    const h = await client.connection.sendRequest("textDocument/hover", {
      textDocument: { uri: URI },
      position: pos(0, 1),
    });
    expect(h).not.toBeNull();
    // Too big to parse on the server's thread: no hover there, but an answer.
    expect(
      await client.connection.sendRequest("textDocument/hover", {
        textDocument: { uri: "file:///work/project/big.Dockerfile" },
        position: pos(0, 1),
      }),
    ).toBeNull();
    await client.connection.sendNotification("textDocument/didClose", {
      textDocument: { uri: "file:///work/project/big.Dockerfile" },
    });
    await client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ text: "FROM ubuntu:24.04\n" }],
    });
    expect((await client.diagnostics(URI, 2)).diagnostics).toEqual([]);
    expect(client.published.some((p) => p.uri.endsWith("big.Dockerfile") && p.diagnostics.length > 0)).toBe(
      false,
    );
  });
});

describe("a document of more instructions than dflint lints", () => {
  it("is not linted: one diagnostic says so, and fix-all has nothing to do", async () => {
    ({ client } = await TestClient.start());
    // 500,001 one-letter instructions: each costs the lint several hundred bytes.
    await client.open(URI, "x\n".repeat(500_001));
    const p = await client.diagnostics(URI, 1);
    expect(p.diagnostics).toEqual([
      {
        range: { start: pos(0, 0), end: pos(0, 0) },
        severity: 3,
        source: "dflint",
        message:
          "not linted: the document has 500001 instructions, more than the 500000 dflint lints in one document",
      },
    ]);
    const actions = await client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri: URI },
      range: { start: pos(0, 0), end: pos(0, 1) },
      context: { diagnostics: [], only: ["source.fixAll.dflint"] },
    });
    expect(actions).toEqual([]);
  });

  it("says so to a client that pulls diagnostics too", async () => {
    ({ client } = await TestClient.start({ textDocument: { diagnostic: { dynamicRegistration: false } } }));
    await client.open(URI, "x\n".repeat(500_001));
    const report = await client.connection.sendRequest<{ kind: string; items: { message: string }[] }>(
      "textDocument/diagnostic",
      { textDocument: { uri: URI } },
    );
    expect(report.kind).toBe("full");
    expect(report.items.map((d) => d.message)).toEqual([
      "not linted: the document has 500001 instructions, more than the 500000 dflint lints in one document",
    ]);
  });
});

describe("edits", () => {
  it("lints a burst of edits once, at its last version, and never publishes an older one after a newer", async () => {
    ({ client } = await TestClient.start());
    await client.open(URI, "FROM ubuntu:latest\n");
    await client.diagnostics(URI, 1);
    for (let v = 2; v <= 6; v++) {
      void client.connection.sendNotification("textDocument/didChange", {
        textDocument: { uri: URI, version: v },
        contentChanges: [
          { range: { start: pos(1, 0), end: pos(1, 0) }, text: v === 6 ? "RUN cd /x && make\n" : "#\n" },
        ],
      });
    }
    const last = await client.diagnostics(URI, 6);
    expect(last.diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([
      ["DL3007", 0],
      ["DL3003", 1],
    ]);
    expect(client.published.map((p) => p.version)).toEqual([1, 6]);
  });
});
