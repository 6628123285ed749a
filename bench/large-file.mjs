// The generated 10 MB Dockerfile of issue 9 (about 206k lines and 2 findings a line), and, run as a program, one lint
// of it in this fresh process: `node bench/large-file.mjs [BYTES]` prints {ms, lines, findings, maxRssMB} as JSON.
// bench/run.mjs runs it as a child, so that the peak RSS is this lint's alone. Not committed as a file: generated.
import { fileURLToPath } from "node:url";

/** Blocks of 13 lines (one stage each) with about 25 findings, repeated until `bytes` characters. */
export function generated(bytes) {
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const block =
      `FROM debian:latest AS build-stage-number-${i}\n` +
      "RUN sudo apt-get update && apt-get install curl wget ca-certificates\n" +
      `RUN cd /tmp && curl -o x.tgz https://downloads.example.com/x${i}.tgz && pip install requests\n` +
      `MAINTAINER platform-team-${i}@example.com\n` +
      `ADD archive-${i}.tar.gz /opt/application/\n` +
      "RUN npm install -g yarn && gem install rails && apk add bash && yum install -y httpd\n" +
      `WORKDIR opt/application/component-${i}\n` +
      "EXPOSE 80000\n" +
      `ENV APPLICATION_${i}=enabled SETTING_${i} 2\n` +
      `COPY --from=build-stage-number-${i} /usr/local/bin /usr/local/bin\n` +
      "RUN wget -O - https://downloads.example.com/tool | tar x\n" +
      "USER root\n" +
      "CMD echo $HOME and more words\n";
    parts.push(block);
    size += block.length;
  }
  return parts.join("");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { lint } = await import("../dist/server/lint/index.js");
  const text = generated(Number(process.argv[2] ?? 10e6));
  const t0 = performance.now();
  const { findings } = lint(text);
  const ms = performance.now() - t0;
  // The peak is read before the lines are counted, and they are counted without splitting the text: 200k line
  // strings made after the lint added 3-4 MB to the peak it reports.
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  let lines = 0;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) lines++;
  console.log(JSON.stringify({ ms, bytes: text.length, lines, findings: findings.length, maxRssMB }));
}
