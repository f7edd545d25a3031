/** Writes a small folder of mixed documents (text written for these tests) in the ways real
 *  collections arrive: other encodings, nested containers, mail with attachments, damaged files. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import yazl from 'yazl'

export const arabicText =
  'أعلنت وزارةُ الماليّة عن التحويلات الجديدة إلى المستثمرين.\n\nوقال الوزير إنّ المبلغ بلغ ٢٥٠٠٠٠ دولار في عام ٢٠٢٤.'
export const hebrewText =
  'הודעה ממשרד האוצר: בשנת 2021 הועברו הכספים לחברת הבנייה.\n\nצה"ל פרסם הודעה נוספת.'
export const englishHtml =
  '<!doctype html><html><head><title>Quarterly transfers</title><script>document.write("evil")</script></head>' +
  '<body><h1>Quarterly transfers</h1><p>The investigators traced payments through Geneva.</p></body></html>'

/** A zip of the given members, made in memory. */
export function zipOf(entries: Record<string, Buffer>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile()
    for (const [name, bytes] of Object.entries(entries)) zip.addBuffer(bytes, name)
    zip.end()
    const chunks: Buffer[] = []
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk))
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)))
    zip.outputStream.on('error', reject)
  })
}

export const mailText = [
  'From: Sara Levi <sara@example.org>',
  'To: Omar Haddad <omar@example.org>',
  'Subject: =?UTF-8?B?2KrZgtix2YrYsSDYp9mE2KrYrdmI2YrZhNin2Ko=?=',
  'Date: Mon, 8 Jan 2024 10:00:00 +0000',
  'Message-ID: <m1@example.org>',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="b1"',
  '',
  '--b1',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Please find the ledger of shell companies attached.',
  '--b1',
  'Content-Type: text/plain; charset=utf-8; name="ledger.txt"',
  'Content-Disposition: attachment; filename="ledger.txt"',
  '',
  'Offshore ledger entry: Cedar Holdings paid the consultants.',
  '--b1--',
  '',
].join('\r\n')

/** Creates the folder and returns its path. */
export async function writeSampleFolder(root: string): Promise<string> {
  const dir = join(root, 'leak')
  mkdirSync(join(dir, 'mail'), { recursive: true })
  writeFileSync(join(dir, 'arabic-utf8.txt'), arabicText)
  writeFileSync(join(dir, 'hebrew-1255.txt'), iconv.encode(hebrewText, 'windows-1255'))
  writeFileSync(join(dir, 'report.html'), englishHtml)
  writeFileSync(join(dir, 'mail', 'message.eml'), mailText)
  const inner = await zipOf({
    'deep/note.txt': Buffer.from('A nested note mentions the harbour warehouse.'),
  })
  writeFileSync(
    join(dir, 'bundle.zip'),
    await zipOf({ 'inner.zip': inner, 'readme.txt': Buffer.from('Bundle readme about invoices.') }),
  )
  writeFileSync(
    join(dir, 'broken.pdf'),
    '%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage without end',
  )
  writeFileSync(join(dir, 'empty.txt'), '')
  return dir
}
