import { afterEach, describe, expect, it } from "vitest";
import { TestClient } from "./client.js";

const URI = "file:///work/project/Dockerfile";
const KEY = "AKIA2OGYBAH6QZT5LRXK";

let client: TestClient | undefined;
afterEach(() => {
  client?.kill();
  client = undefined;
});

describe("credentials in the language server", () => {
  it("publishes DF215 at the credential, and no diagnostic quotes it", async () => {
    ({ client } = await TestClient.start());
    await client.open(URI, `FROM alpine:3.20\nENV AWS_ACCESS_KEY_ID=${KEY}\n`);
    const d = (await client.diagnostics(URI, 1)).diagnostics;
    const secret = d.find((x) => x.code === "DF215");
    expect(secret?.range).toEqual({ start: { line: 1, character: 22 }, end: { line: 1, character: 42 } });
    expect(JSON.stringify(d)).not.toContain(KEY);
    expect(await client.stop()).toBe(0);
  });
});
