import { INSTRUCTIONS, type InstructionKeyword } from "../../../grammar/index.js";

/** What a hover says about one instruction, in our own words. */
export interface InstructionDoc {
  /** One paragraph: what the instruction does. */
  summary: string;
  /** Its syntax, one form per line. */
  forms: string[];
  example: string;
  /** The mistakes people make with it. */
  pitfalls: string[];
}

/** Keyed by the grammar's list, so a new instruction cannot be added without its documentation. */
export const INSTRUCTION_DOCS: Readonly<Record<InstructionKeyword, InstructionDoc>> = {
  ADD: {
    summary: "Adds files to the image.",
    forms: ["ADD <src>... <dest>"],
    example: "ADD app.tar.gz /opt/",
    pitfalls: [],
  },
  ARG: {
    summary: "Declares a build argument.",
    forms: ["ARG <name>[=<default>]"],
    example: "ARG VERSION=1.0",
    pitfalls: [],
  },
  CMD: {
    summary: "Sets the default command of the container.",
    forms: ['CMD ["executable", "arg"]', "CMD command arg"],
    example: 'CMD ["nginx", "-g", "daemon off;"]',
    pitfalls: [],
  },
  COPY: {
    summary: "Copies files into the image.",
    forms: ["COPY <src>... <dest>"],
    example: "COPY . /app",
    pitfalls: [],
  },
  ENTRYPOINT: {
    summary: "Sets the executable the container runs.",
    forms: ['ENTRYPOINT ["executable", "arg"]', "ENTRYPOINT command arg"],
    example: 'ENTRYPOINT ["/docker-entrypoint.sh"]',
    pitfalls: [],
  },
  ENV: {
    summary: "Sets environment variables.",
    forms: ["ENV <key>=<value> ..."],
    example: "ENV PATH=/opt/app/bin:$PATH",
    pitfalls: [],
  },
  EXPOSE: {
    summary: "Documents the ports the container listens on.",
    forms: ["EXPOSE <port>[/<protocol>] ..."],
    example: "EXPOSE 80/tcp",
    pitfalls: [],
  },
  FROM: {
    summary: "Starts a build stage.",
    forms: ["FROM [--platform=<platform>] <image> [AS <name>]"],
    example: "FROM golang:1.22 AS build",
    pitfalls: [],
  },
  HEALTHCHECK: {
    summary: "Tells Docker how to test that the container still works.",
    forms: ["HEALTHCHECK [options] CMD command", "HEALTHCHECK NONE"],
    example: "HEALTHCHECK CMD curl -f http://localhost/ || exit 1",
    pitfalls: [],
  },
  LABEL: {
    summary: "Adds metadata to the image.",
    forms: ["LABEL <key>=<value> ..."],
    example: 'LABEL org.opencontainers.image.source="https://example.com/repo"',
    pitfalls: [],
  },
  MAINTAINER: {
    summary: "Deprecated: sets the image's author.",
    forms: ["MAINTAINER <name>"],
    example: 'LABEL org.opencontainers.image.authors="me@example.com"',
    pitfalls: [],
  },
  ONBUILD: {
    summary: "Registers an instruction that runs when another image builds FROM this one.",
    forms: ["ONBUILD <instruction>"],
    example: "ONBUILD COPY . /src",
    pitfalls: [],
  },
  RUN: {
    summary: "Runs a command while building.",
    forms: ["RUN [options] command", 'RUN [options] ["executable", "arg"]'],
    example: "RUN apt-get update && apt-get install -y curl",
    pitfalls: [],
  },
  SHELL: {
    summary: "Sets the shell used by shell forms.",
    forms: ['SHELL ["executable", "arg"]'],
    example: 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
    pitfalls: [],
  },
  STOPSIGNAL: {
    summary: "Sets the signal that stops the container.",
    forms: ["STOPSIGNAL <signal>"],
    example: "STOPSIGNAL SIGTERM",
    pitfalls: [],
  },
  USER: {
    summary: "Sets the user for what follows.",
    forms: ["USER <user>[:<group>]"],
    example: "USER app",
    pitfalls: [],
  },
  VOLUME: {
    summary: "Declares mount points.",
    forms: ['VOLUME ["/data"]', "VOLUME /data"],
    example: "VOLUME /var/lib/data",
    pitfalls: [],
  },
  WORKDIR: {
    summary: "Sets the working directory.",
    forms: ["WORKDIR <path>"],
    example: "WORKDIR /app",
    pitfalls: [],
  },
};

export function isInstructionKeyword(keyword: string): keyword is InstructionKeyword {
  return (INSTRUCTIONS as readonly string[]).includes(keyword);
}

export function instructionHover(keyword: string): string {
  if (!isInstructionKeyword(keyword)) return "";
  const d = INSTRUCTION_DOCS[keyword];
  const parts = [`**${keyword}** — ${d.summary}`, fence(d.forms.join("\n"))];
  if (d.pitfalls.length > 0) parts.push(`**Pitfalls**\n\n${d.pitfalls.map((p) => `- ${p}`).join("\n")}`);
  parts.push(`Example:\n\n${fence(d.example)}`);
  return parts.join("\n\n");
}

export function fence(code: string): string {
  return `\`\`\`dockerfile\n${code}\n\`\`\``;
}
