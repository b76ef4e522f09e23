/**
 * Realistic article text for the benchmark, in both editions: paragraphs made of a newsroom's
 * sentences about Iraq, with places, people and topics drawn with a skew (a few very common,
 * most rare), as in a real archive, so that one word matches a few percent of the articles and
 * a phrase fewer. Deterministic: article `i` always gets the same text.
 */
const PLACES = ['Baghdad', 'Basra', 'Mosul', 'Kirkuk', 'Erbil', 'Najaf', 'Karbala', 'Fallujah', 'Ramadi', 'Sulaymaniyah', 'Tikrit', 'Samarra', 'Diyala', 'Anbar', 'Sinjar', 'Halabja', 'Duhok', 'Nasiriyah', 'Amarah', 'Kut', 'Hilla', 'Diwaniyah', 'Zakho', 'Tal Afar', 'Qaim', 'Umm Qasr', 'Baiji', 'Haditha', 'Khanaqin', 'Samawah']
const PEOPLE = ['Kadhimi', 'Sadr', 'Hakim', 'Barzani', 'Talabani', 'Maliki', 'Sudani', 'Abadi', 'Allawi', 'Halbousi', 'Amiri', 'Khazali', 'Muhandis', 'Sistani', 'Zaidan', 'Fayyadh', 'Salih', 'Rashid', 'Hussein', 'Jubouri']
const TOPICS = ['elections', 'oil revenue', 'the budget', 'water shortages', 'electricity', 'the militias', 'protests', 'corruption', 'reconstruction', 'displaced families', 'border security', 'the dinar', 'drought', 'the courts', 'public salaries', 'farmland', 'the ports', 'gas flaring', 'tribal disputes', 'the universities']
const SENTENCES = [
  (p: string, q: string, t: string) => `Officials in ${p} said on Tuesday that ${t} would dominate the coming session of the provincial council.`,
  (p: string, q: string, t: string) => `${q} told reporters in ${p} that the government had no plan to retreat on ${t}.`,
  (p: string, q: string, t: string) => `Residents of ${p} described months of uncertainty over ${t}, and little contact with Baghdad.`,
  (p: string, q: string, t: string) => `Armed groups outside the state have expanded their networks around ${p}, according to two security officials.`,
  (p: string, q: string, t: string) => `The prime minister's office said a committee would review ${t} in ${p} before the end of the month.`,
  (p: string, q: string, t: string) => `Analysts expect ${t} to test the alliance around ${q} in the weeks ahead.`,
  (p: string, q: string, t: string) => `A statement from ${q}'s bloc accused rivals of using ${t} to win votes in ${p}.`,
  (p: string, q: string, t: string) => `Local traders in ${p} said prices had risen sharply since the dispute over ${t} began.`,
]
const PLACES_AR = ['بغداد', 'البصرة', 'الموصل', 'كركوك', 'أربيل', 'النجف', 'كربلاء', 'الفلوجة', 'الرمادي', 'السليمانية', 'تكريت', 'سامراء', 'ديالى', 'الأنبار', 'سنجار', 'حلبجة', 'دهوك', 'الناصرية', 'العمارة', 'الكوت', 'الحلة', 'الديوانية', 'زاخو', 'تلعفر', 'القائم', 'أم قصر', 'بيجي', 'حديثة', 'خانقين', 'السماوة']
const PEOPLE_AR = ['الكاظمي', 'الصدر', 'الحكيم', 'البارزاني', 'الطالباني', 'المالكي', 'السوداني', 'العبادي', 'علاوي', 'الحلبوسي', 'العامري', 'الخزعلي', 'المهندس', 'السيستاني', 'زيدان', 'الفياض', 'صالح', 'رشيد', 'حسين', 'الجبوري']
const TOPICS_AR = ['الانتخابات', 'عائدات النفط', 'الموازنة', 'شح المياه', 'الكهرباء', 'الفصائل المسلحة', 'الاحتجاجات', 'الفساد', 'إعادة الإعمار', 'العائلات النازحة', 'أمن الحدود', 'الدينار', 'الجفاف', 'المحاكم', 'رواتب الموظفين', 'الأراضي الزراعية', 'الموانئ', 'حرق الغاز', 'النزاعات العشائرية', 'الجامعات']
const SENTENCES_AR = [
  (p: string, q: string, t: string) => `قال مسؤولون في ${p} يوم الثلاثاء إن ${t} ستهيمن على الجلسة المقبلة لمجلس المحافظة.`,
  (p: string, q: string, t: string) => `وقال ${q} للصحفيين في ${p} إن الحكومة لا تنوي التراجع بشأن ${t}.`,
  (p: string, q: string, t: string) => `ووصف سكان ${p} أشهراً من الغموض بشأن ${t}، مع تواصل قليل مع بغداد.`,
  (p: string, q: string, t: string) => `ووسّعت جماعات مسلحة خارج الدولة شبكاتها حول ${p}، بحسب مسؤولَين أمنيين.`,
  (p: string, q: string, t: string) => `وقال مكتب رئيس الوزراء إن لجنة ستراجع ${t} في ${p} قبل نهاية الشهر.`,
  (p: string, q: string, t: string) => `ويتوقع محللون أن تختبر ${t} التحالف المحيط بـ${q} في الأسابيع المقبلة.`,
  (p: string, q: string, t: string) => `واتهم بيان لكتلة ${q} المنافسين باستغلال ${t} لكسب الأصوات في ${p}.`,
  (p: string, q: string, t: string) => `وقال تجار محليون في ${p} إن الأسعار ارتفعت بشدة منذ بدء الخلاف حول ${t}.`,
]

/** A number from 0 to n-1 for (seed, salt), skewed towards 0 (roughly Zipf's law). */
function skewed(seed: number, salt: number, n: number): number {
  let x = (Math.imul(seed ^ (salt * 0x9e3779b1), 0x85ebca6b) ^ (seed >>> 13)) >>> 0
  x = Math.imul(x ^ (x >>> 16), 0xc2b2ae35) >>> 0
  const uniform = (x % 1_000_003) / 1_000_003
  return Math.min(n - 1, Math.floor(n * uniform ** 2.2))
}

/**
 * Article `i`'s paragraphs in one edition: six paragraphs of three sentences (about 250 words).
 * Like a real story it is about a couple of places, people and topics, told in a few ways.
 */
export function articleParagraphs(i: number, arabic = false): string[] {
  const [places, people, topics, sentences] = arabic ? [PLACES_AR, PEOPLE_AR, TOPICS_AR, SENTENCES_AR] : [PLACES, PEOPLE, TOPICS, SENTENCES]
  const pick = <T>(list: T[], salt: number) => list[skewed(i, salt, list.length)]!
  const cast = { places: [pick(places, 1), pick(places, 2)], people: [pick(people, 3), pick(people, 4)], topics: [pick(topics, 5), pick(topics, 6)] }
  const ways = [0, 1, 2, 3].map((salt) => (skewed(i, 10 + salt, sentences.length) + salt * 3) % sentences.length)
  return Array.from({ length: 6 }, (_, paragraph) =>
    Array.from({ length: 3 }, (_, sentence) => {
      const k = paragraph * 3 + sentence
      return sentences[ways[k % 4]!]!(cast.places[k % 5 === 4 ? 1 : 0]!, cast.people[k % 4 === 3 ? 1 : 0]!, cast.topics[k % 3 === 2 ? 1 : 0]!)
    }).join(' '),
  )
}

/** Article `i`'s headline in one edition. */
export function articleTitle(i: number, arabic = false): string {
  const [places, topics] = arabic ? [PLACES_AR, TOPICS_AR] : [PLACES, TOPICS]
  const place = places[skewed(i, 1, places.length)]!
  const topic = topics[skewed(i, 3, topics.length)]!
  return arabic ? `${topic} في ${place}: المقالة ${i}` : `${place} and ${topic}: report ${i}`
}
