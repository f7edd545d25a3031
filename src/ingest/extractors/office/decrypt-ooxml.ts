/** Opens password-protected Office Open XML packages with Excel's built-in default password,
 *  "VelvetSweatshop" (Excel encrypts workbooks whose structure is protected with it and opens
 *  them without asking, so their text is no secret; corpus: tika/protect.xlsx), or with one of
 *  the passwords the user gave.
 *  Standard (AES-ECB, SHA-1) and Agile (AES-CBC, SHA-1/256/384/512) encryption are read
 *  (MS-OFFCRYPTO 2.3.4.5–2.3.4.15); a file none of them opens is FILE_ENCRYPTED. */

import { createDecipheriv, createHash } from 'node:crypto'
import { attributeOf, localName, parseXmlBytes } from './parse-xml.js'

const DEFAULT_PASSWORD = 'VelvetSweatshop'
// Office writes 100,000 (Agile) or 50,000 (Standard) rounds; a hostile file must not make us
// hash for hours.
const MAX_SPIN_COUNT = 1_000_000
const SEGMENT_BYTES = 4096
const VERIFIER_INPUT_BLOCK = Buffer.from([0xfe, 0xa7, 0xd2, 0x76, 0x3b, 0x4b, 0x9e, 0x79])
const VERIFIER_VALUE_BLOCK = Buffer.from([0xd7, 0xaa, 0x0f, 0x6d, 0x30, 0x61, 0x34, 0x4e])
const KEY_VALUE_BLOCK = Buffer.from([0x14, 0x6e, 0x0b, 0xe7, 0xab, 0xac, 0xd0, 0xd6])
const HASHES: Readonly<Record<string, string>> = {
  SHA1: 'sha1',
  'SHA-1': 'sha1',
  SHA256: 'sha256',
  'SHA-256': 'sha256',
  SHA384: 'sha384',
  'SHA-384': 'sha384',
  SHA512: 'sha512',
  'SHA-512': 'sha512',
}

function hash(algorithm: string, ...parts: Buffer[]): Buffer {
  const digest = createHash(algorithm)
  for (const part of parts) digest.update(part)
  return digest.digest()
}

function uint32(value: number): Buffer {
  const bytes = Buffer.alloc(4)
  bytes.writeUInt32LE(value >>> 0)
  return bytes
}

/** H(salt + password), then `spinCount` rounds of H(iterator + previous) (2.3.4.7, 2.3.4.11). */
function spin(algorithm: string, salt: Buffer, password: string, spinCount: number): Buffer {
  let value = hash(algorithm, salt, Buffer.from(password, 'utf16le'))
  for (let round = 0; round < spinCount; round++) value = hash(algorithm, uint32(round), value)
  return value
}

function aes(mode: 'ecb' | 'cbc', key: Buffer, iv: Buffer | null, data: Buffer): Buffer {
  const decipher = createDecipheriv(`aes-${key.length * 8}-${mode}`, key, iv)
  decipher.setAutoPadding(false)
  return Buffer.concat([decipher.update(data), decipher.final()])
}

/** A buffer cut or padded (with `pad`) to `length` bytes. */
function fitLength(bytes: Buffer, length: number, pad: number): Buffer {
  return bytes.length >= length
    ? bytes.subarray(0, length)
    : Buffer.concat([bytes, Buffer.alloc(length - bytes.length, pad)])
}

/** Standard encryption: one AES key from SHA-1 (2.3.4.5–2.3.4.9). */
function decryptStandard(info: Buffer, encrypted: Buffer, password: string): Buffer | null {
  const headerSize = info.readUInt32LE(8)
  const header = info.subarray(12, 12 + headerSize)
  const algorithm = header.readUInt32LE(8)
  const keyBits = header.readUInt32LE(16)
  // 0x660E–0x6610: AES-128/192/256; RC4 (0x6801) is not used with the default password.
  if (algorithm < 0x660e || algorithm > 0x6610 || ![128, 192, 256].includes(keyBits)) return null
  const verifier = info.subarray(12 + headerSize)
  const saltSize = verifier.readUInt32LE(0)
  const salt = verifier.subarray(4, 4 + saltSize)
  const encryptedVerifier = verifier.subarray(4 + saltSize, 20 + saltSize)
  const encryptedVerifierHash = verifier.subarray(24 + saltSize, 56 + saltSize)
  const derived = hash('sha1', spin('sha1', salt, password, 50_000), uint32(0))
  const x1 = hash(
    'sha1',
    Buffer.from(Buffer.alloc(64, 0x36).map((byte, index) => byte ^ (derived[index] ?? 0))),
  )
  const x2 = hash(
    'sha1',
    Buffer.from(Buffer.alloc(64, 0x5c).map((byte, index) => byte ^ (derived[index] ?? 0))),
  )
  const key = Buffer.concat([x1, x2]).subarray(0, keyBits / 8)
  const plainVerifier = aes('ecb', key, null, encryptedVerifier)
  const plainHash = aes('ecb', key, null, encryptedVerifierHash).subarray(0, 20)
  if (!hash('sha1', plainVerifier).equals(plainHash)) return null
  const size = Number(encrypted.readBigUInt64LE(0))
  const body = encrypted.subarray(8, 8 + Math.ceil((encrypted.length - 8) / 16) * 16)
  if (body.length % 16 !== 0) return null
  return aes('ecb', key, null, body).subarray(0, size)
}

interface AgileInfo {
  keyData: Record<string, string>
  passwordKey: Record<string, string>
}

function readAgileInfo(xml: Buffer): AgileInfo | null {
  let keyData: Record<string, string> | null = null
  let passwordKey: Record<string, string> | null = null
  parseXmlBytes(xml, {
    open(name, attributes) {
      const local = localName(name)
      if (local === 'keyData') keyData = { ...attributes }
      else if (
        local === 'encryptedKey' &&
        attributeOf(attributes, 'encryptedKeyValue') !== undefined
      ) {
        passwordKey = { ...attributes }
      }
    },
  })
  return keyData === null || passwordKey === null ? null : { keyData, passwordKey }
}

/** Agile encryption: a password key unlocks the package key; 4096-byte CBC segments. */
function decryptAgile(info: Buffer, encrypted: Buffer, password: string): Buffer | null {
  const agile = readAgileInfo(info.subarray(8))
  if (agile === null) return null
  const field = (record: Record<string, string>, local: string): string =>
    attributeOf(record, local) ?? ''
  const passwordHash = HASHES[field(agile.passwordKey, 'hashAlgorithm')]
  const packageHash = HASHES[field(agile.keyData, 'hashAlgorithm')]
  const spinCount = Number(field(agile.passwordKey, 'spinCount'))
  const passwordKeyBytes = Number(field(agile.passwordKey, 'keyBits')) / 8
  const packageKeyBytes = Number(field(agile.keyData, 'keyBits')) / 8
  const blockSize = Number(field(agile.keyData, 'blockSize'))
  if (passwordHash === undefined || packageHash === undefined) return null
  if (!Number.isInteger(spinCount) || spinCount < 0 || spinCount > MAX_SPIN_COUNT) return null
  if (
    ![16, 24, 32].includes(passwordKeyBytes) ||
    ![16, 24, 32].includes(packageKeyBytes) ||
    blockSize !== 16
  )
    return null
  if (
    field(agile.keyData, 'cipherAlgorithm') !== 'AES' ||
    field(agile.keyData, 'cipherChaining') !== 'ChainingModeCBC'
  )
    return null
  const passwordSalt = Buffer.from(field(agile.passwordKey, 'saltValue'), 'base64')
  const spun = spin(passwordHash, passwordSalt, password, spinCount)
  const keyFor = (block: Buffer): Buffer =>
    fitLength(hash(passwordHash, spun, block), passwordKeyBytes, 0x36)
  const unlock = (block: Buffer, attribute: string): Buffer => {
    const data = Buffer.from(field(agile.passwordKey, attribute), 'base64')
    return aes(
      'cbc',
      keyFor(block),
      fitLength(passwordSalt, 16, 0x36),
      data.subarray(0, Math.floor(data.length / 16) * 16),
    )
  }
  const verifierInput = unlock(VERIFIER_INPUT_BLOCK, 'encryptedVerifierHashInput')
  const verifierHash = unlock(VERIFIER_VALUE_BLOCK, 'encryptedVerifierHashValue')
  const expected = hash(passwordHash, verifierInput.subarray(0, passwordSalt.length))
  if (!verifierHash.subarray(0, expected.length).equals(expected)) return null
  const packageKey = unlock(KEY_VALUE_BLOCK, 'encryptedKeyValue').subarray(0, packageKeyBytes)
  const packageSalt = Buffer.from(field(agile.keyData, 'saltValue'), 'base64')
  const size = Number(encrypted.readBigUInt64LE(0))
  const parts: Buffer[] = []
  for (let offset = 8, segment = 0; offset < encrypted.length; offset += SEGMENT_BYTES, segment++) {
    const chunk = encrypted.subarray(offset, offset + SEGMENT_BYTES)
    const whole = chunk.subarray(0, Math.floor(chunk.length / 16) * 16)
    const iv = fitLength(hash(packageHash, packageSalt, uint32(segment)), 16, 0x36)
    parts.push(aes('cbc', packageKey, iv, whole))
  }
  return Buffer.concat(parts).subarray(0, size)
}

/**
 * The decrypted package (a zip) when `password` opens it, else null. `encryptionInfo` and
 * `encryptedPackage` are the compound file's two streams.
 */
export function decryptPackage(
  encryptionInfo: Buffer,
  encryptedPackage: Buffer,
  password: string,
): Buffer | null {
  try {
    if (encryptionInfo.length < 12 || encryptedPackage.length < 8) return null
    const major = encryptionInfo.readUInt16LE(0)
    const minor = encryptionInfo.readUInt16LE(2)
    let plain: Buffer | null = null
    if (major === 4 && minor === 4) plain = decryptAgile(encryptionInfo, encryptedPackage, password)
    else if ((major === 3 || major === 4) && minor === 2) {
      plain = decryptStandard(encryptionInfo, encryptedPackage, password)
    }
    // The result must be a zip; a wrong key gives noise.
    return plain !== null && plain.length >= 4 && plain.readUInt32LE(0) === 0x04034b50
      ? plain
      : null
  } catch {
    return null
  }
}

/** The decrypted package when Excel's default password or one of `passwords` opens it, else
 *  null. */
export function decryptWithPasswords(
  encryptionInfo: Buffer,
  encryptedPackage: Buffer,
  passwords: readonly string[] = [],
): { readonly bytes: Buffer; readonly defaultPassword: boolean } | null {
  for (const [index, password] of [DEFAULT_PASSWORD, ...passwords].entries()) {
    const plain = decryptPackage(encryptionInfo, encryptedPackage, password)
    if (plain !== null) return { bytes: plain, defaultPassword: index === 0 }
  }
  return null
}
