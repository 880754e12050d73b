import { InputError } from '../../contract.ts';

/**
 * A reader for the protobuf wire format (https://protobuf.dev/programming-guides/encoding/), just
 * what decoding ONNX needs: varints, 32- and 64-bit fixed fields, length-delimited fields.
 * Every error names the byte offset and the message being read.
 */
export const Wire = { varint: 0, fixed64: 1, bytes: 2, fixed32: 5 } as const;

export class ProtoError extends InputError {}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class ProtoReader {
  private at: number;

  constructor(
    private readonly buf: Uint8Array,
    private readonly start: number,
    private readonly end: number,
    /** What is being read, for messages ("GraphProto 'main'"). */
    readonly context: string,
  ) {
    this.at = start;
  }

  static of(bytes: Uint8Array, context: string): ProtoReader {
    return new ProtoReader(bytes, 0, bytes.length, context);
  }

  get offset(): number {
    return this.at;
  }

  done(): boolean {
    return this.at >= this.end;
  }

  fail(message: string, at = this.at): never {
    throw new ProtoError(`ONNX: byte ${at} (${this.context}): ${message}`);
  }

  /** The next field's number and wire type. */
  tag(): { field: number; wire: number; at: number } {
    const at = this.at;
    const key = this.varint();
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (field === 0) this.fail('field number 0 is not valid protobuf', at);
    return { field, wire, at };
  }

  /** An unsigned varint up to 2^53; larger ones (negative int64s) go through `int64`. */
  varint(): number {
    let result = 0;
    let scale = 1;
    const begin = this.at;
    for (let i = 0; i < 10; i++) {
      if (this.at >= this.end) this.fail('the data ends inside a number', begin);
      const byte = this.buf[this.at++]!;
      result += (byte & 0x7f) * scale;
      if (byte < 0x80) {
        if (result > Number.MAX_SAFE_INTEGER) this.fail('a number is too large', begin);
        return result;
      }
      scale *= 128;
    }
    return this.fail('a number is longer than 10 bytes', begin);
  }

  /** A signed 64-bit integer (two's complement varint), as a Number. */
  int64(): number {
    const begin = this.at;
    let value = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.at >= this.end) this.fail('the data ends inside a number', begin);
      const byte = this.buf[this.at++]!;
      value |= BigInt(byte & 0x7f) << BigInt(7 * i);
      if (byte < 0x80) return Number(BigInt.asIntN(64, value));
    }
    return this.fail('a number is longer than 10 bytes', begin);
  }

  private need(n: number): number {
    const at = this.at;
    if (this.at + n > this.end) this.fail(`the data ends ${this.at + n - this.end} bytes early`, at);
    this.at += n;
    return at;
  }

  float32(): number {
    const at = this.need(4);
    return new DataView(this.buf.buffer, this.buf.byteOffset + at, 4).getFloat32(0, true);
  }

  float64(): number {
    const at = this.need(8);
    return new DataView(this.buf.buffer, this.buf.byteOffset + at, 8).getFloat64(0, true);
  }

  /** A length-delimited field's bytes (a view, not a copy). */
  bytes(): Uint8Array {
    const length = this.varint();
    const at = this.need(length);
    return this.buf.subarray(at, at + length);
  }

  /** A nested message: a reader over its bytes. */
  message(context: string): ProtoReader {
    const length = this.varint();
    const at = this.need(length);
    return new ProtoReader(this.buf, at, at + length, context);
  }

  string(): string {
    const at = this.at;
    try {
      return utf8.decode(this.bytes());
    } catch (e) {
      if (e instanceof ProtoError) throw e;
      return this.fail('a text field is not valid UTF-8', at);
    }
  }

  skip(wire: number, at: number): void {
    switch (wire) {
      case Wire.varint:
        this.varint();
        return;
      case Wire.fixed64:
        this.need(8);
        return;
      case Wire.bytes:
        this.bytes();
        return;
      case Wire.fixed32:
        this.need(4);
        return;
      default:
        this.fail(`wire type ${wire} is not used by ONNX (is this an ONNX file?)`, at);
    }
  }

  expect(wire: number, expected: number, field: string, at: number): void {
    if (wire !== expected) this.fail(`field ${field} has wire type ${wire}, expected ${expected}`, at);
  }

  /** A repeated scalar field, packed or not: calls `read` for each element. */
  repeated(wire: number, element: number, read: (r: ProtoReader) => void, field: string, at: number): void {
    if (wire === Wire.bytes && element !== Wire.bytes) {
      const inner = this.message(this.context);
      while (!inner.done()) read(inner);
      return;
    }
    this.expect(wire, element, field, at);
    read(this);
  }
}
