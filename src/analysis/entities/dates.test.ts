import { describe, expect, it } from 'vitest'
import { findEntities } from './find-entities.js'

const dates = (text: string) =>
  findEntities(text)
    .filter((mention) => mention.type === 'date')
    .map((mention) => [mention.value, mention.normalized, mention.precision])

describe('dates', () => {
  it('reads the three Arabic naming systems of the Gregorian months', () => {
    expect(dates('وصل يوم 8 يناير 2024')).toEqual([['8 يناير 2024', '2024-01-08', 'day']])
    expect(dates('السبت 27 ماي 2017 إنطلاقا')).toEqual([['27 ماي 2017', '2017-05-27', 'day']])
    expect(dates('في 3 كانون الثاني 2020 وفي شباط 2021')).toEqual([
      ['3 كانون الثاني 2020', '2020-01-03', 'day'],
      ['شباط 2021', '2021-02', 'month'],
    ])
    expect(dates('منذ شهر جانفي 2017')).toEqual([['جانفي 2017', '2017-01', 'month']])
  })

  it('reads Hebrew months with their prefixes, and leaves the prefix out of the mention', () => {
    expect(dates('ב-12 במרץ 2024 נפגשו')).toEqual([['12 במרץ 2024', '2024-03-12', 'day']])
    expect(dates('מאז בחירתך במאי 2014.')).toEqual([['מאי 2014', '2014-05', 'month']])
    expect(dates('י"א בטבת התשע"ו (23 בדצמבר 2015)')).toEqual([
      ['23 בדצמבר 2015', '2015-12-23', 'day'],
    ])
  })

  it('reads English dates with abbreviations and ordinals', () => {
    expect(dates('Date: Mon, 11 Nov 2013 16:22:55 +0200')).toEqual([
      ['11 Nov 2013', '2013-11-11', 'day'],
    ])
    expect(dates('on January 8, 2024 and on the 2nd of February 2014')).toEqual([
      ['January 8, 2024', '2024-01-08', 'day'],
      ['2nd of February 2014', '2014-02-02', 'day'],
    ])
    expect(dates('Sent: Wednesday, March 03, 2004 12:16 AM')).toEqual([
      ['March 03, 2004', '2004-03-03', 'day'],
    ])
  })

  it('reads numeric dates day first unless the text shows month first', () => {
    expect(dates('يوم ١٢/٠٣/٢٠٢٤ في عمان')).toEqual([['١٢/٠٣/٢٠٢٤', '2024-03-12', 'day']])
    expect(dates('يوم ٨ / ١ / ٢٠٢٤')).toEqual([['٨ / ١ / ٢٠٢٤', '2024-01-08', 'day']])
    expect(dates('החוק ייכנס לתוקפו ב-1.1.2017')).toEqual([['1.1.2017', '2017-01-01', 'day']])
    expect(dates('2019-07-04')).toEqual([['2019-07-04', '2019-07-04', 'day']])
    expect(dates('Paid 10/01/2009, refunded 10/15/2009')).toEqual([
      ['10/01/2009', '2009-10-01', 'day'],
      ['10/15/2009', '2009-10-15', 'day'],
    ])
    expect(dates('On 5/30/09 10:00 AM')).toEqual([['5/30/09', '2009-05-30', 'day']])
  })

  it('takes a year alone only after a word that marks it as a year', () => {
    expect(dates('خلال سنة 2016 حوالي 37 مليون')).toEqual([['2016', '2016', 'year']])
    expect(dates('בשנת 2021 הוחלט')).toEqual([['2021', '2021', 'year']])
    expect(dates('production in 2013, to be based')).toEqual([['2013', '2013', 'year']])
    expect(dates('أكثر من 2000 شخص')).toEqual([])
    expect(dates('Room 2014')).toEqual([])
  })

  it('reads ranges with their ends', () => {
    const [march] = findEntities('from March to June 2024')
    expect(march).toMatchObject({
      value: 'March to June 2024',
      normalized: '2024-03/2024-06',
      range: { from: '2024-03', to: '2024-06' },
    })
    expect(dates('من مارس إلى يونيو 2024')).toEqual([
      ['مارس إلى يونيو 2024', '2024-03/2024-06', 'month'],
    ])
    expect(dates('بين 2006 و2016')).toEqual([['2006 و2016', '2006/2016', 'year']])
    expect(dates('2019–2021')).toEqual([['2019–2021', '2019/2021', 'year']])
    expect(dates('June 15–20, 2009, Dublin')).toEqual([
      ['June 15–20, 2009', '2009-06-15/2009-06-20', 'day'],
    ])
    expect(dates('הליך שהחל בשנת 2011-2010.')).toEqual([['2011-2010', '2010/2011', 'year']])
  })

  it('reads a list of days as one date per day', () => {
    expect(dates('أيام 21 22 و23 افريل 2017')).toEqual([
      ['21', '2017-04-21', 'day'],
      ['22', '2017-04-22', 'day'],
      ['23 افريل 2017', '2017-04-23', 'day'],
    ])
  })

  it('drops impossible dates and leaves Hijri years alone', () => {
    expect(dates('on 31 February 2023')).toEqual([['February 2023', '2023-02', 'month']])
    expect(dates('29 فيفري 2016')).toEqual([['29 فيفري 2016', '2016-02-29', 'day']])
    expect(dates('في عام 1438 هـ')).toEqual([])
  })

  it('never reads a date as a phone number', () => {
    const mentions = findEntities('Call 03-6123456 on 2019-07-04', { lang: 'he' })
    expect(mentions.map((mention) => mention.type)).toEqual(['phone', 'date'])
  })
})
