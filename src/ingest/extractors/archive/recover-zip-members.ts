/** Salvages members from a zip whose central directory is missing, as in a download or a copy
 *  cut short: walks the local file headers from the front and inflates what is there. The
 *  last member may itself be cut; it is kept as far as it goes and marked `partial`. */

import zlib from 'node:zlib'
import type { RawZipName } from './decode-zip-names.js'

const LOCAL_HEADER = 0x04034b50
const LOCAL_HEADER_BYTES = Buffer.from([0x50, 0x4b, 0x03, 0x04])

/** One member found by its local header. */
export interface RecoveredMember extends RawZipName {
  readonly compressionMethod: number
  readonly encrypted: boolean
  /** The member's bytes; undefined when its method is unsupported or its data is unreadable. */
  readonly bytes?: Buffer
  /** True when the data ran past the end of the file or did not inflate to the end. */
  readonly partial: boolean
}

/** Thrown when the salvaged members would expand beyond the caller's limit. */
export class RecoveryLimitError extends Error {
  override readonly name = 'RecoveryLimitError'
}

function parseExtraFields(extra: Buffer): { id: number; data: Uint8Array }[] {
  const fields: { id: number; data: Uint8Array }[] = []
  let offset = 0
  while (offset + 4 <= extra.length) {
    const id = extra.readUInt16LE(offset)
    const size = extra.readUInt16LE(offset + 2)
    fields.push({ id, data: extra.subarray(offset + 4, Math.min(extra.length, offset + 4 + size)) })
    offset += 4 + size
  }
  return fields
}

function inflate(data: Buffer, maxBytes: number): { bytes: Buffer; partial: boolean } {
  try {
    return { bytes: zlib.inflateRawSync(data, { maxOutputLength: maxBytes + 1 }), partial: false }
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new RecoveryLimitError(`member inflates beyond ${maxBytes} bytes`, { cause: error })
    }
    // A cut stream: a sync flush hands back whatever inflated before the cut.
    const bytes = zlib.inflateRawSync(data, {
      finishFlush: zlib.constants.Z_SYNC_FLUSH,
      maxOutputLength: maxBytes + 1,
    })
    return { bytes, partial: true }
  }
}

/**
 * The members whose local headers can be read, in file order. `maxExpandedBytes` caps the
 * total that may come out; exceeding it throws `RecoveryLimitError`.
 */
export function recoverZipMembers(
  bytes: Uint8Array,
  maxExpandedBytes: number,
  maxMembers: number,
): RecoveredMember[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const members: RecoveredMember[] = []
  let expanded = 0
  let offset = buffer.indexOf(LOCAL_HEADER_BYTES)
  while (offset >= 0 && offset + 30 <= buffer.length) {
    if (buffer.readUInt32LE(offset) !== LOCAL_HEADER) break
    if (members.length >= maxMembers)
      throw new RecoveryLimitError(`more than ${maxMembers} members`)
    const flags = buffer.readUInt16LE(offset + 6)
    const method = buffer.readUInt16LE(offset + 8)
    const compressedSize = buffer.readUInt32LE(offset + 18)
    const nameLength = buffer.readUInt16LE(offset + 26)
    const extraLength = buffer.readUInt16LE(offset + 28)
    const nameStart = offset + 30
    const dataStart = nameStart + nameLength + extraLength
    if (dataStart > buffer.length) break
    const name = buffer.subarray(nameStart, nameStart + nameLength)
    const extraFields = parseExtraFields(buffer.subarray(nameStart + nameLength, dataStart))
    // With a data descriptor (flag bit 3) the sizes follow the data, so the data runs to the
    // next local header, or to the end of what we have.
    const next = buffer.indexOf(LOCAL_HEADER_BYTES, dataStart)
    const sizeKnown = (flags & 0x08) === 0 || compressedSize !== 0
    const dataEnd = sizeKnown ? dataStart + compressedSize : next >= 0 ? next : buffer.length
    const data = buffer.subarray(dataStart, Math.min(dataEnd, buffer.length))
    const cut = dataEnd > buffer.length
    const encrypted = (flags & 0x01) !== 0
    const base = {
      nameBytes: name,
      generalPurposeBitFlag: flags,
      extraFields,
      compressionMethod: method,
      encrypted,
    }
    const budget = maxExpandedBytes - expanded
    if (encrypted || (method !== 0 && method !== 8)) {
      members.push({ ...base, partial: cut })
    } else if (method === 0) {
      if (data.length > budget) throw new RecoveryLimitError(`more than ${maxExpandedBytes} bytes`)
      expanded += data.length
      members.push({ ...base, bytes: Buffer.from(data), partial: cut })
    } else {
      const result = inflate(data, budget)
      if (result.bytes.length > budget)
        throw new RecoveryLimitError(`more than ${maxExpandedBytes} bytes`)
      expanded += result.bytes.length
      members.push({ ...base, bytes: result.bytes, partial: cut || result.partial })
    }
    if (dataEnd >= buffer.length) break
    offset = buffer.indexOf(LOCAL_HEADER_BYTES, dataEnd)
  }
  return members
}
