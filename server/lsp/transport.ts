import { createConnection as connectTcp } from "node:net";
import {
  AbstractMessageReader,
  type DataCallback,
  Disposable,
  ErrorCodes,
  IPCMessageReader,
  IPCMessageWriter,
  type Message,
  type MessageReader,
  type MessageWriter,
  StreamMessageWriter,
} from "vscode-languageserver/node.js";

const HEADER_END = Buffer.from("\r\n\r\n");
const CONTENT_LENGTH = Buffer.from("Content-Length:");
/** A header section longer than this without its blank line is not a header: drop it instead of buffering. */
const MAX_HEADER = 64 * 1024;

type Reply = (code: number, message: string) => void;

/**
 * Reads `Content-Length`-framed JSON-RPC from a byte stream, like vscode-jsonrpc's reader, but survives bad input:
 * a malformed header or a body that is not JSON gets a JSON-RPC error reply (id null) and the reader carries on
 * at the next message instead of losing the framing for good.
 */
export class TolerantMessageReader extends AbstractMessageReader implements MessageReader {
  private chunks: Buffer[] = [];
  private length = 0;
  /** Body length of the message being read, or -1 while reading a header. */
  private bodyLength = -1;
  private callback: DataCallback | undefined;

  constructor(
    private readonly readable: NodeJS.ReadableStream,
    private readonly reply: Reply,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (chunk: Buffer) => this.onData(chunk);
    const onError = (e: Error) => this.fireError(e);
    const onClose = () => this.fireClose();
    this.readable.on("data", onData);
    this.readable.on("error", onError);
    this.readable.on("end", onClose);
    return Disposable.create(() => {
      this.readable.off("data", onData);
      this.readable.off("error", onError);
      this.readable.off("end", onClose);
    });
  }

  /** The buffered bytes as one buffer. */
  private flatten(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.length)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  private take(n: number): Buffer {
    const all = this.flatten();
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.length = rest.length;
    return all.subarray(0, n);
  }

  private onData(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
    for (;;) {
      if (this.bodyLength === -1) {
        if (this.length === 0) return;
        const all = this.flatten();
        const end = all.indexOf(HEADER_END);
        if (end === -1) {
          if (all.length > MAX_HEADER) this.skipGarbage(all, "no message header found");
          return;
        }
        const length = contentLength(all.toString("latin1", 0, end));
        if (length === undefined) {
          this.skipGarbage(all, "a message header needs a valid Content-Length");
          continue;
        }
        this.take(end + HEADER_END.length);
        this.bodyLength = length;
      }
      if (this.length < this.bodyLength) return;
      const body = this.take(this.bodyLength).toString("utf8");
      this.bodyLength = -1;
      this.deliver(body);
    }
  }

  /** Replies with a parse error and drops input up to the next thing that looks like a header. */
  private skipGarbage(all: Buffer, why: string): void {
    this.reply(ErrorCodes.ParseError, `Parse error: ${why}`);
    const next = all.indexOf(CONTENT_LENGTH, 1);
    this.take(next === -1 ? all.length : next);
  }

  private deliver(body: string): void {
    let message: unknown;
    try {
      message = JSON.parse(body);
    } catch {
      this.reply(ErrorCodes.ParseError, "Parse error: the message body is not JSON");
      return;
    }
    if (typeof message !== "object" || message === null || Array.isArray(message)) {
      this.reply(ErrorCodes.InvalidRequest, "Invalid request: a message must be a JSON object");
      return;
    }
    const m = message as Record<string, unknown>;
    if (typeof m.method !== "string" && !("result" in m) && !("error" in m)) {
      this.reply(
        ErrorCodes.InvalidRequest,
        "Invalid request: a message needs a method (or a result or error)",
      );
      return;
    }
    this.callback?.(message as Message);
  }
}

function contentLength(header: string): number | undefined {
  let length: number | undefined;
  for (const line of header.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) return undefined;
    if (line.slice(0, colon).trim().toLowerCase() !== "content-length") continue;
    const value = line.slice(colon + 1).trim();
    if (!/^\d+$/.test(value)) return undefined;
    length = Number(value);
  }
  return length;
}

export interface Transport {
  reader: MessageReader;
  writer: MessageWriter;
  /** The input ended (the client went away); undefined for transports that report this themselves. */
  onInputEnd?: (listener: () => void) => void;
}

/** The transport the arguments name: --stdio, --node-ipc, or --socket=PORT (connecting to the client's port). */
export function transportFrom(args: readonly string[]): Transport | undefined {
  const streams = (input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Transport => {
    const writer = new StreamMessageWriter(output);
    const reply: Reply = (code, message) =>
      void writer.write({ jsonrpc: "2.0", id: null, error: { code, message } } as Message);
    return {
      reader: new TolerantMessageReader(input, reply),
      writer,
      onInputEnd: (listener) => {
        input.on("end", listener);
        input.on("close", listener);
      },
    };
  };
  for (const a of args) {
    if (a === "--stdio") return streams(process.stdin, process.stdout);
    if (a === "--node-ipc")
      return { reader: new IPCMessageReader(process), writer: new IPCMessageWriter(process) };
    const socket = /^--socket=(\d+)$/.exec(a);
    if (socket) {
      const s = connectTcp(Number(socket[1]), "127.0.0.1");
      return streams(s, s);
    }
  }
  return undefined;
}
