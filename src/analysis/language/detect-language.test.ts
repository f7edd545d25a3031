import { describe, expect, it } from 'vitest'
import { detectLanguage, detectLanguages } from './detect-language.js'

// Short passages of the kind a document is cut into: news, protocols, mail, official letters.
const labelled: Record<string, string[]> = {
  ar: [
    'قال سمير بالطيب أمين عام حزب المسار الديمقراطي الاجتماعي في تصريح اليوم الخميس',
    'واعتبر أن الخطر الإرهابي الذي يستهدف مؤسسات الدولة يفرض إعادة تشكيل الجبهة',
    'أعلنت وزارة المالية عن تحويل الأموال إلى حساب الشركة في البنك المركزي',
    'وأضاف أن تونس ليست جاهزة بعد لمقاومة الإرهاب',
    'اجتمع مجلس الإدارة لمناقشة التقرير السنوي',
  ],
  fa: [
    'وزیر امور خارجه ایران با همتای خود در تهران دیدار کرد',
    'این شرکت حساب‌های خود را در چند بانک خارجی نگه می‌داشت',
    'اسناد نشان می‌دهد که پول به حساب‌های شخصی منتقل شده است',
    'مدیر عامل شرکت از سمت خود استعفا داد',
    'دادگاه حکم نهایی را صادر کرد',
  ],
  ur: [
    'وزیر اعظم نے قومی اسمبلی سے خطاب کیا',
    'حکومت نے نئی اقتصادی پالیسی کا اعلان کیا ہے',
    'پولیس نے ملزم کو گرفتار کر لیا ہے',
    'انہوں نے کہا کہ یہ معاملہ بہت اہم ہے',
    'بینک نے شرح سود میں اضافہ کر دیا',
  ],
  he: [
    'בקשת חבר הכנסת דוד ביטן להקדמת הדיון בהצעת החוק',
    'הוועדה אישרה את הצעת החוק לקריאה ראשונה',
    'לֹא בַיּוֹם וְלֹא בַלָּיְלָה חֶרֶשׁ אֵצֵא לִי',
    'משרד האוצר הודיע על העברת הכספים לחשבון החברה',
    'צה"ל פרסם הודעה על התקרית בגבול',
  ],
  en: [
    'The company transferred the money to an account in Cyprus',
    'Please find attached the signed contract and the invoice',
    'The committee approved the budget after a long debate',
    'He said the documents had been shredded before the audit',
    'I will send you the revised patch tomorrow morning',
  ],
  fr: [
    'La société a transféré les fonds vers un compte à Chypre',
    'Le ministre a démissionné après la publication du rapport',
  ],
  ru: ['Компания перевела деньги на счёт в банке на Кипре'],
}

describe('detectLanguage', () => {
  for (const [language, passages] of Object.entries(labelled)) {
    it(`recognizes short ${language} passages`, () => {
      for (const passage of passages) expect(detectLanguage(passage), passage).toBe(language)
    })
  }

  it('returns null for fewer than three words with letters', () => {
    expect(detectLanguage('')).toBeNull()
    expect(detectLanguage('שלום')).toBeNull()
    expect(detectLanguage('hello there')).toBeNull()
    expect(detectLanguage('2024 - 15/03 ... 1,200.50')).toBeNull()
  })

  it('answers by the script most of the letters are in', () => {
    expect(detectLanguage('قال المدير التنفيذي لشركة Siemens AG إن العقد وقع في Berlin')).toBe('ar')
    expect(detectLanguage('הפגישה עם נציגי Goldman Sachs נדחתה לשבוע הבא')).toBe('he')
  })

  it('reads a long text at several places, not only its start', () => {
    const english = 'The board approved the transfer of the funds to the new account. '.repeat(3)
    const arabic = 'أعلنت وزارة المالية عن تحويل الأموال إلى حساب الشركة في البنك المركزي. '.repeat(
      40,
    )
    expect(detectLanguage(english + arabic)).toBe('ar')
  })
})

describe('detectLanguages', () => {
  it('detects each passage of a batch, in order', () => {
    const passages = [labelled.he![0]!, 'ok', labelled.ar![0]!, labelled.en![0]!]
    expect(detectLanguages(passages)).toEqual(['he', null, 'ar', 'en'])
  })
})
