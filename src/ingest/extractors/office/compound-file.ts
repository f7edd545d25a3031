/** Looks into OLE compound files (the container of .doc, .xls, .ppt, .msg and of
 *  password-protected .docx/.xlsx/.pptx) far enough to list their stream names: the header,
 *  the FAT sectors and the directory chain, nothing else. Reading streams is the `cfb`
 *  package's job; this stays cheap for typing files of any size. */

const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
const END_OF_CHAIN = 0xfffffffe
const FREE_SECTOR = 0xffffffff
const HEADER_DIFAT_ENTRIES = 109
const DIRECTORY_ENTRY_BYTES = 128
const STREAM = 2
const ROOT = 5

/** What a compound file holds, judged by its stream names. */
export type CompoundFileKind = 'doc' | 'xls' | 'ppt' | 'msg' | 'encrypted-ooxml'

/** True when the bytes start with the compound file signature. */
export function isCompoundFile(bytes: Uint8Array): boolean {
  return SIGNATURE.every((byte, index) => bytes[index] === byte)
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/** The sector numbers of the FAT: 109 in the header, the rest in the DIFAT chain. */
function fatSectors(data: DataView, sectorSize: number, sectorCount: number): number[] {
  const count = data.getUint32(0x2c, true)
  const sectors: number[] = []
  for (let index = 0; index < Math.min(count, HEADER_DIFAT_ENTRIES); index++) {
    sectors.push(data.getUint32(0x4c + index * 4, true))
  }
  let difat = data.getUint32(0x44, true)
  const perSector = sectorSize / 4 - 1
  // Each DIFAT sector is visited once at most: a loop in a damaged chain ends here.
  for (let hops = 0; sectors.length < count && difat < sectorCount && hops < sectorCount; hops++) {
    const offset = (difat + 1) * sectorSize
    for (let index = 0; index < perSector && sectors.length < count; index++) {
      sectors.push(data.getUint32(offset + index * 4, true))
    }
    difat = data.getUint32(offset + perSector * 4, true)
  }
  return sectors
}

/** One directory entry: its name, type and tree links (MS-CFB 2.6). */
interface DirectoryEntry {
  readonly name: string
  readonly type: number
  readonly left: number
  readonly right: number
  readonly child: number
}

/**
 * The names of the streams at the top level of a compound file (embedded objects keep their
 * own streams in sub-storages, which are left out), or null when the bytes are not one or its
 * directory cannot be followed (a cut-off or damaged file).
 *
 * @example listCompoundFileStreams(docBytes) // → ['WordDocument', '1Table', '\x05SummaryInformation', …]
 */
export function listCompoundFileStreams(bytes: Uint8Array): string[] | null {
  if (bytes.length < 512 || !isCompoundFile(bytes)) return null
  const data = view(bytes)
  const shift = data.getUint16(0x1e, true)
  if (shift !== 9 && shift !== 12) return null
  const sectorSize = 1 << shift
  const sectorCount = Math.floor(bytes.length / sectorSize) - 1
  const fat = fatSectors(data, sectorSize, sectorCount)
  const entriesPerFatSector = sectorSize / 4
  const next = (sector: number): number => {
    const fatSector = fat[Math.floor(sector / entriesPerFatSector)]
    if (fatSector === undefined || fatSector >= sectorCount) return END_OF_CHAIN
    return data.getUint32((fatSector + 1) * sectorSize + (sector % entriesPerFatSector) * 4, true)
  }
  const entries: DirectoryEntry[] = []
  let sector = data.getUint32(0x30, true)
  for (let hops = 0; sector !== END_OF_CHAIN && hops <= sectorCount; hops++) {
    if (sector === FREE_SECTOR || sector >= sectorCount) break
    const offset = (sector + 1) * sectorSize
    for (
      let at = offset;
      at + DIRECTORY_ENTRY_BYTES <= offset + sectorSize;
      at += DIRECTORY_ENTRY_BYTES
    ) {
      const nameBytes = Math.min(Math.max(data.getUint16(at + 64, true), 2), 64)
      entries.push({
        name: Buffer.from(bytes.subarray(at, at + nameBytes - 2)).toString('utf16le'),
        type: data.getUint8(at + 66),
        left: data.getUint32(at + 68, true),
        right: data.getUint32(at + 72, true),
        child: data.getUint32(at + 76, true),
      })
    }
    sector = next(sector)
  }
  const root = entries[0]
  if (root === undefined || root.type !== ROOT) return null
  // The root's children form a red-black tree linked by left and right siblings.
  const names: string[] = []
  const seen = new Set<number>()
  const pending = [root.child]
  while (pending.length > 0) {
    const index = pending.pop() ?? FREE_SECTOR
    const entry = entries[index]
    if (entry === undefined || seen.has(index)) continue
    seen.add(index)
    if (entry.type === STREAM) names.push(entry.name)
    pending.push(entry.left, entry.right)
  }
  return names
}

/**
 * The kind of Office file a compound file's streams point to, or null for other compound
 * files (Visio, installer databases, thumbnails caches, …).
 */
export function compoundFileKind(streams: readonly string[]): CompoundFileKind | null {
  // Stream names compare case-insensitively (MS-CFB 2.6.4); some writers spell them in
  // lower case (corpus: tika/casing/simple_lower_case.doc).
  const names = new Set(streams.map((name) => name.toLowerCase()))
  // Password-protected Office Open XML: the package is inside, encrypted (MS-OFFCRYPTO 2.3.4).
  if (names.has('encryptioninfo') && names.has('encryptedpackage')) return 'encrypted-ooxml'
  if (names.has('worddocument')) return 'doc'
  // BIFF8 calls its stream "Workbook", BIFF5 (Excel 5/95) "Book".
  if (names.has('workbook') || names.has('book')) return 'xls'
  if (names.has('powerpoint document')) return 'ppt'
  if (streams.some((name) => /^__(?:substg1\.0_|properties_version1\.0$)/iu.test(name))) {
    return 'msg'
  }
  return null
}
