import { describe, expect, it } from 'vitest'
import { findEntities } from './find-entities.js'

const money = (text: string) =>
  findEntities(text)
    .filter((mention) => mention.type === 'money')
    .map((mention) => [mention.value, mention.normalized])

describe('money', () => {
  it('reads Arabic amounts with scale words and Eastern digits', () => {
    expect(money('بلغت الصفقة ١٫٢ مليار دولار')).toEqual([['١٫٢ مليار دولار', '1200000000 USD']])
    expect(money('عقود بقيمة 10 ملايين دولار')).toEqual([['10 ملايين دولار', '10000000 USD']])
    expect(money('حجز بضائع بقيمة 02 مليون و477 ألف و768 دينار في تونس')).toEqual([
      ['02 مليون و477 ألف و768 دينار', '2477768 TND'],
    ])
  })

  it('reads amounts written in words', () => {
    expect(money('تبرع بمليون دولار')).toEqual([['مليون دولار', '1000000 USD']])
    expect(money('رصدت عشرة ملايين دولار')).toEqual([['عشرة ملايين دولار', '10000000 USD']])
    expect(money('خصصت مليوني دولار')).toEqual([['مليوني دولار', '2000000 USD']])
    expect(money('a million dollars in cash')).toEqual([['a million dollars', '1000000 USD']])
    expect(money('הם נותנים שקים בשלושה שקלים')).toEqual([['שלושה שקלים', '3 ILS']])
  })

  it('does not read a currency named without an amount', () => {
    expect(money('هوى الدولار الأمريكي مقابل اليورو')).toEqual([])
    expect(money('ملايين الدولارات')).toEqual([])
  })

  it('reads symbols and codes before or after the amount', () => {
    expect(money('contracts worth $10 million')).toEqual([['$10 million', '10000000 USD']])
    expect(money('a price tag of €60,000 ($85,242)')).toEqual([
      ['€60,000', '60000 EUR'],
      ['$85,242', '85242 USD'],
    ])
    expect(money('fee of 19.5 EUR')).toEqual([['19.5 EUR', '19.5 EUR']])
    expect(money('USD 5,000 and US$3bn')).toEqual([
      ['USD 5,000', '5000 USD'],
      ['US$3bn', '3000000000 USD'],
    ])
    expect(money('הסכום של ₪1,250 ישולם')).toEqual([['₪1,250', '1250 ILS']])
    expect(money('Discounts: $(1,076.25)')).toEqual([['$(1,076.25)', '-1076.25 USD']])
  })

  it('reads Hebrew shekels, agorot and scales', () => {
    expect(money('העומד היום על 92,644 ש"ח')).toEqual([['92,644 ש"ח', '92644 ILS']])
    expect(money('הושקעו 800 מיליון שקל')).toEqual([['800 מיליון שקל', '800000000 ILS']])
    expect(money('ההיטל יהיה 8.5 אגורות')).toEqual([['8.5 אגורות', '0.085 ILS']])
    expect(money('בסדר גודל של 3מיליארד שקל')).toEqual([['3מיליארד שקל', '3000000000 ILS']])
  })

  it('settles an ambiguous currency word from the countries the text names', () => {
    expect(money('قرض بـ 240 مليون دينار لتونس')).toEqual([['240 مليون دينار', '240000000 TND']])
    expect(money('في الكويت دفع 5 آلاف دينار')).toEqual([['5 آلاف دينار', '5000 KWD']])
    expect(money('150 ألف دينار كويتي')).toEqual([['150 ألف دينار كويتي', '150000 KWD']])
    expect(money('في قطر بلغ السعر 200 ريال')).toEqual([['200 ريال', '200 QAR']])
    expect(money('دفع 28 جنيها استرلينيا')).toEqual([['28 جنيها استرلينيا', '28 GBP']])
    expect(money('بيع بـ 300 درهم في المغرب')).toEqual([['300 درهم', '300 MAD']])
  })

  it('falls back to the documented default when no country is named', () => {
    expect(money('دفع 500 دينار')).toEqual([['500 دينار', '500 JOD']])
    expect(money('دفع 500 ريال')).toEqual([['500 ريال', '500 SAR']])
    expect(money('دفع 500 جنيه')).toEqual([['500 جنيه', '500 EGP']])
  })

  it('gives the first of two amounts the currency (and scale) of the second', () => {
    expect(money('توفير مبالغ في حدود 14 أو 15 مليون يورو')).toEqual([
      ['14', '14000000 EUR'],
      ['15 مليون يورو', '15000000 EUR'],
    ])
    expect(money('ומשתכרים בערך 120,000-100,000 שקל')).toEqual([
      ['120,000', '120000 ILS'],
      ['100,000 שקל', '100000 ILS'],
    ])
  })

  it('does not take a weight in pounds for money', () => {
    expect(money('he lost 10 pounds')).toEqual([])
    expect(money('a 5 million pounds deal')).toEqual([['5 million pounds', '5000000 GBP']])
  })

  it('reads a scaled amount after a word for value in the currency of a nearby amount', () => {
    expect(
      money('ستموله الدولة بقيمة 20 مليون وسيساهم فيه الفلاحون بقيمة 20 مليون دينار في تونس'),
    ).toEqual([
      ['20 مليون', '20000000 TND'],
      ['20 مليون دينار', '20000000 TND'],
    ])
    expect(money('بقيمة 2 مليون قارورة')).toEqual([])
  })

  it('does not join a number and a currency across a line break', () => {
    expect(money('Years ended March 31, 2020 and 2021\nYen (millions)')).toEqual([])
  })

  it('takes the country of the whole document when the passage names none', () => {
    const passage = 'تم ضبط الميزانية في حدود 29،446 مليون دينار'
    expect(findEntities(passage, { countries: ['TN'] }).map((m) => m.normalized)).toEqual([
      '29446000 TND',
    ])
    expect(findEntities(passage, { countries: ['FR', 'KW'] }).map((m) => m.normalized)).toEqual([
      '29446000 KWD',
    ])
  })
})
