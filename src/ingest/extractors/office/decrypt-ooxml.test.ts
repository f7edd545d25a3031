import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decryptPackage } from './decrypt-ooxml.js'
import { openCompoundFile, streamOf } from './ole-properties.js'

const corpus = process.env.DALEEL_CORPUS ?? '/work/shared/corpus'
const hasCorpus = existsSync(join(corpus, 'MANIFEST.tsv'))
if (!hasCorpus) console.warn(`decrypt-ooxml corpus tests skipped: no corpus at ${corpus}`)

function streams(path: string): [Buffer, Buffer] {
  const file = openCompoundFile(readFileSync(join(corpus, path)))
  const info = file === null ? null : streamOf(file, 'EncryptionInfo')
  const encrypted = file === null ? null : streamOf(file, 'EncryptedPackage')
  if (info === null || encrypted === null) throw new Error(`${path} is not an encrypted package`)
  return [info, encrypted]
}

describe('decryptPackage', () => {
  it('gives up on a hostile spin count instead of hashing for hours', () => {
    const xml = Buffer.from(
      '<encryption><keyData saltValue="AAAAAAAAAAAAAAAAAAAAAA==" hashAlgorithm="SHA512" keyBits="256" blockSize="16" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC"/>' +
        '<keyEncryptors><keyEncryptor><p:encryptedKey xmlns:p="p" spinCount="2000000000" saltValue="AAAAAAAAAAAAAAAAAAAAAA==" hashAlgorithm="SHA512" keyBits="256" encryptedKeyValue="AAAA" encryptedVerifierHashInput="AAAA" encryptedVerifierHashValue="AAAA"/></keyEncryptor></keyEncryptors></encryption>',
    )
    const info = Buffer.concat([Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]), xml])
    const started = Date.now()
    expect(decryptPackage(info, Buffer.alloc(64), 'VelvetSweatshop')).toBeNull()
    expect(Date.now() - started).toBeLessThan(1000)
  })
})

describe.skipIf(!hasCorpus)('decryptPackage on the corpus', () => {
  it.each([
    ['tika/testEXCEL_protected_passtika.xlsx', 'Standard (AES-128, SHA-1)'],
    ['tika/testEXCEL_protected_passtika_2.xlsx', 'Agile (AES-256, SHA-512)'],
  ])('opens %s, %s, with its password and not with another', (path) => {
    const [info, encrypted] = streams(path)
    const plain = decryptPackage(info, encrypted, 'tika')
    expect(plain?.subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'))
    expect(decryptPackage(info, encrypted, 'VelvetSweatshop')).toBeNull()
  })
})
