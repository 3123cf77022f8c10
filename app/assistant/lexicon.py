"""The shopkeeper's words the rule layer knows, in English, Hinglish and Hindi (normalised spellings:
no nukta, anusvara for chandrabindu; see :func:`app.assistant.text.normalise`).

These are data, not messages: nothing here is shown to the seller.
"""

from __future__ import annotations

import re

_split = str.split  # word lists below are written as text, one space apart

# --- quantities ---------------------------------------------------------------------------------
UNITS: dict[str, str] = {}
for _unit, _spellings in {
    "kg": "kg kgs kilo kilos kilogram kilograms किलो किग्रा",
    "g": "g gm gms gram grams grm ग्राम",
    "l": "l ltr ltrs litre litres liter liters लीटर",
    "ml": "ml मिली",
    "pack": "packet packets pkt pkts pack packs bag bags pouch pouches पैकेट पैकेट्स थैली",
    "pcs": "pcs piece pieces nag नग पीस",
    "dozen": "dozen dozens darjan darjen दर्जन",
    "box": "box boxes carton cartons dabba dabbe dibba dibbe peti petiyan case cases डिब्बा डिब्बे पेटी",
}.items():
    for _word in _spellings.split():
        UNITS[_word] = _unit

CURRENCY = frozenset(_split("""
₹ rs rs. inr rupee rupees rupay rupaye rupaiye rupya rupiya rupye rupaya ruppee ruppees rupiye रुपये रुपए रुपया
रु रूपये रूपए
"""))
PERCENT = frozenset(_split("""
% percent percentage pct pc pratishat prateeshat takka taka प्रतिशत परसेंट फीसदी
"""))

# --- time ---------------------------------------------------------------------------------------
# phrase (space-separated normalised words) -> period key; the longest phrase wins
PERIODS: dict[str, str] = {}
for _key, _phrases in {
    "today": "today|todays|aaj|aj|आज|abhi tak",
    "yesterday": "yesterday|yesterdays|kal|कल",
    "day_before_yesterday": "parso|परसों|day before yesterday",
    "this_week": "this week|this weeks|this weekend|is hafte|iss hafte|is hafta|is week|iss week|इस हफ्ते|इस सप्ताह",
    "last_week": ("last week|last weeks|previous week|past week|pichle hafte|pichhle hafte|pichle hafta"
                  "|pichhle hafta|pichle week|pichla hafta|पिछले हफ्ते|पिछले सप्ताह"),
    "next_week": "next week|next weeks|agle hafte|agla hafta|अगले हफ्ते|अगले सप्ताह",
    "this_month": "this month|this months|is mahine|iss mahine|is mahina|is month|iss month|इस महीने|इस माह",
    "last_month": ("last month|last months|previous month|past month|pichle mahine|pichhle mahine|pichla mahina"
                   "|पिछले महीने|पिछले माह"),
    "next_month": "next month|next months|agle mahine|agla mahina|अगले महीने|अगले माह",
    # a quarter: GST is paid and filed by quarter under QRMP and composition (the fifth session)
    "this_quarter": ("this quarter|current quarter|is quarter|iss quarter|is timahi|iss timahi|is tinmahi"
                     "|इस तिमाही|इस क्वार्टर"),
    "last_quarter": ("last quarter|previous quarter|past quarter|pichle quarter|pichhle quarter|pichli timahi"
                     "|pichhli timahi|pichli tinmahi|पिछली तिमाही|पिछले क्वार्टर"),
    "this_year": "this year|this years|is saal|iss saal|इस साल|इस वर्ष",
    "last_year": "last year|last years|pichle saal|pichhle saal|पिछले साल|पिछले वर्ष",
    "diwali": "diwali|deepawali|deepavali|divali|दिवाली|दीवाली|दीपावली",
    "dhanteras": "dhanteras|धनतेरस",
    "holi": "holi|होली",
    "raksha_bandhan": "rakhi|raksha bandhan|rakshabandhan|राखी|रक्षाबंधन|रक्षा बंधन",
    "eid_ul_fitr": "eid|ईद",
    "navratri": "navratri|navratra|नवरात्रि|नवरात्र",
    "dussehra": "dussehra|dasara|dussera|दशहरा",
    "christmas": "christmas|xmas|क्रिसमस",
    "chhath": "chhath|छठ",
}.items():
    for _phrase in _phrases.split("|"):
        PERIODS[_phrase] = _key
DAYS_WORDS = frozenset(["days", "day", "din", "dino", "दिन", "दिनों"])
LAST_WORDS = frozenset(["last", "past", "pichle", "pichhle", "पिछले", "previous"])
FESTIVALS = frozenset({"diwali", "dhanteras", "holi", "raksha_bandhan", "eid_ul_fitr", "navratri", "dussehra",
                       "christmas", "chhath"})

# --- channels -----------------------------------------------------------------------------------
CHANNELS: dict[str, str] = {}
for _key, _spellings in {
    "whatsapp": "whatsapp watsapp whatsap whatapp watsap wa whatsup व्हाट्सएप व्हाट्सऐप वॉट्सऐप वाट्सएप व्हाट्सअप",
    "sms": "sms एसएमएस",
    "amazon": "amazon amzn अमेजन अमेजॉन",
    "flipkart": "flipkart फ्लिपकार्ट",
    "jiomart": "jiomart जियोमार्ट",
    "meesho": "meesho मीशो",
    "facebook": "facebook fb फेसबुक",
    "instagram": "instagram insta इंस्टाग्राम",
    "swiggy": "swiggy instamart",
    "zepto": "zepto",
}.items():
    for _word in _spellings.split():
        CHANNELS[_word] = _key
CHANNEL_PHRASES = {"whats app": "whatsapp", "jio mart": "jiomart"}

# --- direction of a change ----------------------------------------------------------------------
UP_WORDS = frozenset(_split("""
raise raised increase increse incrase inc hike up upar badhao badha badhado badhana badhani badhaye barhao barha
mehnga mehenga mahanga mehnga more higher बढाओ बढा बढाना बढानी बढाए बढ़ा महंगा ज्यादा ऊपर grow boost improve
बढाने badhane
"""))
DOWN_WORDS = frozenset(_split("""
reduce reduced lower drop decrease decrese cut cheaper less down kam ghatao ghata ghatana sasta saste kum minus
कम घटाओ घटा सस्ता नीचे neeche niche
knock slash slashed trim markdown chop lessen ghatana सस्ती सस्ते घटाना घटादो
"""))
SET_WORDS = frozenset(["to", "set", "make", "rakho", "karo", "kar", "new", "naya", "नया", "रखो", "करो"])

# --- goal metrics -------------------------------------------------------------------------------
METRICS: dict[str, str] = {}
for _key, _spellings in {
    "revenue": "sales sale salse revenue turnover bikri bikree bikri becha bechna बिक्री सेल टर्नओवर business dhanda",
    "profit": "profit profits munafa munafe munaafa margin earn earning kamai kamaai मुनाफा मुनाफे फायदा कमाई",
    "waste": "waste wastage barbadi barbaadi kharab बर्बादी खराब",
    "fill_rate": "availability",
}.items():
    for _word in _spellings.split():
        METRICS[_word] = _key
METRIC_PHRASES = {"in stock": "fill_rate", "stock me": "fill_rate", "स्टॉक में": "fill_rate"}

# --- categories (codes of resources/data/categories.csv) and what shopkeepers call them ------------
CATEGORY_WORDS: dict[str, str] = {}
for _code, _spellings in {
    "staples": "staples grocery ration anaj अनाज राशन",
    "oils": "oils ghee तेल घी",
    "spices": "spices masale masalon मसाले",
    "sugar": "sugar jaggery gud गुड",
    "breakfast": "breakfast nashta नाश्ता",
    "snacks": "snacks snack namkeen namkin नमकीन स्नैक्स",
    "biscuits": "biscuits biscuit biskut bakery बिस्कुट बिस्किट बेकरी",
    "confectionery": "sweets sweet mithai mithaiyan chocolates candy toffee मिठाई मिठाइयां चॉकलेट्स टॉफी",
    "beverages": "drinks drink beverages beverage thanda sharbat पेय ड्रिंक्स शरबत",
    "dairy": "dairy डेयरी",
    "instant": "noodles instant ready",
    "sauces": "sauces pickles pickle achar jam jams अचार",
    "dry_fruits": "dryfruits dryfruit meva mewa मेवा मेवे",
    "personal_care": "cosmetics",
    "oral_care": "toothpastes brushes",
    "hair_care": "haircare",
    "household": "household cleaning safai saaf सफाई सफ़ाई",
    "home_needs": "homeneeds",
    "baby": "baby शिशु",
    "fresh": "vegetables sabzi sabji fruits phal सब्जी सब्जियां फल",
    "loose": "loose khula खुला",
}.items():
    for _word in _spellings.split():
        CATEGORY_WORDS[_word] = _code
CATEGORY_PHRASES = {"personal care": "personal_care", "hair care": "hair_care", "cold drinks": "beverages",
                    "dry fruits": "dry_fruits", "home needs": "home_needs", "oral care": "oral_care",
                    "baby care": "baby", "ready food": "instant"}

# --- answers to a question ----------------------------------------------------------------------
YES = frozenset(_split("""
yes y yeah yep yup ok okay k sure confirm confirmed haan han ha haa ji hanji thik theek accha acha done go हाँ
हां हा जी ठीक
"""))
NO = frozenset(["no", "nope", "nah", "na", "nahi", "nahin", "mat", "cancel", "stop", "नहीं", "नही", "मत", "ना", "रहने",
                # "leave it", "forget it", "chhodo": a no said by letting it go (sixth session)
                "leave", "forget", "chhodo", "chodo", "छोडो"])
FOLLOW_UP = frozenset(_split("""
and aur or also what about how about और तो फिर phir fir bhi भी
"""))

# --- words that never name a product ------------------------------------------------------------
STOPWORDS = frozenset(_split("""
a an the of for to in on at by from with and or but not no yes is are was were be been am do does did done have
has had i me my we our us you your it its this that these those there here what which who whom whose how why
when where much many more most less some any all every each other please pls plz show tell give get let lets can
could would should will shall may might just also only very too so than then now again new old up down out off
over into about item items thing things stuff product products goods stock stok stocks inventory left remaining
remain available sell sold selling sales sale salse price prices rate rates cost costs mrp order orders ordered
ordering reorder reoder restock buy bought purchase place need needs want wants more running run low finished
empty out offer offers discount discounts campaign campaigns promo promotion promotions deal deals scheme
advertise send start launch put make set change changed raise reduce increase decrease lower drop cut cheaper
hike rupees rupee rs inr percent much many how kitna kitne kitni kya hai hain ka ki ke ko se me mein pe par tak
aur ya bhi hi to toh na nahi mat kar karo karna kardo do de dena diya dijiye lo le lao mangao mangwao mangwa
mangwana mangwado bhejo bhej bhejna batao bataao dikhao dikha abhi kab kaun kaunsa kaunse kaunsi kis kiska kiske
kisko wala wale wali hua hui hue gaya gaye gayi tha thi the raha rahi rahe daam dam bhav bhaav keemat kimat rate
badhao badha ghatao sasta mehnga kam jyada zyada offer chalao chala lagao laga lagana bikri becha beche bechi
bika bike biki bacha bachi bache pada pade padi khatam ho jao jaye chahiye chahie sirf sab sabhi saare sara
saman samaan maal mal yaar bhai ji sahab का की के को से में पे पर तक और या भी है हैं था थी थे कितना कितने कितनी
क्या कर करो करना कर दो दो दे दी दिया मंगवाओ मंगवा मंगाओ भेजो बताओ दिखाओ दाम भाव कीमत स्टॉक ऑर्डर ऑफर ऑफ़र छूट
बिक्री बेचा बिका बिकी बची बचा बचे हुआ हुई गया गए गई सभी सब सामान माल पैकेट कौन कौनसा कौन सी वाला वाले वाली ये यह
वो वह इस उस
"""))

# --- words that settle the intent on their own -----------------------------------------------
GREETINGS = frozenset(_split("""
hi hello hey hii helo namaste namaskar namaskaar pranam salaam ram good morning evening afternoon नमस्ते नमस्कार
प्रणाम राम hiii hiya heyy hello helloo hallo namastey namasté suprabhat shubh prabhat सुप्रभात शुभ प्रभात
gud mrng morng mornin evng evening eve hlo hellow namaskaram
"""))
# the words a greeting carries with it ("hii there", "नमस्ते जी", "hello everyone"): a greeting still
GREETING_TAIL = frozenset(_split("""
there all everyone everybody ji sir madam dost friend jee bhai bhaiya जी सर भाई भैया सबको सब
lets let's let us begin start started starting get going go ready shuru karte karein kare kiya jaye chalo chaliye
chale kaam assistant bot buddy dear team शुरू करते करें करे चलो चलिए चलें काम हैं hain
anyone anybody home around awake koi hai kya कोई है क्या yaar boss
"""))
# a go-ahead said as a phrase ("sure thing, do it now", "हाँ जी, आगे बढ़ो", "haan aage badho"): approve, when the
# message names nothing else and refuses nothing (the reject rule is asked first)
GO_AHEAD = re.compile(
    r"\b(?:go ahead|go for it|do it|proceed|sure thing|of course|carry on|aage badh(?:o|iye|ao)|aage chalo|"
    r"aage badhna)\b|आगे बढ(?:ो|िए|ें|ाओ)")
HELP_WORDS = frozenset(["help", "madad", "sahayata", "मदद", "सहायता"])
ADDING_WORDS = frozenset(["add", "new", "create", "register", "enrol", "enroll", "onboard",
                          "open", "naya", "naye", "nayi", "jodo", "jod", "joddo",
                          "kholo", "khol", "banao", "bana", "daal", "dal", "नया", "नए", "नई", "नयी", "जोड़ो", "जोड़",
                          "जोडो", "खोलो", "बनाओ", "डाल",
                          # as normalised (no nukta: "जोड़ दो" -> "जोड दो"; after the ninth set)
                          "जोड", "जोडें", "जोडिए", "जोडना"])
GOAL_WORDS = frozenset(["goal", "goals", "target", "targets", "lakshya", "aim", "लक्ष्य", "टारगेट", "गोल"])
APPROVE_VERBS = frozenset(_split("""
approve approved accept manjoor manzoor manjur मंजूर स्वीकार sweekar
"""))
REJECT_VERBS = frozenset(["reject", "rejected", "decline", "deny", "refuse", "asweekar", "radd", "अस्वीकार", "रद्द",
                          "namanzoor", "namanjoor", "नामंजूर"])
NEGATIONS = frozenset(["dont", "don't", "mat", "मत", "never"])
WHY_WORDS = frozenset(_split("""
why kyun kyu kyon kyo kyoon reason wajah wajeh karan क्यों क्यूं वजह कारण
"""))

# --- an approval request answered by name ("request 9", "अनुरोध 4", "suggestion 2") ------------------------------
# Words that answer a request only when one is named: too common to settle the intent alone ("maan lo", "paas karo",
# "ठुकरा दो", "खारिज", "मंज़ूरी दे दो"). Issue 15, seventh session: the eighth set read Hindi answers to a numbered
# request as out of scope; these are the verbs of approving and refusing in English, Hindi and Hinglish, by kind.
REQUEST_NOUNS = frozenset(_split("""
request requests req reqest requst rqst anurodh anurod anurodha अनुरोध अनुरोधों suggestion suggestions sujhav sujhaav
sujav सुझाव सुझावों proposal proposals prastav prastaav प्रस्ताव प्रस्तावों approval approvals manzoori
"""))
# "request no 5", "अनुरोध संख्या 4": a word for "number" right after the request is no "no"
REQUEST_NUMBER_WORDS = frozenset(_split("no no. number num # नंबर नम्बर संख्या sankhya kramank क्रमांक"))
REQUEST_YES = frozenset(_split("""
manzoori manjoori मंजूरी मंज़ूरी maan mano maano maanlo manlo मान मानो मानें मानिए paas passed पास
sanction sanctioned allow allowed okay ok haan hanji haa हाँ हां yes theek thik ठीक सही svikar
स्वीकारो स्वीकारें grant granted agree agreed
"""))
REQUEST_NO = frozenset(_split("""
kharij khaarij khariz kharej खारिज खारिज़ thukra thukrao thukraa thukara thukrado thukrana ठुकरा ठुकराओ ठुकरादो
ठुकराना ठुकराइए nakar nakaar nakaro नकार नकारो नामंजूर dismiss dismissed deny denied turn
disallow reject rejected refuse refused decline declined mana मना nahi nahin नहीं नही no nope cancel stop radd रद्द
drop hatao hata हटा हटाओ skip chhodo chodo छोड़ो छोडो
"""))
# "हरी झंडी दो" (a green flag), "go ahead with request 4"; "turn down", "say no to", "ना कह दो"
REQUEST_YES_PHRASES = re.compile(r"\bhari jhandi\b|हरी झंडी|\bgo ahead\b|\bgreen signal\b|\bthumbs up\b")
REQUEST_NO_PHRASES = re.compile(r"\bturn (?:it )?down\b|\bsay no\b|\bna (?:kaho|kah|bolo|bol)\b|ना (?:कह|बोल)|"
                                r"\b(?:wapas|vapas) (?:le|lo)\b|वापस ले")


def request_answer(tokens: list[str], norm: str) -> str | None:
    """'approve' or 'reject' when the message names an approval request ("request 9", "अनुरोध 4 ठुकरा दो", "सुझाव 3
    मान लो") and says how it is answered; None when it names none or does not answer it ("what is request 5?").
    A refusal wins: "request 3 manzoor mat karo" turns it down."""
    if not set(tokens) & REQUEST_NOUNS:
        return None
    said = {t for i, t in enumerate(tokens)
            if not (t in REQUEST_NUMBER_WORDS and i > 0 and tokens[i - 1] in REQUEST_NOUNS)}
    if said & (REQUEST_NO | REJECT_VERBS | NEGATIONS) or REQUEST_NO_PHRASES.search(norm):
        return "reject"
    if said & (REQUEST_YES | APPROVE_VERBS) or REQUEST_YES_PHRASES.search(norm) or GO_AHEAD.search(norm):
        return "approve"
    return None


# --- questions read by their decisive words (issue 15, seventh session, by kind) ----------------------------------
# "anything out of stock?", "kuch khatam hua kya", "क्या कोई सामान खत्म हो गया": which items ran out (low_stock), when
# no item is named (an item named asks about that item)
OUT_OF_STOCK = re.compile(
    r"\bout of (?:stock|stok|stocks|anything)\b|\bsold out\b|\b(?:ran|run|running|gone) out\b|\bzero (?:stock|left)\b|"
    r"\bnothing left\b|\bfinished\b|\bexhausted\b|\bkhatam\b|\bkhatm\b|\bkhtm\b|\bkhalas\b|\bnil stock\b|"
    r"खत्म|खतम|\bstock (?:me|mein|main) (?:kya |koi cheez |kuch )?nahi\b|स्टॉक में (?:क्या |कुछ )?नहीं")
ANY_WORDS = frozenset(_split("""
anything any kuch koi kya kaun kaunsa kaunse konsa konse which what items products cheez cheezein saman samaan maal
कुछ कोई कौन क्या कौनसा कौनसे कौन-सा चीज चीजें सामान माल
"""))
# "फ्रूटी वाले ऑफर से कितनी बिक्री हुई", "offer ka kya asar hua", "how did the coke discount do": an offer's result
OFFER_NOUNS = frozenset(_split("""
offer offers campaign campaigns campain abhiyan abhiyaan deal deals discount discounts scheme schemes chhoot chhut skeem
ऑफर ऑफर्स अभियान कैंपेन कैम्पेन स्कीम छूट डिस्काउंट ऑफरों अभियानों स्कीमों offeron abhiyanon
"""))
RESULT_WORDS = frozenset(_split("""
result results nateeja natije नतीजा नतीजे parinam परिणाम asar असर effect impact response worth performance
performed perform work worked फायदेमंद रिजल्ट परफॉर्मेंस
"""))
ASK_WORDS = frozenset(_split("kitna kitni kitne kitno how kaisa kaise kaisi kya कितना कितनी कितने कैसा कैसे कैसी क्या"))
PAST_WORDS = frozenset(_split("""
hui hua hue huye aaye aaya aayi aai chala chali chale bika biki bike badhi badha badhe did was were sold got
came went bought returned laute lauta lauti wapas वापस लौटे लौटा लौटी हुई हुआ हुए आए आया आई चला चली चले बिका बिकी
बिके बढी बढा बढे
"""))
# "कौन से ऑर्डर लेट हो गए", "delayed orders dikhao", "orders jo time pe nahi gaye": the late orders (order_status)
LATE = re.compile(r"\blate\b|लेट|\bder\b|\bderi\b|देर|देरी|\bdela(?:y|yed|ys)\b|\boverdue\b|\batk[ae]\b|\batak\b|अटक|"
                  r"\bstuck\b|\bbehind\b|\bpending\b|\b(?:time|samay) (?:pe|par|se) nahi\b|समय (?:पर|से) नहीं|"
                  r"\bnot (?:sent |shipped |gone )?on time\b")
ORDERS_PLURAL = frozenset(_split("order orders ordr oder ordar ordero ordron orderon ऑर्डर ऑर्डरों आर्डर आर्डरों"))
# the words of these questions and answers are everyday words, never a customer's or an item's name misspelt
# ("देरी" is no "Devi", "मानो" no mango Frooti)
QUESTION_WORDS_BY_KIND = (REQUEST_NOUNS | REQUEST_YES | REQUEST_NO | ANY_WORDS | OFFER_NOUNS | RESULT_WORDS
                          | ASK_WORDS | PAST_WORDS | ORDERS_PLURAL
                          | frozenset(_split("late der deri deree देर देरी लेट delay delayed overdue atke atka atake "
                                             "अटके अटका stuck pending khatam khatm खत्म")))
# a goal said as what the figure must become ("मुनाफा 50 हजार करना है इस महीने", "sales 2 lakh tak pahunchani hai")
GOAL_VERB = re.compile(r"\b(?:karna|karni|karne|banana|banani|pahunchana|pahunchani|le jana|le jaana|hona|honi) "
                       r"(?:hai|he|h|chahiye)\b|\bchahiye\b|करना है|करनी है|बनाना है|बनानी है|पहुंचाना है|"
                       r"पहुंचानी है|होना चाहिए|होनी चाहिए|चाहिए")
# "amazon pe stock match ho raha hai?", "is the flipkart price the same as ours": the marketplace's copy (sync_status)
MARKETPLACES = frozenset({"amazon", "flipkart", "jiomart", "meesho", "swiggy", "zepto"})
LISTED_WORDS = frozenset(_split("stock stocks price prices rate rates daam listing listings inventory स्टॉक दाम रेट "
                                # the count of goods there (after the tenth set, by kind)
                                "ginti count counts गिनती"))
MATCHING_WORDS = frozenset(_split("match matching matches same barabar correct right updated update theek mismatch "
                                  "सही बराबर मैच अपडेट sahee"))
