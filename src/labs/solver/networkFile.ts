import { InputError } from '../../engines/contract.ts';
import { createFileStore, sha256Hex } from '../../scenario/fileStore.ts';

/**
 * Network files the user opens (file picker or drag and drop): read, identified by SHA-256 (the
 * scenario carries only the name and the hash), and kept in IndexedDB so a reload or a link that
 * names the same file finds it again without asking.
 */
export interface NetworkFile {
  name: string;
  format: 'nnet' | 'onnx';
  sha256: string;
  size: number;
  text?: string;
  bytes?: Uint8Array;
}

export const MAX_NETWORK_BYTES = 64 * 1024 * 1024;

/**
 * A dropped or picked file is a property when its extension says so (.vnnlib, .smt2) or, without
 * a known extension, when it reads as S-expressions; otherwise it is a network.
 */
export function isPropertyFile(name: string, bytes: Uint8Array): boolean {
  const lower = name.toLowerCase();
  if (lower.endsWith('.vnnlib') || lower.endsWith('.smt2')) return true;
  if (lower.endsWith('.nnet') || lower.endsWith('.onnx')) return false;
  const head = new TextDecoder().decode(bytes.subarray(0, 256));
  return /^\s*[(;]/.test(head);
}

/** The format, from the extension or else from the first bytes (.nnet is text, ONNX is protobuf). */
export function detectFormat(name: string, bytes: Uint8Array): 'nnet' | 'onnx' {
  const lower = name.toLowerCase();
  if (lower.endsWith('.nnet')) return 'nnet';
  if (lower.endsWith('.onnx')) return 'onnx';
  const head = new TextDecoder().decode(bytes.subarray(0, 64));
  return /^\s*(\/\/|\d)/.test(head) ? 'nnet' : 'onnx';
}

export async function readNetworkFile(file: File): Promise<NetworkFile> {
  if (file.size > MAX_NETWORK_BYTES) throw new InputError(`“${file.name}” is ${(file.size / 1e6).toFixed(1)} MB; networks up to ${MAX_NETWORK_BYTES / 1e6} MB can be opened`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const format = detectFormat(file.name, bytes);
  const sha256 = await sha256Hex(bytes);
  if (format === 'onnx') return { name: file.name, format, sha256, size: bytes.length, bytes };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`“${file.name}” is not a text file, so it cannot be .nnet (is it ONNX? then name it .onnx)`);
  }
  return { name: file.name, format, sha256, size: bytes.length, text };
}

/** Networks opened here, by SHA-256 (IndexedDB keeps them across reloads). */
export const networkStore = createFileStore<NetworkFile>('latticework-solver', 'networks');
