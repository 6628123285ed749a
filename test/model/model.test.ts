/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is Dockerfile variable syntax under test */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Instruction, parse } from "../../grammar/index.js";
import {
  buildModel,
  type Definition,
  type DockerfileModel,
  PREDEFINED_ARGS,
  type ResolvedReference,
  type Stage,
} from "../../server/model/model.js";
import { parseMountFlag } from "../../server/model/mounts.js";

function model(text: string): DockerfileModel {
  return buildModel(parse(text));
}

/** The top-level instruction that starts on a 0-based line. */
function line(m: DockerfileModel, n: number): Instruction {
  const found = m.ast.instructions.find((i) => m.ast.lines.lineAt(i.span.start) === n);
  if (!found) throw new Error(`no instruction starts on line ${n}`);
  return found;
}

/** References to `name`, in document order. */
function refs(m: DockerfileModel, name: string): ResolvedReference[] {
  return m.references.filter((r) => r.ref.name === name);
}

function text(m: DockerfileModel, span: { start: number; end: number }): string {
  return m.ast.text.slice(span.start, span.end);
}

function imageBase(stage: Stage) {
  if (stage.base.kind !== "image") throw new Error(`stage ${stage.index} is based on a ${stage.base.kind}`);
  return stage.base;
}

function stageBase(stage: Stage): Stage {
  if (stage.base.kind !== "stage") throw new Error(`stage ${stage.index} is based on a ${stage.base.kind}`);
  return stage.base.stage;
}

describe("stages", () => {
  it("numbers stages and reads names and bases (image, stage, scratch)", () => {
    const m = model(
      [
        "FROM golang:1.22 AS Base",
        "RUN go build",
        "FROM base AS base2",
        "FROM BASE2",
        "FROM scratch AS out",
        "COPY --from=0 /app /app",
      ].join("\n"),
    );
    expect(m.stages.map((s) => [s.index, s.name])).toEqual([
      [0, "Base"],
      [1, "base2"],
      [2, undefined],
      [3, "out"],
    ]);
    const [s0, s1, s2, s3] = m.stages;
    const base = imageBase(s0);
    expect(base).toMatchObject({ text: "golang:1.22", raw: "golang:1.22", unresolved: false });
    expect(base.ref).toMatchObject({ path: "golang", tag: "1.22", normalized: { path: "library/golang" } });
    expect(text(m, base.span)).toBe("golang:1.22");
    expect(text(m, s0.nameSpan ?? { start: 0, end: 0 })).toBe("Base");
    expect(stageBase(s1)).toBe(s0);
    expect(stageBase(s2)).toBe(s1);
    expect(s3.base).toEqual({ kind: "scratch" });
    expect(s0.instructions).toEqual([line(m, 0), line(m, 1)]);
    expect(s0.from).toBe(line(m, 0));
    expect(text(m, s0.span)).toBe("FROM golang:1.22 AS Base\nRUN go build");
    expect(text(m, s3.span)).toBe("FROM scratch AS out\nCOPY --from=0 /app /app");
  });

  it("only counts earlier stages as bases", () => {
    const m = model("FROM later\nFROM alpine AS alpine\nFROM node AS later\n");
    expect(imageBase(m.stages[0]).text).toBe("later");
    expect(imageBase(m.stages[1]).text).toBe("alpine");
    expect(m.edges).toEqual([]);
  });

  it("matches scratch exactly, like BuildKit", () => {
    const m = model("ARG EMPTY=scratch\nFROM $EMPTY\nFROM Scratch\n");
    expect(m.stages[0].base).toEqual({ kind: "scratch" });
    expect(imageBase(m.stages[1])).toMatchObject({ text: "Scratch", ref: undefined });
  });

  it("reads the platform flag", () => {
    const m = model("FROM --platform=$BUILDPLATFORM golang AS build\n");
    expect(m.stages[0].platform).toMatchObject({ name: "platform", value: "$BUILDPLATFORM" });
    expect(imageBase(m.stages[0])).toMatchObject({ text: "golang", unresolved: false });
  });

  it("maps instructions to stages", () => {
    const m = model("ARG A=1\nFROM alpine\nRUN true\nONBUILD RUN true\nFROM scratch\n");
    expect(m.stageOf(line(m, 0))).toBeUndefined();
    expect(m.stageOf(line(m, 1))).toBe(m.stages[0]);
    expect(m.stageOf(line(m, 2))).toBe(m.stages[0]);
    const onbuild = line(m, 3);
    expect(m.stageOf(onbuild.trigger ?? onbuild)).toBe(m.stages[0]);
    expect(m.stageOf(line(m, 4))).toBe(m.stages[1]);
  });

  it("finds stages by name (case-insensitively) and by index", () => {
    const m = model("FROM alpine AS Builder\nFROM scratch AS final\n");
    expect(m.stageByName("builder")).toBe(m.stages[0]);
    expect(m.stageByName("BUILDER")).toBe(m.stages[0]);
    expect(m.stageByName("Final")).toBe(m.stages[1]);
    expect(m.stageByName("1")).toBe(m.stages[1]);
    expect(m.stageByName("0")).toBe(m.stages[0]);
    expect(m.stageByName("2")).toBeUndefined();
    expect(m.stageByName("-1")).toBeUndefined();
    expect(m.stageByName("alpine")).toBeUndefined();
  });
});

describe("base image expansion", () => {
  it("expands the image with the global ARG defaults", () => {
    const m = model("ARG REPO=alpine\nARG VERSION=3.19\nFROM ${REPO}:$VERSION AS a\n");
    const base = imageBase(m.stages[0]);
    expect(base).toMatchObject({ text: "alpine:3.19", raw: "${REPO}:$VERSION", unresolved: false });
    expect(base.ref).toMatchObject({ path: "alpine", tag: "3.19", hasVariables: false });
  });

  it("marks an image unresolved when a variable has no known value, keeping the structure of the raw word", () => {
    const m = model(
      "ARG TAG\nFROM alpine:$TAG\nFROM $NOT_DECLARED\nFROM node:${V:-20}\nFROM ubuntu:$TARGETARCH\n",
    );
    const [noDefault, undeclared, withDefault, platformArg] = m.stages.map(imageBase);
    expect(noDefault).toMatchObject({ text: "alpine:", unresolved: true });
    expect(noDefault.ref).toMatchObject({ path: "alpine", tag: "$TAG", hasVariables: true });
    expect(undeclared).toMatchObject({ text: "", unresolved: true });
    expect(withDefault).toMatchObject({ text: "node:20", unresolved: true });
    expect(platformArg).toMatchObject({ text: "ubuntu:", unresolved: true });
  });

  it("resolves an expanded stage name to the stage", () => {
    const m = model("ARG FLAVOR=dev\nFROM alpine AS base-dev\nFROM base-${FLAVOR}\n");
    expect(stageBase(m.stages[1])).toBe(m.stages[0]);
  });

  it("does not throw on a bad substitution", () => {
    const m = model("FROM alpine:${TAG\n");
    expect(imageBase(m.stages[0])).toMatchObject({ raw: "alpine:${TAG", unresolved: true });
  });

  it("gives FROM without arguments an empty image", () => {
    const m = model("FROM\n");
    expect(imageBase(m.stages[0])).toMatchObject({ text: "", raw: "", unresolved: false });
    expect(imageBase(m.stages[0]).ref).toBeUndefined();
  });
});

describe("ARG scoping", () => {
  const dockerfile = [
    "ARG VERSION=3.19", // 0
    "ARG EMPTY", // 1
    "FROM alpine:$VERSION AS a", // 2
    "RUN echo $VERSION", // 3
    "FROM a", // 4
    "ARG VERSION", // 5
    "ARG EMPTY", // 6
    "RUN echo $VERSION $EMPTY", // 7
  ].join("\n");

  it("collects the global ARGs", () => {
    const m = model(dockerfile);
    expect(m.globalArgs.map((d) => [d.kind, d.name, d.value, d.stage])).toEqual([
      ["arg", "VERSION", "3.19", undefined],
      ["arg", "EMPTY", undefined, undefined],
    ]);
    expect(m.globalArgs[0].instruction).toBe(line(m, 0));
    expect(text(m, m.globalArgs[0].nameSpan ?? { start: 0, end: 0 })).toBe("VERSION");
  });

  it("makes a global ARG visible in FROM but not in the stage", () => {
    const m = model(dockerfile);
    const [inFrom, inRun, inSecondStage] = refs(m, "VERSION");
    expect(inFrom.instruction).toBe(line(m, 2));
    expect(inFrom.stage).toBe(m.stages[0]);
    expect(inFrom.definition).toBe(m.globalArgs[0]);
    expect(inRun.instruction).toBe(line(m, 3));
    expect(inRun.definition).toBeUndefined();
    expect(inSecondStage.instruction).toBe(line(m, 7));
  });

  it("gives a re-declared global ARG the global default", () => {
    const m = model(dockerfile);
    const [, , version] = refs(m, "VERSION");
    expect(version.definition).toMatchObject({
      kind: "arg",
      name: "VERSION",
      value: "3.19",
      stage: m.stages[1],
    });
    expect(version.definition?.instruction).toBe(line(m, 5));
    const [empty] = refs(m, "EMPTY");
    expect(empty.definition?.instruction).toBe(line(m, 6));
    expect(empty.definition?.value).toBeUndefined();
  });

  it("makes a stage ARG visible from its declaration on", () => {
    const m = model("FROM alpine\nRUN echo $A\nARG A=1\nRUN echo $A\n");
    const [before, after] = refs(m, "A");
    expect(before.definition).toBeUndefined();
    expect(after.definition).toMatchObject({ kind: "arg", value: "1" });
    expect(after.definition?.instruction).toBe(line(m, 2));
  });

  it("ends an ARG's scope with its stage unless the next stage builds FROM it", () => {
    const m = model("FROM alpine AS base\nARG A=1\nFROM alpine\nRUN echo $A\nFROM base\nRUN echo $A\n");
    const [unrelated, child] = refs(m, "A");
    expect(unrelated.definition).toBeUndefined();
    // BuildKit passes a stage's ARGs on to the stages built FROM it.
    expect(child.definition?.instruction).toBe(line(m, 1));
    expect(child.definition?.stage).toBe(m.stages[0]);
  });

  it("expands the declarations of one ARG in order", () => {
    const m = model("FROM alpine\nARG X=1 Y=$X/2\n");
    const [x, y] = m.definitions;
    expect([x.name, x.value, y.name, y.value]).toEqual(["X", "1", "Y", "1/2"]);
    expect(refs(m, "X")[0].definition).toBe(x);
  });

  it("expands global ARG defaults in order too", () => {
    const m = model("ARG A=alpine B=$A:3\nFROM $B\n");
    expect(m.globalArgs.map((d) => d.value)).toEqual(["alpine", "alpine:3"]);
    expect(imageBase(m.stages[0]).text).toBe("alpine:3");
  });

  it("resolves a self-reference in an ARG default to the previous definition", () => {
    const m = model("FROM alpine\nARG P=/a\nARG P=$P:/b\n");
    const [first, second] = m.definitions;
    expect(refs(m, "P")[0].definition).toBe(first);
    expect(second.value).toBe("/a:/b");
  });

  it("keeps the value unknown when it depends on a build argument", () => {
    const m = model("FROM alpine\nARG USER\nARG HOME=/home/$USER\nENV PATH=$HOME/bin NOTHING=x$UNSET\n");
    expect(m.definitions.map((d) => [d.name, d.value])).toEqual([
      ["USER", undefined],
      ["HOME", undefined],
      ["PATH", undefined],
      ["NOTHING", "x"],
    ]);
  });
});

describe("ENV scoping", () => {
  it("is inherited through FROM <stage>", () => {
    const m = model(
      [
        "FROM alpine AS base",
        "ENV APP=/app",
        "FROM base AS child",
        "RUN echo $APP",
        "FROM alpine",
        "RUN echo $APP",
      ].join("\n"),
    );
    const [inChild, inUnrelated] = refs(m, "APP");
    expect(inChild.definition).toMatchObject({ kind: "env", name: "APP", value: "/app", stage: m.stages[0] });
    expect(inChild.definition?.instruction).toBe(line(m, 1));
    expect(inChild.stage).toBe(m.stages[1]);
    expect(inUnrelated.definition).toBeUndefined();
  });

  it("overrides an earlier ARG of the same name; a bare ARG does not take it back", () => {
    const m = model(
      [
        "FROM alpine",
        "ARG V=1",
        "ENV V=2",
        "RUN echo $V",
        "ARG V",
        "RUN echo $V",
        "ARG V=3",
        "RUN echo $V",
      ].join("\n"),
    );
    const [afterEnv, afterBareArg, afterArgWithValue] = refs(m, "V");
    expect(afterEnv.definition).toMatchObject({ kind: "env", value: "2" });
    expect(afterBareArg.definition?.instruction).toBe(line(m, 2));
    // BuildKit: an ARG with a value after the ENV replaces it in the environment.
    expect(afterArgWithValue.definition).toMatchObject({ kind: "arg", value: "3" });
    expect(afterArgWithValue.definition?.instruction).toBe(line(m, 6));
  });

  it("expands every pair of one ENV with the environment from before it", () => {
    const m = model("FROM alpine\nENV A=1\nENV A=$A:x B=$A\nRUN echo $A $B\n");
    const envA = m.definitions[0];
    const [inValueOfA, inValueOfB, inRun] = refs(m, "A");
    expect(inValueOfA.definition).toBe(envA);
    expect(inValueOfB.definition).toBe(envA);
    expect(m.definitions.slice(1).map((d) => [d.name, d.value])).toEqual([
      ["A", "1:x"],
      ["B", "1"],
    ]);
    expect(inRun.definition).toBe(m.definitions[1]);
    expect(refs(m, "B")[0].definition).toBe(m.definitions[2]);
  });

  it("reads the legacy form and removes quotes from values", () => {
    const m = model('FROM alpine\nENV GREETING hello world\nENV NAME="John Doe" DOG=Rex\\ The\\ Dog\n');
    expect(m.definitions.map((d) => [d.name, d.value])).toEqual([
      ["GREETING", "hello world"],
      ["NAME", "John Doe"],
      ["DOG", "Rex The Dog"],
    ]);
    expect(text(m, m.definitions[1].nameSpan ?? { start: 0, end: 0 })).toBe("NAME");
  });

  it("lists definitions in document order with their stage", () => {
    const m = model("ARG G=1\nFROM alpine\nENV E=1\nARG A\n");
    expect(m.definitions.map((d: Definition) => [d.kind, d.name, d.stage?.index])).toEqual([
      ["arg", "G", undefined],
      ["env", "E", 0],
      ["arg", "A", 0],
    ]);
  });
});

describe("predefined ARGs", () => {
  it("defines the proxy variables in every stage", () => {
    const m = model("FROM alpine\nRUN curl -x $HTTP_PROXY https://example.com $no_proxy\n");
    const [proxy] = refs(m, "HTTP_PROXY");
    expect(proxy.ref.expandedBy).toBe("shell");
    expect(proxy.definition).toEqual({ kind: "predefined", name: "HTTP_PROXY" });
    expect(refs(m, "no_proxy")[0].definition?.kind).toBe("predefined");
  });

  it("makes platform ARGs usable in FROM but not in a stage until declared", () => {
    const m = model(
      [
        "FROM --platform=$BUILDPLATFORM golang AS build",
        "RUN echo $TARGETOS",
        "ARG TARGETOS TARGETARCH",
        "RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build",
      ].join("\n"),
    );
    expect(refs(m, "BUILDPLATFORM")[0].definition).toMatchObject({
      kind: "predefined",
      name: "BUILDPLATFORM",
    });
    const [beforeArg, afterArg] = refs(m, "TARGETOS");
    expect(beforeArg.definition).toBeUndefined();
    expect(afterArg.definition).toMatchObject({ kind: "arg", name: "TARGETOS", stage: m.stages[0] });
    expect(afterArg.definition?.value).toBeUndefined();
    expect(afterArg.definition?.instruction).toBe(line(m, 2));
  });

  it("lists the documented names once each, with descriptions", () => {
    const names = PREDEFINED_ARGS.map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of ["HTTP_PROXY", "all_proxy", "TARGETPLATFORM", "BUILDVARIANT", "BUILDKIT_SYNTAX"]) {
      expect(names).toContain(name);
    }
    expect(names).toContain("SOURCE_DATE_EPOCH");
    for (const a of PREDEFINED_ARGS) expect(a.description.length).toBeGreaterThan(10);
  });
});

describe("ONBUILD triggers", () => {
  const dockerfile = [
    "FROM alpine", // 0
    "ARG DIR=/src", // 1
    "ONBUILD COPY . $DIR", // 2
    "ONBUILD ENV X=$DIR", // 3
    "RUN echo $X", // 4
  ].join("\n");

  it("resolves trigger references in the stage of their ONBUILD", () => {
    const m = model(dockerfile);
    const [inCopy, inEnv] = refs(m, "DIR");
    const copyTrigger = line(m, 2).trigger;
    expect(copyTrigger?.keyword).toBe("COPY");
    expect(inCopy.instruction).toBe(copyTrigger);
    expect(inCopy.stage).toBe(m.stages[0]);
    expect(inCopy.definition?.instruction).toBe(line(m, 1));
    expect(inEnv.instruction).toBe(line(m, 3).trigger);
  });

  it("lists trigger definitions without letting them into the stage", () => {
    const m = model(dockerfile);
    const x = m.definitions.find((d) => d.name === "X");
    expect(x).toMatchObject({ kind: "env", value: "/src", stage: m.stages[0] });
    expect(x?.instruction).toBe(line(m, 3).trigger);
    expect(refs(m, "X")[0].definition).toBeUndefined();
  });
});

describe("edges", () => {
  const dockerfile = [
    "FROM golang AS build", // 0
    "FROM build AS test", // 1
    "COPY --from=build /a /a", // 2
    "COPY --from=0 /b /b", // 3
    "COPY --from=nginx:latest /c /c", // 4
    "COPY --from=BUILD /d /d", // 5
    "COPY --from=7 /e /e", // 6
    "RUN --mount=type=cache,from=build,target=/root/.cache go build", // 7
    "RUN --mount=type=tmpfs,target=/tmp --mount=from=busybox,target=/bb true", // 8
    "COPY --from=$STAGE /f /f", // 9
  ].join("\n");

  it("records FROM <stage>, COPY --from and RUN --mount=from", () => {
    const m = model(dockerfile);
    const [build, test] = m.stages;
    expect(
      m.edges.map((e) => [e.kind, e.from.index, "image" in e.to ? e.to.image : e.to.index, text(m, e.span)]),
    ).toEqual([
      ["from", 1, 0, "build"],
      ["copy", 1, 0, "build"],
      ["copy", 1, 0, "0"],
      ["copy", 1, "nginx:latest", "nginx:latest"],
      ["copy", 1, 0, "BUILD"],
      ["mount", 1, 0, "build"],
      ["mount", 1, "busybox", "busybox"],
    ]);
    expect(m.edges[0].to).toBe(build);
    expect(m.edges[0].from).toBe(test);
    expect(m.edges[1].instruction).toBe(line(m, 2));
    expect(m.edges[5].instruction).toBe(line(m, 7));
  });

  it("resolves COPY --from to a later stage too (BuildKit then fails, so rules can say why)", () => {
    const m = model("FROM alpine\nCOPY --from=later /a /a\nFROM alpine AS later\n");
    expect(m.edges).toHaveLength(1);
    expect(m.edges[0].to).toBe(m.stages[1]);
  });

  it("records edges of ONBUILD triggers", () => {
    const m = model("FROM alpine AS assets\nFROM alpine\nONBUILD COPY --from=assets /a /a\n");
    expect(m.edges).toHaveLength(1);
    expect(m.edges[0]).toMatchObject({ kind: "copy", from: m.stages[1], to: m.stages[0] });
    expect(m.edges[0].instruction).toBe(line(m, 2).trigger);
  });
});

describe("parseMountFlag", () => {
  function mount(flagText: string) {
    const m = model(`FROM alpine\nRUN ${flagText} true\n`);
    const flag = m.ast.instructions[1].flags[0];
    return { m, spec: parseMountFlag(flag, m.ast.text) };
  }

  it("reads keys case-insensitively, with BuildKit's default type", () => {
    const { m, spec } = mount("--mount=Target=/x,FROM=build,ro");
    expect(spec.type).toBe("bind");
    expect(spec.options.map((o) => [o.key, o.value])).toEqual([
      ["target", "/x"],
      ["from", "build"],
      ["ro", undefined],
    ]);
    expect(text(m, spec.from?.valueSpan ?? { start: 0, end: 0 })).toBe("build");
    expect(text(m, spec.options[2].span ?? { start: 0, end: 0 })).toBe("ro");
  });

  it("reads the flag value with the quotes the flag parser removed, without spans when the source differs", () => {
    const { m, spec } = mount('--mount="type=CACHE,target=/a b",from=x');
    expect(spec.type).toBe("cache");
    expect(spec.options.map((o) => [o.key, o.value, o.span])).toEqual([
      ["type", "CACHE", undefined],
      ["target", "/a b", undefined],
      ["from", "x", undefined],
    ]);
    expect(m.edges.map((e) => text(m, e.span))).toEqual(['"type=CACHE,target=/a b",from=x']);
  });

  it("reads CSV quoting that survived the flag parser", () => {
    const { spec } = mount('--mount=type=bind,\\"source=a,b\\",from=ctx');
    expect(spec.options.map((o) => [o.key, o.value])).toEqual([
      ["type", "bind"],
      ["source", "a,b"],
      ["from", "ctx"],
    ]);
  });
});

describe("scopeAt", () => {
  const dockerfile = [
    "ARG G=1", // 0
    "FROM alpine", // 1
    "ENV A=1", // 2
    "RUN true", // 3
    "ARG B", // 4
    "ONBUILD RUN true", // 5
  ].join("\n");

  it("gives FROM the global scope", () => {
    const m = model(dockerfile);
    const scope = m.scopeAt(line(m, 1));
    expect(scope.get("G")).toBe(m.globalArgs[0]);
    expect(scope.get("TARGETOS")?.kind).toBe("predefined");
    expect(scope.get("HTTP_PROXY")?.kind).toBe("predefined");
    expect(scope.has("A")).toBe(false);
  });

  it("gives an instruction the definitions before it", () => {
    const m = model(dockerfile);
    const atRun = m.scopeAt(line(m, 3));
    expect(atRun.get("A")?.instruction).toBe(line(m, 2));
    expect(atRun.get("HTTP_PROXY")?.kind).toBe("predefined");
    expect(atRun.has("G")).toBe(false);
    expect(atRun.has("TARGETOS")).toBe(false);
    expect(atRun.has("B")).toBe(false);
    expect(m.scopeAt(line(m, 4)).has("B")).toBe(false);
    expect(m.scopeAt(line(m, 2)).has("A")).toBe(false);
  });

  it("gives a trigger the scope of its ONBUILD and a global ARG the ones before it", () => {
    const m = model(dockerfile);
    const onbuild = line(m, 5);
    expect(m.scopeAt(onbuild.trigger ?? onbuild).get("B")?.instruction).toBe(line(m, 4));
    const atGlobal = m.scopeAt(line(m, 0));
    expect(atGlobal.has("G")).toBe(false);
    expect(atGlobal.get("TARGETARCH")?.kind).toBe("predefined");
  });

  it("includes what the base stage defined", () => {
    const m = model("FROM alpine AS base\nENV A=1\nARG B=2\nFROM base\nRUN true\n");
    const scope = m.scopeAt(line(m, 4));
    expect(scope.get("A")?.value).toBe("1");
    expect(scope.get("B")?.value).toBe("2");
  });

  it("is empty for an instruction of another tree", () => {
    const m = model("FROM alpine\n");
    expect(m.scopeAt(parse("RUN x\n").instructions[0]).size).toBe(0);
  });
});

describe("instructionAt", () => {
  const dockerfile = "# comment\nFROM alpine\n\nRUN echo \\\n  hi\nONBUILD RUN make\n";
  //                  0         10          22 23              39   44

  it("finds the instruction containing an offset, end included", () => {
    const m = model(dockerfile);
    const from = dockerfile.indexOf("FROM");
    const run = dockerfile.indexOf("RUN");
    expect(m.instructionAt(from)).toBe(line(m, 1));
    expect(m.instructionAt(from + 4)).toBe(line(m, 1));
    expect(m.instructionAt(from + "FROM alpine".length)).toBe(line(m, 1));
    expect(m.instructionAt(dockerfile.indexOf("hi"))).toBe(line(m, 3));
    expect(m.instructionAt(run)).toBe(line(m, 3));
  });

  it("finds nothing before, between and after instructions", () => {
    const m = model(dockerfile);
    expect(m.instructionAt(0)).toBeUndefined();
    expect(m.instructionAt(dockerfile.indexOf("\n\n") + 1)).toBeUndefined();
    expect(m.instructionAt(dockerfile.length)).toBeUndefined();
    expect(m.instructionAt(-1)).toBeUndefined();
  });

  it("returns the trigger inside an ONBUILD", () => {
    const m = model(dockerfile);
    const onbuild = line(m, 5);
    expect(m.instructionAt(dockerfile.indexOf("ONBUILD") + 2)).toBe(onbuild);
    expect(m.instructionAt(dockerfile.indexOf("make"))).toBe(onbuild.trigger);
  });

  it("finds nothing in an empty file", () => {
    expect(model("").instructionAt(0)).toBeUndefined();
  });
});

describe("Windows escape character", () => {
  it("models a file with # escape=`", () => {
    const m = model(
      [
        "# escape=`",
        "ARG BASE=mcr.microsoft.com/windows/servercore:ltsc2022",
        "FROM $BASE",
        "ENV DIR=C:\\app `",
        "    NAME=`$HOME",
        "WORKDIR $DIR",
        "RUN echo %DIR%",
      ].join("\n"),
    );
    expect(imageBase(m.stages[0])).toMatchObject({
      text: "mcr.microsoft.com/windows/servercore:ltsc2022",
      unresolved: false,
    });
    expect(m.definitions.slice(1).map((d) => [d.name, d.value])).toEqual([
      ["DIR", "C:\\app"],
      ["NAME", "$HOME"],
    ]);
    expect(refs(m, "DIR")[0].definition).toBe(m.definitions[1]);
    expect(refs(m, "HOME")).toEqual([]);
  });
});

describe("broken input", () => {
  it.each([
    ["an empty file", ""],
    ["only comments", "# hello\n"],
    ["FROM without arguments", "FROM\nRUN echo $X\n"],
    ["ARG before FROM only", "ARG A=1 B\n"],
    ["ONBUILD without trigger", "FROM alpine\nONBUILD\n"],
    ["instructions before FROM", "RUN echo $A\nENV A=1\nCOPY --from=x a b\nFROM alpine\n"],
    ["nested ONBUILD", "FROM alpine\nONBUILD ONBUILD ENV A=$B\n"],
    ["unterminated substitution", "FROM alpine\nENV A=${B\nARG C=${D:?}\n"],
    ["a bad mount", 'FROM alpine\nRUN --mount=from="a,b --mount= --mount true\n'],
    ["FROM AS without name", "FROM alpine AS\n"],
  ])("models %s without throwing", (_name, source) => {
    const m = model(source);
    for (const i of m.ast.instructions) {
      m.scopeAt(i);
      m.stageOf(i);
      if (i.trigger) m.scopeAt(i.trigger);
    }
    for (let o = -1; o <= source.length + 1; o++) m.instructionAt(o);
  });

  it("never throws on generated Dockerfiles", () => {
    const piece = fc.constantFrom(
      "FROM ",
      "ARG ",
      "ENV ",
      "ONBUILD ",
      "COPY --from=",
      "RUN --mount=from=",
      " AS ",
      "a",
      "b=",
      "$a",
      "${a:-",
      "}",
      '"',
      "'",
      "\\\n",
      "`",
      "\n",
      " ",
      "=",
      "0",
      "# escape=`\n",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const source = pieces.join("");
        const m = model(source);
        for (const i of m.ast.instructions) m.scopeAt(i.trigger ?? i);
        for (let o = 0; o <= source.length; o++) m.instructionAt(o);
      }),
      { numRuns: 300 },
    );
  });
});

describe("build arguments (--build-arg)", () => {
  const withArgs = (text: string, buildArgs: Record<string, string>) =>
    buildModel(parse(text), { buildArgs });
  const values = (m: DockerfileModel) => m.definitions.map((d) => `${d.name}=${d.value ?? "?"}`);

  it("give an ARG without default its value and replace a default, globally and in stages", () => {
    const text = "ARG TAG\nARG BASE=alpine\nFROM $BASE:$TAG\nARG TAG\nARG MODE=dev\nENV M=$MODE\n";
    expect(values(model(text))).toEqual(["TAG=?", "BASE=alpine", "TAG=?", "MODE=dev", "M=dev"]);
    const m = withArgs(text, { TAG: "3.20", BASE: "debian", MODE: "prod", UNUSED: "x" });
    expect(values(m)).toEqual(["TAG=3.20", "BASE=debian", "TAG=3.20", "MODE=prod", "M=prod"]);
    expect(imageBase(m.stages[0]).text).toBe("debian:3.20");
  });
  it("do not define a name that no ARG declares", () => {
    const m = withArgs("FROM alpine\nRUN echo $UNUSED\n", { UNUSED: "x" });
    expect(refs(m, "UNUSED")[0].definition).toBeUndefined();
  });
  it("never treat an inherited name such as constructor as given", () => {
    expect(values(withArgs("FROM alpine\nARG constructor\n", {}))).toEqual(["constructor=?"]);
  });
});

describe("scopes with many definitions", () => {
  // From 64 definitions a scope's tables are persistent maps (model.ts, PERSISTENT_FROM). The same file with a
  // padding ENV of one definition and of 70 must give every instruction the same scope, apart from the padding.
  const body = [
    "ENV A=1 B=2",
    "ARG C",
    "ARG D=4",
    "FROM base AS one",
    "ENV A=one X=$B",
    "ARG C=3",
    "ARG B",
    "ENV E=$A-$C-$D",
    "ONBUILD ENV O=$A",
    "FROM base AS two",
    "RUN echo $A $X",
    "ARG A",
    "ARG K",
    "FROM one AS three",
    "ENV F=${X}-${E} A=",
    "RUN echo $F $A $C $K",
    "FROM two",
    "ENV G=$A K=$K",
    "ARG K=9",
    "RUN echo $G $K",
  ].join("\n");
  const padded = (n: number) =>
    `FROM alpine AS base\nENV ${Array.from({ length: n }, (_, i) => `P${i}=${i}`).join(" ")}\n${body}\n`;
  const isPadding = (name: string) => /^P\d+$/.test(name);
  const where = (m: DockerfileModel, d: Definition | undefined) =>
    d
      ? `${d.kind}:${d.name}=${d.value ?? "?"}@${d.instruction ? m.ast.lines.lineAt(d.instruction.span.start) : "-"}`
      : "none";
  const seen = (m: DockerfileModel) => ({
    scopes: m.ast.instructions.flatMap((top) =>
      [top, ...(top.trigger ? [top.trigger] : [])].map((i) =>
        [...m.scopeAt(i).values()].filter((d) => !isPadding(d.name)).map((d) => where(m, d)),
      ),
    ),
    sizes: m.ast.instructions.map((i) => [...m.scopeAt(i).keys()].filter((k) => !isPadding(k)).length),
    references: m.references.map((r) => `${r.ref.name} -> ${where(m, r.definition)}`),
    definitions: m.definitions.filter((d) => !isPadding(d.name)).map((d) => where(m, d)),
  });

  it("gives the same scopes, references and values as small tables", () => {
    const small = model(padded(1));
    const large = model(padded(70));
    expect(seen(large)).toEqual(seen(small));
    // Spot checks of what both say.
    const last = large.ast.instructions[large.ast.instructions.length - 1];
    const scope = large.scopeAt(last);
    expect(scope.get("G")?.value).toBe("1");
    expect(scope.get("P69")?.value).toBe("69");
    expect(scope.size).toBe([...scope.keys()].length);
    // The predefined ARGs first, in their order.
    expect([...scope.keys()].slice(0, 2)).toEqual(["HTTP_PROXY", "http_proxy"]);
    const three = large.scopeAt(line(large, 17));
    expect(three.get("F")?.value).toBe("2-one-3-4");
    expect(three.get("A")?.value).toBe("");
  });

  it("models 30,000 ENVs in one stage that each have an ONBUILD ENV after them", () => {
    // Each trigger's scope is a copy of the stage's, and the stage's next ENV then copied the whole environment:
    // 8,300 such pairs (250 KB) took 13 s.
    let text = "FROM alpine\n";
    for (let i = 0; i < 30000; i++) text += `ENV A${i}=${i}\nONBUILD ENV B${i}=$A${i}\n`;
    text += "RUN echo $A0\n";
    const m = model(text);
    expect(m.definitions.find((d) => d.name === "B29999")?.value).toBe("29999");
    const atRun = m.scopeAt(m.ast.instructions[m.ast.instructions.length - 1]);
    expect(atRun.get("A29999")?.value).toBe("29999");
    expect(atRun.has("B0")).toBe(false);
    const trigger = m.ast.instructions[m.ast.instructions.length - 2].trigger;
    expect(trigger && m.scopeAt(trigger).has("A29999")).toBe(true);
  });

  it("models a chain of 20,000 stages that each add an ENV", () => {
    // Each stage copied the whole environment of the one it is built FROM: 7,900 such stages (250 KB) took 16 s and
    // 2.4 GB, 29,500 (1 MB) ran out of memory.
    let text = "FROM alpine AS s0\nENV X0=v0\n";
    for (let i = 1; i < 20000; i++) text += `FROM s${i - 1} AS s${i}\nENV X${i}=v${i}\n`;
    text += "RUN echo $X0 $X19999\n";
    const m = model(text);
    const run = m.ast.instructions[m.ast.instructions.length - 1];
    const scope = m.scopeAt(run);
    expect(scope.get("X0")?.value).toBe("v0");
    expect(scope.get("X19999")?.value).toBe("v19999");
    expect([...scope.keys()].filter((k) => /^X\d+$/.test(k))).toHaveLength(20000);
    expect(refs(m, "X0").map((r) => r.definition?.stage?.index)).toEqual([0]);
    expect(m.scopeAt(line(m, 3)).has("X2")).toBe(false);
  });
});
