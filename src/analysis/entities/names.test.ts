import { describe, expect, it } from 'vitest'
import { findEntities } from './find-entities.js'
import { findCountries } from './find-entities.js'
import { normalizeName } from './names.js'

const names = (text: string) =>
  findEntities(text)
    .filter((mention) => ['person', 'organization', 'location'].includes(mention.type))
    .map((mention) => [mention.type, mention.value, mention.normalized])

describe('normalizeName', () => {
  it('makes spelling variants meet as one entity', () => {
    expect(normalizeName('مُحمّد  الغنّوشي')).toBe(normalizeName('محمد الغنوشي'))
    expect(normalizeName('إسرائيل')).toBe(normalizeName('اسرائيل'))
    expect(normalizeName('הַכְּנֶסֶת')).toBe(normalizeName('הכנסת'))
    expect(normalizeName('Philipp Steinkrüger')).toBe('philipp steinkruger')
  })
})

describe('places', () => {
  it('finds countries and cities in the three scripts, without their proclitics', () => {
    expect(names('وصل إلى بتونس ثم القاهرة')).toEqual([
      ['location', 'تونس', 'تونس'],
      ['location', 'القاهرة', 'القاهره'],
    ])
    expect(names('עברו לישראל מאוקראינה')).toEqual([
      ['location', 'ישראל', 'ישראל'],
      ['location', 'אוקראינה', 'אוקראינה'],
    ])
    expect(names('LEIPZIG, Germany—German car maker')).toContainEqual([
      'location',
      'Germany',
      'germany',
    ])
  })

  it('does not take a street named after a place, or a word that spells a country', () => {
    expect(names('يقع في نهج الجزائر')).toEqual([])
    expect(names('مبلغ مالي كبير')).toEqual([])
  })
})

describe('people', () => {
  it('finds an Arabic name after a title or a role, without the title', () => {
    expect(names('قال السيد عبد الكريم الهاروني اليوم')).toEqual([
      ['person', 'عبد الكريم الهاروني', 'عبد الكريم الهاروني'],
    ])
    expect(names('يؤدي وزير الشؤون الثقافية محمد زين العابدين غدا')).toEqual([
      ['person', 'محمد زين العابدين', 'محمد زين العابدين'],
    ])
  })

  it('finds an Arabic name from a common given name', () => {
    expect(names('وأكد عصام بوزيد في مداخلة')).toEqual([['person', 'عصام بوزيد', 'عصام بوزيد']])
  })

  it('finds a Hebrew name after an honorific', () => {
    expect(names('עם יושב-ראש ההסתדרות, מר אבי ניסנקורן, על הסכם')).toContainEqual([
      'person',
      'אבי ניסנקורן',
      'אבי ניסנקורנ',
    ])
  })

  it('finds English people through compromise, without their titles', () => {
    expect(names('In March, Mr. Reithofer indicated')).toEqual([
      ['person', 'Reithofer', 'reithofer'],
    ])
  })
})

describe('organisations', () => {
  it('reads an Arabic organisation from its opening word to the end of its name', () => {
    expect(names('أعلنت الشركة التونسية للكهرباء والغاز في بلاغ')).toEqual([
      ['organization', 'الشركة التونسية للكهرباء والغاز', 'الشركه التونسيه للكهرباء والغاز'],
    ])
    expect(names('بالتعاون بين وزارة البيئة والادارة العامة للغابات')).toEqual([
      ['organization', 'وزارة البيئة', 'وزاره البييه'],
      ['organization', 'الادارة العامة للغابات', 'الاداره العامه للغابات'],
    ])
  })

  it('does not take a generic reference for a name', () => {
    expect(names('ميزانية المجلس الكاملة')).toEqual([])
  })

  it('reads a Hebrew organisation with its article and a quoted name', () => {
    expect(names('לפי המשרד להגנת הסביבה')).toEqual([
      ['organization', 'המשרד להגנת הסביבה', 'המשרד להגנת הסביבה'],
    ])
    expect(names('על-ידי חברת "מקורות" במחיר')).toEqual([['organization', 'מקורות', 'מקורות']])
  })

  it('finds well-known organisations by name', () => {
    expect(names('صندوق النقد الدولي والبنك العالمي')).toEqual([
      ['organization', 'صندوق النقد الدولي', 'صندوق النقد الدولي'],
      ['organization', 'البنك العالمي', 'البنك العالمي'],
    ])
  })
})

describe('findCountries', () => {
  it('lists the countries a document names, the most named first', () => {
    expect(findCountries('وقعت في صفاقس وسوسة اتفاقية مع شركة ليبية')).toEqual(['TN', 'LY'])
    expect(findCountries('Contact: info@fontys.nl, Venlo')).toEqual(['NL'])
  })

  it('counts a spelling two places share for both (عمان: Oman, Amman)', () => {
    expect(findCountries('اجتماع في عمّان').sort()).toEqual(['JO', 'OM'])
  })
})
