/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is Dockerfile variable syntax under test */
import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import { buildModel } from "../../server/model/model.js";
import {
  knownPrefix,
  knownSuffix,
  type WordValue,
  wordValue,
  wordValues,
} from "../../server/model/wordValues.js";

/** The value of the first word of the last instruction (of its trigger, for ONBUILD). */
function valueOfLast(text: string): { value: WordValue; text: string } {
  const model = buildModel(parse(text));
  const last = model.ast.instructions.at(-1);
  const instruction = last?.trigger ?? last;
  if (!instruction) throw new Error("no instruction");
  const word = instruction.words[0];
  return { value: wordValue(model, instruction, word.text, word.span), text };
}

/** Parts written compactly: known text as is, unknown parts as <NAME>. */
function shape(value: WordValue): string {
  return value.parts.map((p) => (p.known ? p.text : `<${p.name}>`)).join("");
}

describe("wordValue: the words of an instruction with their known values", () => {
  it("knows text without variables, quotes removed", () => {
    const { value } = valueOfLast('FROM a\nWORKDIR "/srv/my app"\n');
    expect(value).toEqual({
      state: "known",
      value: "/srv/my app",
      parts: [{ known: true, text: "/srv/my app" }],
    });
  });
  it("takes ARG defaults and ENV values in scope, and a later definition wins", () => {
    expect(valueOfLast("FROM a\nARG D=/opt\nWORKDIR $D/app\n").value.value).toBe("/opt/app");
    expect(valueOfLast("FROM a\nARG D=/opt\nENV D=/srv\nWORKDIR ${D}/app\n").value.value).toBe("/srv/app");
  });
  it("follows global ARGs re-declared in a stage and stages built FROM a stage", () => {
    expect(valueOfLast("ARG D=/g\nFROM a\nARG D\nWORKDIR $D\n").value.value).toBe("/g");
    expect(valueOfLast("FROM a AS base\nENV D=/base\nFROM base\nWORKDIR $D\n").value.value).toBe("/base");
    // A global ARG is not visible in a stage until it is declared there: empty, as in BuildKit.
    expect(valueOfLast("ARG D=/g\nFROM a\nWORKDIR x$D\n").value.value).toBe("x");
  });
  it("applies modifiers to known values and to names nobody declares", () => {
    expect(valueOfLast("FROM a\nENV V=1.2.3\nWORKDIR /v${V%.*}\n").value.value).toBe("/v1.2");
    expect(valueOfLast("FROM a\nWORKDIR ${NOPE:-/fallback}\n").value.value).toBe("/fallback");
  });
  it("marks values only the build knows, and keeps the known parts around them", () => {
    const { value } = valueOfLast("FROM a\nARG HOST\nADD https://$HOST/file.txt /x/\n");
    expect(value.state).toBe("partial");
    expect(shape(value)).toBe("https://<HOST>/file.txt");
    expect(knownPrefix(value)).toBe("https://");
    expect(knownSuffix(value)).toBe("/file.txt");
  });
  it("points unknown parts back at their references in the text", () => {
    const text = "FROM a\nARG V\nWORKDIR /a/$V/b/${V}\n";
    const { value } = valueOfLast(text);
    const unknown = value.parts.find((p) => !p.known);
    expect(unknown && !unknown.known && unknown.spans.map((s) => text.slice(s.start, s.end))).toEqual([
      "$V",
      "${V}",
    ]);
  });
  it("treats predefined ARGs and ONBUILD triggers as unknown", () => {
    expect(shape(valueOfLast("FROM a\nARG TARGETARCH\nWORKDIR /opt/$TARGETARCH\n").value)).toBe(
      "/opt/<TARGETARCH>",
    );
    expect(valueOfLast("FROM a\nENV D=/x\nONBUILD WORKDIR $D\n").value.state).not.toBe("known");
  });
  it("gives up on the whole word where a stand-in cannot say what happens", () => {
    // `${V:+x}` is x or nothing, depending on V.
    expect(valueOfLast("FROM a\nARG V\nWORKDIR /a${V:+/b}\n").value.state).toBe("unknown");
    expect(valueOfLast("FROM a\nWORKDIR ${V:?required}\n").value.state).toBe("unknown");
    // `${V:-x}` with V unknown is V's value or x: unknown.
    expect(shape(valueOfLast("ARG B\nFROM ${B:-ns/img:3.20}\n").value)).toBe("<B>");
  });
  it("splits into words like EXPOSE, keeping unknown parts inside their word", () => {
    const model = buildModel(parse("FROM a\nARG P\nENV PORTS='80 443'\nEXPOSE $PORTS 8$P\n"));
    const expose = model.ast.instructions.at(-1);
    if (!expose) throw new Error("no instruction");
    expect(wordValues(model, expose, expose.args)?.map(shape)).toEqual(["80", "443", "8<P>"]);
  });
});
