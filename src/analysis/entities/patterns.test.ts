import { describe, expect, it } from 'vitest'
import { findEntities } from './find-entities.js'
import { normalizeUrl } from './patterns.js'

const found = (text: string, lang: string | null = null) =>
  findEntities(text, { lang })
    .filter(
      (mention) => !['person', 'organization', 'location', 'date', 'money'].includes(mention.type),
    )
    .map((mention) => [mention.type, mention.value, mention.normalized])

describe('e-mail addresses and links', () => {
  it('finds addresses, in lower case, without a mailto: prefix', () => {
    expect(found('From: Tarek Kouatly <Tarek@ACT.edu>')).toEqual([
      ['email', 'Tarek@ACT.edu', 'tarek@act.edu'],
    ])
    expect(found('campusvenlo@fontys.nl<mailto:campusvenlo@fontys.nl>')).toEqual([
      ['email', 'campusvenlo@fontys.nl', 'campusvenlo@fontys.nl'],
      ['email', 'campusvenlo@fontys.nl', 'campusvenlo@fontys.nl'],
    ])
    expect(found('QLD,07-9387-7293,mbewley@yahoo.com,x')).toContainEqual([
      'email',
      'mbewley@yahoo.com',
      'mbewley@yahoo.com',
    ])
  })

  it('does not take a message id for an address', () => {
    expect(found('In-Reply-To: <6089099.2602.JavaMail.jira@thor>')).toEqual([])
  })

  it('finds links with and without a scheme, without trailing punctuation', () => {
    expect(found('see http://www.esri.com/library/shapefile.pdf.')).toEqual([
      [
        'url',
        'http://www.esri.com/library/shapefile.pdf',
        'http://www.esri.com/library/shapefile.pdf',
      ],
    ])
    expect(found('visit www.Act.edu or Tecnick.com')).toEqual([
      ['url', 'www.Act.edu', 'http://www.act.edu'],
      ['url', 'Tecnick.com', 'http://tecnick.com'],
    ])
  })

  it('normalises scheme and host only', () => {
    expect(normalizeUrl('HTTPS://Example.COM/Path?Q=1')).toBe('https://example.com/Path?Q=1')
    expect(normalizeUrl('www.example.com/')).toBe('http://www.example.com')
  })
})

describe('IBANs', () => {
  it('validates the checksum, with spaces and Eastern digits', () => {
    expect(found('الآيبان SA03 8000 0000 6080 1016 7519، شكرا')).toEqual([
      ['iban', 'SA03 8000 0000 6080 1016 7519', 'SA0380000000608010167519'],
    ])
    expect(found('IBAN: SA٠٣ ٨٠٠٠ ٠٠٠٠ ٦٠٨٠ ١٠١٦ ٧٥١٩ باسم')).toEqual([
      ['iban', 'SA٠٣ ٨٠٠٠ ٠٠٠٠ ٦٠٨٠ ١٠١٦ ٧٥١٩', 'SA0380000000608010167519'],
    ])
    expect(found('from FR1420041010050500013M02606 to')).toEqual([
      ['iban', 'FR1420041010050500013M02606', 'FR1420041010050500013M02606'],
    ])
  })

  it('rejects a wrong check digit', () => {
    expect(found('GB00 WEST 1234 5698 7654 32')).toEqual([])
  })
})

describe('phone numbers', () => {
  it('finds international numbers in E.164', () => {
    expect(found('call +44 20 7946 0958 today')).toEqual([
      ['phone', '+44 20 7946 0958', '+442079460958'],
    ])
  })

  it('reads national numbers with the country of the text, near a phone word', () => {
    expect(found('טלפון 03-6123456 או נייד 052-3456789', 'he')).toEqual([
      ['phone', '03-6123456', '+97236123456'],
      ['phone', '052-3456789', '+972523456789'],
    ])
    expect(found('للاستفسار الاتصال بالهاتف رقم 0223456789 بالقاهرة')).toEqual([
      ['phone', '0223456789', '+20223456789'],
    ])
    expect(found('(605) 574-3184 phone')).toEqual([['phone', '(605) 574-3184', '+16055743184']])
  })

  it('leaves a national number alone when nothing says it is one', () => {
    expect(found('رقم القضية 0223456789', 'ar')).toEqual([])
  })
})

describe('identifiers', () => {
  it('finds a SWIFT/BIC code after its cue, and drops the head-office branch', () => {
    expect(found('رمز السويفت RJHISARI')).toEqual([['identifier', 'RJHISARI', 'bic:RJHISARI']])
    expect(found('(BIC: COBADEFFXXX)')).toEqual([['identifier', 'COBADEFFXXX', 'bic:COBADEFF']])
    expect(found('THE BUSINESS OF BUSINESS')).toEqual([])
  })

  it('checks Israeli identity and company numbers', () => {
    expect(found('על שם דוד כהן, ת.ז. 123456782.')).toEqual([
      ['identifier', '123456782', 'il-id:123456782'],
    ])
    expect(found('ת.ז. 123456789')).toEqual([])
    expect(found('ח.פ. 51-234567-9')).toEqual([
      ['identifier', '51-234567-9', 'il-company:512345679'],
    ])
  })

  it('checks UK VAT and card numbers', () => {
    expect(found('VAT Reg. No. GB 980 7806 84.')).toEqual([
      ['identifier', 'GB 980 7806 84', 'gb-vat:980780684'],
    ])
    expect(found('card number 4111 1111 1111 1111 on file')).toEqual([
      ['identifier', '4111 1111 1111 1111', 'card:4111111111111111'],
    ])
    expect(found('order 4111 1111 1111 1111')).toEqual([])
  })
})
