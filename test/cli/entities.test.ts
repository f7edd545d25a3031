import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jsonLines, runCli } from '../support/run-cli.js'
import { writeSampleFolder } from '../support/sample-folder.js'

interface Entity {
  type: string
  value: string
  normalized: string
  count: number
  docs: number
}

describe('entities from the CLI, with citations', () => {
  let root: string
  let store: string
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'daleel-entities-'))
    store = join(root, 'store')
    const folder = await writeSampleFolder(root)
    expect(runCli(['index', folder], { store }).code).toBe(0)
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  const entities = (...args: string[]): Entity[] =>
    jsonLines<Entity>(runCli(['entities', '--json', ...args], { store }).stdout)

  it('lists Arabic money and dates written in Arabic-Indic digits, normalised', () => {
    expect(entities('--type', 'money')).toContainEqual(
      expect.objectContaining({ normalized: '250000 USD', count: 1, docs: 1 }),
    )
    expect(entities('--type', 'date').map((e) => e.normalized)).toEqual(
      expect.arrayContaining(['2024', '2024-01-08']),
    )
    expect(entities('--type', 'email').map((e) => e.normalized)).toEqual(
      expect.arrayContaining(['sara@example.org', 'omar@example.org']),
    )
  })

  it('finds documents by entity and cites the mention exactly', () => {
    const [hit] = jsonLines<{ id: string; path: string }>(
      runCli(['search', 'entity:"250000 USD"', '--json'], { store }).stdout,
    )
    expect(hit?.path).toMatch(/arabic-utf8\.txt$/u)
    const csv = runCli(['export', '--format', 'csv'], { store }).stdout.split('\n')
    expect(csv[0]).toBe('document_id,path,sha256,page,start,end,type,value,normalized')
    const row = csv.find((line) => line.includes('250000 USD'))?.split(',') ?? []
    const [id, , , , start, end, , value] = row
    const citation = jsonLines<{ quote: string; sha256: string }>(
      runCli(['cite', id ?? '', '--at', `${start}:${Number(end) - Number(start)}`, '--json'], {
        store,
      }).stdout,
    )[0]
    expect(citation?.quote).toBe(value)
    expect(citation?.quote).toContain('٢٥٠٠٠٠')
  })

  it('exports FollowTheMoney entities that other tools can read', () => {
    const file = join(root, 'ftm.jsonl')
    expect(runCli(['export', '--format', 'ftm', '--out', file], { store }).code).toBe(0)
    const records = jsonLines<{ id: string; schema: string; properties: Record<string, string[]> }>(
      readFileSync(file, 'utf8'),
    )
    const mail = records.find((r) => r.schema === 'Email')
    expect(mail?.properties['emailMentioned']).toEqual(expect.arrayContaining(['sara@example.org']))
    for (const record of records) {
      expect(record.id).toMatch(/^daleel-/u)
      for (const values of Object.values(record.properties))
        expect(Array.isArray(values)).toBe(true)
    }
  })

  it('runs the analysis again without changing what it finds', () => {
    const before = entities()
    const result = runCli(['analyze', '--json'], { store })
    expect(result.code).toBe(0)
    expect(jsonLines(result.stdout)[0]).toMatchObject({ documents: 9 })
    expect(entities()).toEqual(before)
  })

  it('refuses an unknown entity type with exit 2', () => {
    expect(runCli(['entities', '--type', 'weapon'], { store }).code).toBe(2)
  })
})
