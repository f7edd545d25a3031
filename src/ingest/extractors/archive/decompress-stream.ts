/** Decompresses one gzip, bzip2 or xz stream held in memory, counting what comes out as it comes
 *  out: the expansion limits are checked on every chunk, so a bomb is stopped after a few MB,
 *  not after it has filled the memory. A cut or damaged stream keeps what was decoded before
 *  the damage. The codecs: node:zlib, seek-bzip (pure JS) and xz-decompress (WASM). */

import { once } from 'node:events'
import { createRequire } from 'node:module'
import { setImmediate as nextTurn } from 'node:timers/promises'
import zlib from 'node:zlib'
import xzDecompress from 'xz-decompress'

/** The single-stream formats. */
export type CompressionFormat = 'gzip' | 'bzip2' | 'xz'

/** How a stream ended: at its proper end, cut off, or at damaged data. */
export type StreamEnd = 'complete' | 'truncated' | 'corrupt'

/** Receives decoded chunks with the number of compressed bytes read so far; may throw to stop. */
export interface ChunkSink {
  push(chunk: Buffer, consumed: number): void
}

/** Thrown when the bytes are not of the format at all (nothing could be decoded). */
export class NotCompressedError extends Error {
  override readonly name = 'NotCompressedError'
}

const CHUNK = 64 * 1024

async function gunzip(input: Buffer, sink: ChunkSink): Promise<StreamEnd> {
  const inflater = zlib.createGunzip()
  let consumed = 0
  let produced = 0
  // Set from the stream's callbacks; a holder keeps TypeScript from narrowing them to null.
  const state: { failure: Error | null; ended: StreamEnd | null } = { failure: null, ended: null }
  inflater.on('data', (chunk: Buffer) => {
    if (state.failure !== null) return
    produced += chunk.length
    try {
      sink.push(chunk, consumed)
    } catch (error) {
      state.failure = error instanceof Error ? error : new Error(String(error))
      inflater.destroy()
    }
  })
  const done = new Promise<void>((resolve) => {
    inflater.once('end', () => {
      state.ended = 'complete'
      resolve()
    })
    inflater.once('close', () => resolve())
    inflater.once('error', (error: NodeJS.ErrnoException) => {
      if (state.failure === null) {
        // Concatenated members are read on; bytes after the last one that are not a gzip
        // header are trailing garbage (tape padding, appended data) and the data is whole.
        if (
          produced > 0 &&
          /incorrect header check|unknown compression method/u.test(error.message)
        ) {
          state.ended = 'complete'
        } else if (produced > 0) {
          state.ended = error.code === 'Z_BUF_ERROR' ? 'truncated' : 'corrupt'
        } else {
          state.failure = new NotCompressedError(error.message, { cause: error })
        }
      }
      resolve()
    })
  })
  for (let offset = 0; offset < input.length; offset += CHUNK) {
    if (state.failure !== null || state.ended !== null) break
    consumed = Math.min(input.length, offset + CHUNK)
    if (!inflater.write(input.subarray(offset, consumed))) {
      await Promise.race([once(inflater, 'drain'), done])
    }
  }
  if (state.failure === null && state.ended === null) inflater.end()
  await done
  if (state.failure !== null) throw state.failure
  return state.ended ?? 'truncated'
}

/** The parts of seek-bzip's decoder that let us decode block by block and yield in between. */
interface Bunzip {
  _init_block(): boolean
  _read_bunzip(): void
  _start_bunzip(input: ByteSource, output: ChunkOutput): void
  readonly reader: { read(bits: number): number }
  readonly streamCRC: number
}
type BunzipConstructor = new (input: ByteSource, output: ChunkOutput) => Bunzip
// seek-bzip 2.0.0 (pinned) has no types and no async API: its own `decode` loop is repeated
// here so the event loop can send progress between 900 KB blocks.
const Bunzip = createRequire(import.meta.url)('seek-bzip') as BunzipConstructor

class InputEndError extends Error {
  override readonly name = 'InputEndError'
}

/** seek-bzip's input protocol over a buffer; reading past the end throws instead of feeding
 *  the decoder -1s. */
class ByteSource {
  position = 0
  constructor(private readonly bytes: Buffer) {}
  readByte(): number {
    if (this.position >= this.bytes.length) throw new InputEndError('input ended')
    return this.bytes[this.position++] ?? 0
  }
  read(buffer: Buffer, offset: number, length: number): number {
    let count = 0
    while (count < length && this.position < this.bytes.length) {
      buffer[offset + count] = this.bytes[this.position++] ?? 0
      count += 1
    }
    return count === 0 ? -1 : count
  }
  eof(): boolean {
    return this.position >= this.bytes.length
  }
}

/** seek-bzip's output protocol: bytes are gathered in 64 KB chunks for the sink. */
class ChunkOutput {
  private chunk = Buffer.alloc(CHUNK)
  private used = 0
  constructor(
    private readonly sink: ChunkSink,
    private readonly source: ByteSource,
  ) {}
  writeByte(byte: number): void {
    this.chunk[this.used++] = byte
    if (this.used === CHUNK) this.flush()
  }
  flush(): void {
    if (this.used === 0) return
    const full = this.chunk.subarray(0, this.used)
    this.chunk = Buffer.alloc(CHUNK)
    this.used = 0
    this.sink.push(full, this.source.position)
  }
}

async function bunzip2(input: Buffer, sink: ChunkSink): Promise<StreamEnd> {
  const source = new ByteSource(input)
  const output = new ChunkOutput(sink, source)
  let decoder: Bunzip
  try {
    decoder = new Bunzip(source, output)
  } catch (error) {
    throw new NotCompressedError('not a bzip2 stream', { cause: error })
  }
  let blocks = 0
  for (;;) {
    try {
      if (decoder._init_block()) {
        decoder._read_bunzip()
        blocks += 1
        output.flush()
        await nextTurn()
        continue
      }
      const crc = decoder.reader.read(32) >>> 0
      if (crc !== decoder.streamCRC) return 'corrupt'
      if (source.eof()) return 'complete'
      // pbzip2 and friends write several streams one after the other.
      try {
        decoder._start_bunzip(source, output)
      } catch {
        return 'complete'
      }
    } catch (error) {
      if (
        error instanceof InputEndError ||
        error instanceof TypeError ||
        error instanceof RangeError
      ) {
        output.flush()
        if (blocks === 0 && !(error instanceof InputEndError)) {
          throw new NotCompressedError('not a bzip2 stream', { cause: error })
        }
        return error instanceof InputEndError ? 'truncated' : 'corrupt'
      }
      throw error
    }
  }
}

async function unxz(input: Buffer, sink: ChunkSink): Promise<StreamEnd> {
  let consumed = 0
  let produced = 0
  const source = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (consumed >= input.length) {
        controller.close()
        return
      }
      const chunk = input.subarray(consumed, consumed + CHUNK)
      consumed += chunk.length
      controller.enqueue(chunk)
    },
  })
  const reader = (
    new xzDecompress.XzReadableStream(source) as ReadableStream<Uint8Array>
  ).getReader()
  for (;;) {
    let next: Awaited<ReturnType<typeof reader.read>>
    try {
      next = await reader.read()
    } catch (error) {
      // The WASM decoder reports a cut stream and trailing garbage with the same code (8).
      if (produced === 0) throw new NotCompressedError('not an xz stream', { cause: error })
      return 'truncated'
    }
    if (next.done) return 'complete'
    produced += next.value.length
    try {
      sink.push(
        Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength),
        consumed,
      )
    } catch (error) {
      await reader.cancel().catch(() => undefined)
      throw error
    }
  }
}

/**
 * Decodes `input` into `sink`; throws `NotCompressedError` when nothing decodes and passes on
 * whatever the sink throws.
 */
export function decompressStream(
  format: CompressionFormat,
  input: Buffer,
  sink: ChunkSink,
): Promise<StreamEnd> {
  if (format === 'gzip') return gunzip(input, sink)
  if (format === 'bzip2') return bunzip2(input, sink)
  return unxz(input, sink)
}
