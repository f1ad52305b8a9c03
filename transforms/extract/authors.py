"""Author names as a reader expects them: people, one per entry, without the byline's wrapping.

Bylines and author meta tags carry much that is not a person: the site's or an agency's own
name, e-mail addresses, profile slugs, photo credits, labels and widgets of a Chinese info bar
(``浏览次数：``, ``【字体：大 中 小】``), user ids. Names also come joined (``A und B``,
``A y B``) or inverted (``Last, First``). Every source of authors (meta tags, JSON-LD,
visible bylines, credit lines) goes through :func:`clean_names`, so the rules hold everywhere.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Collection, Iterable

from transforms.urls import host_labels

_PREFIX = re.compile(
    r"^[~\s]*(?:posted|published|veröffentlicht|publié|publicado)\s+(?:on|am|le|el)\s+[^|]{4,40}?\s+(?:by|von|par|por)\s+"
    r"|^[~\s]*(?:(?:written|posted|reported|published|text|words|story|photos?|veröffentlicht|geschrieben|publiziert|"
    r"verfasst|erstellt|eingestellt|publicado|escrito|publié|écrit)\s+)?"
    r"(?:by|por|par|von|door|av|di|da|af|przez|от)\b\s*[:：]?\s*"
    r"|^(?:作者|作\s*者|文|撰文|撰稿人?|采写|採寫|执笔人?|執筆人?|记者|記者|编者)\s*[:：/]\s*"
    r"|^(?:بقلم|كتب|إعداد|حوار)\s*[:：]?\s*"
    r"|^(?:authors?|autor(?:in|es|en)?|auteurs?|autore|autori|forfatter|författare|autorzy|interview|text|texte|"
    r"text\s*(?:&|und|and)\s*fotos?)\s*[:：]\s*",
    re.IGNORECASE,
)
_CREDIT_NOTE = re.compile(
    r"\s*[（(\[]\s*(?:image|images|photo|photos|picture|pictures|foto|fotos|bild|bilder|credit|source|quelle|"
    r"图片?|圖片?|来源|來源)\b\s*[:：]?[^)）\]]*[)）\]]",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_URL = re.compile(r"https?://\S+|www\.\S+|\b[\w-]+\.(?:com|net|org|de|at|ch|fr|es|it|uk|cn|io)/\S*|(?<!\w)@\w+")
_AT_OUTLET = re.compile(r"\s(?:at|of|for|bei|von|für|beim|de|du|chez|di|da|en)$", re.IGNORECASE)
_TRAILING_NOTE = re.compile(r"^(?P<name>[^()（）]+?)\s*[(（](?P<note>[^()（）]{1,40})[)）]$")
_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)+$")
# ``And`` and ``AND`` join names too: title-cased and upper-case English bylines
# (``Jonas Weber And Anna Roth``, ``JOHN SMITH AND JANE DOE``) join two writers with them.
_JOINER = re.compile(r"\s+(?:and|And|AND|und|et)\s+|\s*[&＆]\s*|\s*(?:和|与|與|及)\s*(?=[\u4e00-\u9fff])")
# ``Ahmet Yılmaz ve Ayşe Kaya``, ``Jan Novák a Petr Svoboda``: a lower-case ``and`` of another language
# (Turkish, Malay and Indonesian, Finnish and Estonian, Slavic, Dutch, Nordic, Romance, Hungarian,
# Romanian, Lithuanian, Greek, Vietnamese). Most are also a name's particle or a short word of a
# sentence (``José Ortega y Gasset``, ``Maria da Silva e Sousa``), so one parts two writers only when a
# given name and a family name stand on each side of it; written in lower case only (``Dan`` is a name).
_NAME_JOINER = re.compile(r"\s+(?:og|y|e|en|och|i|и|і|та|és|a|ve|dan|ja|și|şi|và|ir|και)\s+")
# ``Jonas Weber For The Example Gazette``, ``Anna Roth for ExampleOnline``: the outlet a writer files for.
_FOR_OUTLET = re.compile(r"\s+(?:for|For|FOR)\s+(?=[A-Z]).*$")
_FULL_STOP = re.compile(r"(?<![^\W\d_])(?P<word>[^\W\d_]{3,})\.\s+(?=[A-ZÀ-Þ])")
_ABBREVIATIONS = frozenset(
    ("prof", "dipl", "priv", "univ", "mag", "sen", "gov", "rev", "capt", "gen", "col", "sgt", "mrs", "mme", "mlle",
     "med", "ing", "phil", "jur", "rer", "nat", "dott", "avv", "arch", "lic", "hon", "rep", "supt", "insp", "doz")
)  # fmt: skip
_WORD_STOP = re.compile(r"(?<=[^\W\d_]{2})\.\s*$")  # a word's full stop, not an initial's (``Joe S.``)
_DASH = re.compile(r"\s+[-–—]\s+")
# A given name and a family name or two, capitalised: ``Jonas Weber``, ``Anna-Lena de Vries``.
_FULL_NAME = re.compile(
    r"^[A-ZÀ-Þ][\w'’.-]+(?:\s+(?:(?:de|da|van|von|der|del|la|le|di|du)\s+)?[A-ZÀ-Þ][\w'’.-]+){1,2}$"
)
_LIST_SPLIT = re.compile(r"\s*(?:[;；、/|｜]|,|，)\s*")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CJK_NAME_SPLIT = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
_LETTER = re.compile(r"[^\W\d_]")
_CHROME = re.compile(
    r"[:：【】\[\]<>{}=©]|未完|待续|待續|浏览|瀏覽|点击|點擊|阅读|閱讀|次数|发自|發自|简介|簡介|精华|精華|热门|熱門|推荐|推薦|暂无|暫無|字体|字號|字号|返回|查看|更多|分享|收藏|打印|评论|評論|登录|登錄|关注|關注|订阅|訂閱|私信|粉丝|粉絲|"
    r"\b(?:share|follow|comments?|views?|updated|published|posted|min read|read more|subscribe|sign in|log in|"
    r"veröffentlicht|publiziert|aktualisiert|erschienen|publicado|actualizado|publié|alle artikel|all articles|"
    r"more articles|view all|weitere artikel|photos?|fotos?|фото|images?|credits?|übersetzung|translat\w*|"
    r"traduc\w*|illustrat\w*|profiles?|profil|perfil|sponsored|gesponsert|advertorial)\b",
    re.IGNORECASE,
)
_DATE_TAIL = re.compile(
    r"\s*(?:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d{1,4}\s*[-/.年]\s*\d|\d{1,2}:\d{2}|"
    r"\s+(?:at\s+|am\s+|um\s+)?\d|\b(?:(?:last\s+)?updated|published|posted|on|monday|tuesday|wednesday|thursday|friday|saturday|sunday|share|follow|e-?mail|twitter|facebook|linkedin)\b|"
    r"\s[•·|]\s|\b(?:hace|před|il y a)\b|\b(?:há|vor)\s+\d|"
    r"\s(?:alle artikel|all articles|more articles|view all|weitere artikel|mehr artikel|kontakt|contact)\b).*$",
    re.IGNORECASE,
)
# ``Text von A Illustration von B``: what follows is another kind of credit, not a writer.
_OTHER_CREDIT = re.compile(
    r"\s+(?:illustrations?|fotos?|photos?|bilder?|grafik|infografik)\s+(?:von|by|de|par|por)\b.*$", re.IGNORECASE
)
# ``Anna Roth mit Agenturen``, ``María López con agencias``: the agencies' reports the writer drew on,
# credited after the name; the writer stays.
_WITH_AGENCIES = re.compile(
    r"\s+(?:mit|with|and|und|con|avec|et|com|e|z|y|/)\s+(?:(?:den|the|las|les|le|material\s+(?:de|der))\s+)?"
    r"(?:agenturen|agencies|agencias|agences|agenzie|agências|agencjami|wires|(?-i:dpa|AFP|Reuters|AP|EFE|ANSA|KNA|epd))"
    r"(?!\w).*$",
    re.IGNORECASE,
)
# ``Nordland 24``, ``Antena 3``, ``Channel 4``: one word and a channel's number name a broadcaster (the
# date rule would leave the word alone, as if a writer's given name).
_CHANNEL = re.compile(r"^[A-ZÀ-Þ][^\W\d_]+\s+\d{1,2}$")
# A writer's post in the languages of the sets' bylines (the feminine and plural forms as words of
# their own), and the words that qualify it (``Senior``, ``freie``, ``envoyé spécial``).
_POSTS = (
    "reporter", "reporterin", "reporters", "repórter", "editor", "editors", "editor-in-chief", "editor in chief",
    "writer", "correspondent", "columnist", "contributor", "journalist", "journalistin", "journalisten",
    "redakteur", "redakteurin", "redakteure", "chefredakteur", "chefredakteurin", "korrespondent", "korrespondentin",
    "volontär", "volontärin", "moderator", "moderatorin", "ressortleiter", "ressortleiterin", "rechtsanwalt",
    "rechtsanwältin", "journaliste", "rédacteur", "rédactrice", "rédacteur en chef", "correspondant", "correspondante",
    "envoyé", "envoyée", "chroniqueur", "chroniqueuse", "periodista", "redactor", "redactora", "corresponsal",
    "enviado", "enviada", "columnista", "giornalista", "corrispondente", "inviato", "inviata", "redattore",
    "redattrice", "caporedattore", "jornalista", "correspondente", "redator", "redatora", "redacteur",
    "verslaggever", "redaktør", "redaktör", "medarbetare", "medarbejder", "dziennikarz", "dziennikarka",
    "korespondent", "korespondentka", "redaktor", "redaktorka", "zpravodaj", "zpravodajka", "novinář", "novinářka",
    "корреспондент", "журналист", "редактор", "обозреватель", "muhabir", "muhabiri", "editörü", "wartawan",
    "penulis", "kontributor", "toimittaja", "kirjeenvaihtaja", "újságíró", "tudósító", "szerkesztő", "jurnalist",
    "corespondent", "redactor-șef",
    # posts outside the newsroom, which a guest writer signs with
    *(f"{post}{plural}" for post in (
        "producer", "photographer", "intern", "analyst", "engineer", "manager", "director", "developer", "designer",
        "scientist", "officer", "president", "founder", "co-founder", "researcher", "consultant", "strategist",
        "evangelist", "coordinator", "specialist", "professor", "lecturer",
    ) for plural in ("", "s")),
)  # fmt: skip
_POST_QUALIFIERS = (
    "senior", "chief", "staff", "political", "foreign", "sport", "sports", "freie", "freier", "freien", "special",
    "associate", "contributing", "deputy", "managing", "executive", "news", "business", "digital", "online",
    "leitende", "leitender", "stellvertretende", "stellvertretender", "spécial", "spéciale", "especial",
    "speciale", "política", "político", "local", "regional", "wissenschafts", "wirtschafts",
)  # fmt: skip
_POST_WORDS = frozenset((*_POSTS, *(word for post in _POSTS for word in post.split())))  # a cheap test first
_POST = "(?:" + "|".join(sorted((re.escape(post) for post in _POSTS), key=len, reverse=True)) + ")"
_QUALIFIER = "(?:" + "|".join(sorted(_POST_QUALIFIERS, key=len, reverse=True)) + ")"
# ``Rechtsanwalt Jonas Weber``, ``Redakteurin Anna Roth``: the writer's profession or post before the name.
_POST_BEFORE_NAME = re.compile(rf"^(?:{_QUALIFIER}\s+)*{_POST}\s+(?=(?-i:[A-ZÀ-Þ]))", re.IGNORECASE)
# ``Anna Roth Senior Reporter``, ``Anna Roth Redakteurin``, ``Korrespondentin in Paris``, ``corresponsal en
# Madrid``: the post run on after the name, or standing alone, with the place it is held in.
_POST_AFTER_NAME = re.compile(
    rf"(?:^|\s+)(?:{_QUALIFIER}\s+)*{_POST}"
    r"(?:\s+(?:in|en|à|au|aux|a|aus|im|at|from|for|de|da|di|für|w|ve|в|för|på|i|для)\s+[^,;]+)?\s*$",
    re.IGNORECASE,
)
_ROLE_WORDS = re.compile(
    r"\s*(?:整合|整理|编译|編譯|报道|報道|摄影?|攝影?|供稿|综合|綜合|制图|製圖|实习生|通讯员|通訊員)$"
)
_ORGANISATION = re.compile(
    r"(?:网|網|网络|網絡|集团|集團|出版社|期刊|日报|日報|晚报|晚報|早报|报社|報社|新闻|新聞|公司|中心|频道|頻道|在线|在線|"
    r"客户端|電視台|电视台|党支部|支部|委员会|委員會|办公室|辦公室|研究院|编辑部|編輯部)$"
    r"|\b(?:news|press|media|team|staff|publishers?|publishing|agency|inc|ltd|llc|gmbh|group|editors|editorial|desk|"
    r"newsroom|wire|corporation|network|online|magazine|developers|zeitung|verlag|diario|noticias|nachrichten|"
    r"agenturen|agencies|reuters|xinhua|médias?|mídia|redaktion|rédaction|redacción|redakcja|"
    r"e\.\s?v|eg|contributors|webteam|kitchens|letters to the editor|\w*stiftung|\w*verband|\w*blatt|illustrierte|"
    r"magazin|international|times|tribune|gazette|herald|chronicle|journal|abteilung|feuerwehr|coordenadoria|sekretariat|secretariat|partei|departe?ment|\w*ministerium|ministry|"
    r"minist[eè]re|ministerio)\b\.?"
    r"|\.(?:com|net|org|cn|de|co|uk|fr|io|pl|at|ch|es|it|nl|ru|br|info|tv)\b",
    re.IGNORECASE,
)
# A desk, a staff credit, an agency credit, a broadcaster or a channel in the bylines' languages: a
# name holding one of these as a whole word (``Redacción``, ``Radio Nordland``, ``Kanal 9 Nyheder``,
# ``XYZ-Studio Brüssel``) is an organisation. Only words for a kind of outlet stand here, never an
# outlet's own name; words that are also family names (``Welle``, ``Haber``, ``Mundo``, ``Canal``,
# ``Kanal``, ``Funk``) are not listed: their outlets go by their other words or acronyms, and a site's
# own name by the host and the organisations the page names.
_ORGANISATION_WORDS = frozenset(
    (
        # desks and staff credits
        "redaktion", "redaktionen", "redaksjon", "redaksjonen", "redactie", "redazione", "redação", "redacção",
        "redacao", "redaccion", "redacción", "rédaction", "redaction", "redakcja", "redakce", "redakcia",
        "redakcija", "redacția", "redacţia", "redactia", "szerkesztőség", "toimitus", "редакция", "редакція",
        "redaksiyon", "redaksi", "newsroom", "newsdesk", "desk", "webdesk", "staff", "wires",
        # agencies credited as a group
        "agencias", "agencia", "agência", "agências", "agenzia", "agenzie", "agencja", "agencje", "agentura",
        "agentury", "agence", "agences", "agentur", "ajans", "ajansı", "агентство", "agentschap",
        # broadcasters and channels
        "radio", "rádio", "rádió", "radyo", "радио", "радіо", "tv", "télé", "televisión", "televisão",
        "televisione", "telewizja", "televize", "televízia", "televizija", "televisie", "television", "televisio",
        "televizyon", "телевидение", "fernsehen", "rundfunk", "antena", "antenne", "studio", "studios", "channel",
        "info",
        # news as an outlet's word
        "nyheder", "nyheter", "nyhetene", "uutiset", "nieuws", "notizie", "notícias", "noticiero", "actualités",
        "wiadomości", "zprávy", "správy", "hírek", "știri", "stiri", "новости", "новини", "haberler", "berita",
    )
)  # fmt: skip
# ``XYZ Info``, ``ABC``: a word of two to five capitals beside a word for a kind of outlet, or standing
# alone as the credit, is a broadcaster's or an outlet's acronym.
_CREDIT_ACRONYM = re.compile(r"^[A-ZÀ-Þ]{2,5}$")
# News agencies' short names, as they are credited: in lower case (``dpa``, ``epd``) or in capitals
# (``AFP``, ``EFE``). Written as a name (``Efe``, ``Ap``, ``Apa``) they are given names.
_AGENCY_SIGNS = frozenset(
    ("dpa", "afp", "ap", "ansa", "efe", "kna", "epd", "apa", "sda", "pti", "ians", "aap", "upi", "tass")
)
# ``Nachrichtenredaktion``, ``Hauptstadtstudio``, ``Nordlandfunk``: a compound ending in a desk's or a
# broadcaster's word.
_ORGANISATION_COMPOUND = re.compile(
    r"\w{3}(?:redaktion|redaktionen|redaksjonen|redactie|redazione|studio|rundfunk|fernsehen|funk|radio|desk)\b",
    re.IGNORECASE,
)
_NAME_WORDS = re.compile(r"[\W_]+")
# ``The Example Gazette``, ``The Water Example``: a name that opens with the article is a title or a brand.
_NOT_A_NAME = re.compile(r"^the\s", re.IGNORECASE)
# ``The Example Blog``: an outlet's name is its brand between an article and a kind of outlet;
# the brand alone (``Example``) names the outlet too.
_OUTLET_WORDS = re.compile(
    r"^the\s+|\s+(?:blog|news|magazine|online|media|daily|weekly|network|group|tv|radio|podcast)$", re.IGNORECASE
)
_PLACEHOLDER = re.compile(
    r"^(?:name|your name|author|admin|administrator|user|username|unknown|anonymous|anon|null|none|n/?a|staff|editor|"
    r"guest|webmaster|root|test|red\.?|佚名|匿名|未知|管理员|管理員|小编|小編|编辑|編輯|本站|[a-z]{0,4}admin\d*)$",
    re.IGNORECASE,
)
# ``采写：本地记者 林晓``: ``本地记者`` (an outlet's reporter, like ``本报记者``) is a role, not a person;
# ``新华社记者张三`` is the role run into the name.
_ROLE = re.compile(
    r"^(?:[\u4e00-\u9fff]{0,6}?(?:记者|記者|通讯员|通訊員|实习生|實習生|摄影|攝影|撰稿人?|评论员|評論員)|文|图|圖|作者|撰文)$"
)
# ``张三（实习生）``: the writer's role in brackets after the name
_BRACKETED_ROLE = re.compile(r"\s*[（(](?:实习生|實習生|通讯员|通訊員|(?:见习|見習|特约|特約)?(?:记者|記者))[）)]")
_ROLE_BEFORE_NAME = re.compile(
    r"^[\u4e00-\u9fff]{0,6}?(?:记者|記者|通讯员|通訊員|实习生|實習生)\s*(?=[\u4e00-\u9fff]{2,4}$)"
)
# ``XYZ``, ``KXYZTV``: one upper-case word of three letters or more is an outlet's or a station's
# acronym; a writer signing with initials writes them in lower case (``jd``).
_ACRONYM = re.compile(r"^[A-Z]{3,}$")
_CREDENTIAL = re.compile(
    r"^(?:MD|M\.D\.|PhD|Ph\.D\.|MS|M\.S\.|MA|M\.A\.|MPH|MBA|RD|RDN|RN|DO|JD|CPA|DDS|LD|BSc|MSc|FACS|CDE|LCSW|NP|PA-C)$"
)
_PARTICLE = re.compile(r"^(?:de|da|di|do|dos|das|del|della|van|von|der|den|ten|ter|le|la|du|des|bin|ibn|al|el|y|zu)$")
_INVERTED = re.compile(r"^(?P<last>[^\W\d_][\w'’.-]*),\s*(?P<first>[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){0,2})$")
_OPENING = {"(": ")", "（": "）", "[": "]", "【": "】"}
_CLOSING = {close: opening for opening, close in _OPENING.items()}
_BRACKETS = frozenset((*_OPENING, *_CLOSING))
_MAX_WORDS = 5
_MAX_CJK = 5
# A news agency's Chinese name (``（新华社）`` closing a story): the story's source, not its writer.
_CJK_AGENCY = re.compile(
    r"^(?:[\u4e00-\u9fff]{0,4}(?:通讯社|通訊社|新闻社|新聞社)|新华社|新華社|中新社|中央社|路透社|美联社|美聯社|法新社|"
    r"共同社|韩联社|韓聯社|塔斯社|安莎社|埃菲社|德新社|合众国际社)$"
)
# A dateline's place (``（北京）`` closing a story, ``……电（北京）``): China's provinces, their capitals and
# the cities with their own plans, and the capitals datelines most often name; or a name ending in a
# province's, a city's or a county's word.
_CJK_PLACE = re.compile(
    r"^(?:北京|天津|上海|重庆|重慶|河北|山西|辽宁|遼寧|吉林|黑龙江|黑龍江|江苏|江蘇|浙江|安徽|福建|江西|山东|山東|河南|湖北|"
    r"湖南|广东|廣東|海南|四川|贵州|貴州|云南|雲南|陕西|陝西|甘肃|甘肅|青海|台湾|臺灣|台灣|内蒙古|內蒙古|广西|廣西|西藏|宁夏|寧夏|"
    r"新疆|香港|澳门|澳門|石家庄|太原|沈阳|瀋陽|长春|長春|哈尔滨|哈爾濱|南京|杭州|合肥|福州|南昌|济南|濟南|郑州|鄭州|武汉|武漢|"
    r"长沙|長沙|广州|廣州|海口|成都|贵阳|貴陽|昆明|西安|兰州|蘭州|西宁|西寧|台北|臺北|呼和浩特|南宁|南寧|拉萨|拉薩|银川|銀川|"
    r"乌鲁木齐|烏魯木齊|深圳|大连|大連|青岛|青島|宁波|寧波|厦门|廈門|华盛顿|華盛頓|纽约|紐約|伦敦|倫敦|巴黎|东京|東京|莫斯科|"
    r"柏林|首尔|首爾|布鲁塞尔|布魯塞爾|日内瓦|日內瓦|联合国|聯合國)$"
    r"|^[\u4e00-\u9fff]{2,}(?:省|市|县|縣|自治区|自治區|自治州|特别行政区|特別行政區)$"
)
# A question's words (``如何``, ``吗``): an interviewer's question marker (``记者：进展如何``) names no one.
_CJK_QUESTION = re.compile(r"[吗嗎呢么麼怎哪]|如何|为何|為何")
# ``Anna Roth - Example Life``: a site's name that opens with a person's name and a separator
# names its owner and then its title.
_OWNER_SEPARATOR = re.compile(r"\s+[-–—|:·•]\s+")
_TRANSLITERATED = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NON_WORD = re.compile(r"\W+")
_NOT_ASCII_KEY = re.compile(r"[^a-z0-9]")
_MIN_BRAND_PREFIX = 4  # letters; a shorter name opens too many host names by chance


def clean_names(
    values: Iterable[str],
    *,
    organisations: Iterable[str] = (),
    hosts: Collection[str] = (),
    people: Iterable[str] = (),
) -> list[str]:
    """The people among ``values``, split, unwrapped and deduplicated, in order.

    ``organisations`` are names known to be the publisher or the credited outlet (og:site_name,
    JSON-LD publisher, a ``来源`` credit, the title's site suffix): a byline that is one of them,
    or the start of one (``某网`` of ``某网财经``), credits no person. One exception: a site named
    after its owner (``Anna Roth - Example Life``) credits her when the byline is the name before
    the separator, or its first word (``Anna`` of ``Anna Roth - Yoga Example``), and the page
    marks that byline or that name as a person (``people``: a schema.org Person, an hCard, a link
    to an author's page). A brand stands before a separator just as often (``Example Star -
    The Leading Daily …``, ``Rolling Example - Music, Film, TV …``) and is capitalised like a name; only
    the person mark tells them apart. ``hosts`` are the labels of the page's own hosts
    (:func:`site_hosts`): a one-word byline that is their name is the site's account.
    """
    outlets = [name.strip() for name in organisations if name and _key(name)]
    known = {_key(name) for name in outlets} | {_key(_OUTLET_WORDS.sub("", name)) for name in outlets}
    persons = {_key(name) for name in people} - {""}
    owners = {
        key: {key, _key(parts[0].split()[0])}
        for name in outlets
        if len(parts := _OWNER_SEPARATOR.split(name, 1)) == 2
        and _FULL_NAME.match(parts[0])
        and (key := _key(parts[0])) not in known
    }
    wordings = {_words(name) for name in outlets}
    host_keys = {key for label in hosts for key in _ascii_keys(label)}
    names: list[str] = []
    for raw in values:
        value = html.unescape(raw)
        if _key(value) in known or _words(value) in wordings or _gives_own_address(value, hosts):
            continue
        parts = [_without_note(_without_outlet(part, outlets)) for part in split_names(value)]
        if _is_address(parts):
            continue
        for name in _before_address(parts):
            key = _key(name)
            owner = any(key in forms and (key in persons or full in persons) for full, forms in owners.items())
            site = any(outlet.startswith(key) for outlet in known) or _is_host_name(name, hosts)
            site = site or _names_host(name, host_keys)
            if is_person(name) and (owner or not site) and name not in names:
                names.append(name)
    return _without_single_words(_without_handles(names))


def site_hosts(addresses: Iterable[str | None]) -> frozenset[str]:
    """The labels of the hosts the page is served from, but the top-level domain
    (``kleinegruenemonster.blog.example`` → ``kleinegruenemonster``, ``blog``): worked out
    once a page, for every :func:`clean_names` call on it."""
    return frozenset(label for address in addresses for label in host_labels(address)[:-1])


def _is_host_name(name: str, hosts: Collection[str]) -> bool:
    """``KleineGrüneMonster`` on kleinegruenemonster.blog.example, ``Vortex`` on vortexcannon.example,
    ``abc`` on abc-normen.example: a one-word byline that is the site's host name, or runs on into
    it, is the site's brand or its account, not a writer. A capitalised name that stands as a part
    of its own (``Anna`` on anna-roth.example, ``Julia`` on crazy-julia.example) is the owner of a
    personal site and stays; a lower-case one there (``abc``) is an account."""
    if not hosts or " " in name or _CJK.search(name):
        return False
    keys = _ascii_keys(name)
    for label in hosts:
        parts = label.split("-")
        for joined in _ascii_keys(label):
            if joined in keys or (name.islower() and keys & set(parts)):
                return True
            if any(len(key) >= _MIN_BRAND_PREFIX and joined.startswith(key) and key != parts[0] for key in keys):
                return True
    return False


def _gives_own_address(value: str, hosts: Collection[str]) -> bool:
    """``Example Welle (www.example.de)``: a name followed by the site's own web address is the site's
    name, unless its words spell the host (``Anna Roth (anna-roth.example)``, a personal site's owner)."""
    addresses = [found.group(0).strip("()[]<>.,;") for found in _URL.finditer(value)]
    named = {
        label
        for address in addresses
        if not address.startswith("@")
        for label in host_labels(address if "//" in address else f"//{address}")
    } - {"www"}
    if not named & set(hosts):
        return False
    owner = _ascii_keys(_URL.sub(" ", value))
    return not any(owner & _ascii_keys(label) for label in named)


def _without_note(name: str) -> str:
    """``Julia Weber (eg)``, ``Anna Roth (dpa)``, ``Jonas Weber (Sponsored Post)``: after a full name,
    a bracket holding one word (an editor's sign, an agency, a desk, a role) or no person is a note on
    the byline, not part of the name. ``林晓 (Lin Xiao)`` is one writer in two scripts."""
    note = _TRAILING_NOTE.match(name)
    if note is None or _CJK.search(name) or not is_full_name(note.group("name")):
        return name
    inside = note.group("note").strip()
    return note.group("name") if " " not in inside or not is_person(inside) else name


def _names_host(name: str, host_keys: Collection[str]) -> bool:
    """``XYZ Aktuell`` on xyz.example, ``XYZ Wien`` on wien.xyz.example, ``EFC Blaue Kanne`` on
    blaue-kanne.example: a byline with a word in capitals (an acronym) that is the site's host
    name, or whose other words spell it, is the site's own desk or club, not a writer. A name
    written wholly in capitals (``ANNA ROTH``) has no acronym to go by."""
    words = name.split()
    capitals = [word for word in words if len(word) >= 2 and word.isupper()]
    if not host_keys or not capitals or len(capitals) == len(words):
        return False
    rest = "".join(word for word in words if word not in capitals)
    return any(_ascii_keys(word) & set(host_keys) for word in (*capitals, rest))


def _words(name: str) -> frozenset[str]:
    """A name's words, case-folded, in no order: ``Bündnis Nord Landtagsfraktion`` and
    ``Landtagsfraktion Bündnis Nord`` are one name."""
    return frozenset(_NON_WORD.split(name.casefold())) - {""}


def _ascii_keys(text: str) -> set[str]:
    """A name as a host would spell it: letters and digits only, lower case, umlauts written out
    (``grüne`` → ``gruene``) or dropped (``grune``)."""
    lowered = text.lower()
    stripped = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode()
    return {_NOT_ASCII_KEY.sub("", form) for form in (lowered.translate(_TRANSLITERATED), stripped)} - {""}


def _is_address(parts: list[str]) -> bool:
    """``Kirche und Welt, Münster, Germany``: three or more capitalised single words from one
    Latin-script value, no full name among them, are a publisher's name and address (or a keyword
    list), not people. Writers' signs are lower case (``jd/mh/cpm``): three of them are three writers."""
    return len(parts) >= 3 and all(" " not in part and not _CJK.search(part) and part[:1].isupper() for part in parts)


def _without_outlet(name: str, outlets: list[str]) -> str:
    """``Anna Roth EXAMPLE TODAY`` → ``Anna Roth``: a byline that runs into the outlet's name. What a
    preposition leaves before it (``Redner bei example.de``, ``Editor at …``) is a post at the
    outlet, no name."""
    for outlet in outlets:
        if len(name) > len(outlet) + 2 and name.casefold().endswith(" " + outlet.casefold()):
            before = name[: -len(outlet)].strip()
            return "" if _AT_OUTLET.search(before) else before
    return name


def _without_handles(names: list[str]) -> list[str]:
    """Drop a one-word lowercase name beside a capitalised one: the writer's account handle
    (``annar`` or ``anna.la.rosa`` beside ``Anna La Rosa``, ``herrweber`` beside
    ``Jonas``), one writer, not two."""
    if not any(name[:1].isupper() for name in names):
        return names
    return [name for name in names if not (name.islower() and " " not in name)]


def _without_single_words(names: list[str]) -> list[str]:
    """Beside full names, a lone word in a Latin-script byline is a place or a credential
    (``Jonas Weber, London``; ``Anna Roth, MS, RDN``), not a person."""
    if not any(" " in name and not _CJK.search(name) for name in names):
        return names
    return [name for name in names if " " in name or _CJK.search(name)]


def split_names(value: str) -> list[str]:
    """One byline into its names: ``By A, B and C`` → ``A``, ``B``, ``C``; ``Last, First`` is one
    name, turned to ``First Last``: a catalogue's comma does not part two writers."""
    text = _BRACKETED_ROLE.sub("", _CREDIT_NOTE.sub("", _URL.sub(" ", _EMAIL.sub(" ", value))))
    text = re.sub(r"<\s*>|\(\s*\)|（\s*）|\[\s*\]", " ", text)
    text = _PREFIX.sub("", re.sub(r"\s+", " ", text).strip(" ~"))
    if _CHANNEL.match(text):
        return []
    # ``By Jane Doe. Updated Jan 1``: the full stop before a cut date ends the byline's sentence
    undated = _DATE_TAIL.sub("", text)
    undated = _WORD_STOP.sub("", undated) if undated != text else undated
    text = _WITH_AGENCIES.sub("", _OTHER_CREDIT.sub("", undated)).strip(" ,;|-–—·")
    if not text:
        return []
    inverted = _INVERTED.match(text)
    if inverted and not inverted.group("first")[0].islower() and not is_organisation(inverted.group("last")):
        return [_uninverted(inverted)]
    names: list[str] = []
    for part in _LIST_SPLIT.split(_FULL_STOP.sub(_stop_to_comma, text)):
        for name in _dash_joined(_name_joined(_JOINER.split(_FOR_OUTLET.sub("", part)))):
            pieces = _CJK_NAME_SPLIT.split(name) if _is_cjk_only(name) else [name]
            if len(pieces) > 1 and all(len(piece.strip()) == 1 for piece in pieces):  # ``赵  培``: spaced out
                pieces = ["".join(piece.strip() for piece in pieces)]
            for piece in pieces:
                if _ROLE.match(piece.strip()):
                    continue
                cleaned = _PREFIX.sub("", unbracketed(piece.strip(" 　\"'“”·-–—")).strip(" 　\"'“”·-–—"))
                cleaned = _POST_BEFORE_NAME.sub("", cleaned)
                cleaned = _without_post(cleaned)
                cleaned = _ROLE_WORDS.sub("", _ROLE_BEFORE_NAME.sub("", cleaned)).strip()
                if cleaned:
                    names.append(cleaned)
    return names


def unbracketed(name: str) -> str:
    """A name without the brackets around it or left over from the line (``（陈思远``, ``[林晓]``); a
    pair it holds stays whole: ``林晓 (Lin Xiao)`` is one writer in two scripts."""
    name = name.strip(" 　")
    while name:
        pairs = _bracket_pairs(name)
        last = len(name) - 1
        if name[0] in _BRACKETS and pairs.get(0) in (None, last):
            name = name[1:last] if pairs.get(0) == last else name[1:]
        elif name[-1] in _BRACKETS and last not in pairs.values():
            name = name[:last]
        else:
            return name
        name = name.strip(" 　")
    return name


def _bracket_pairs(text: str) -> dict[int, int]:
    """Where each opening bracket that is closed closes."""
    pairs: dict[int, int] = {}
    opened: list[int] = []
    for index, char in enumerate(text):
        if char in _OPENING:
            opened.append(index)
        elif char in _CLOSING and opened and text[opened[-1]] == _CLOSING[char]:
            pairs[opened.pop()] = index
    return pairs


def _uninverted(inverted: re.Match[str]) -> str:
    """``Roth, Anna`` → ``Anna Roth``, ``Vries, Anna-Lena de`` → ``Anna-Lena de Vries``: a catalogue's
    order turned to a reader's. After the comma a given name stands with at most an initial or a
    particle; two full words there (``Berlin, Anna Roth``) may be a place and a name: left whole."""
    first, last = inverted.group("first"), inverted.group("last")
    words = first.split()
    if sum(1 for word in words if len(word.rstrip(".")) > 1 and not _PARTICLE.match(word)) > 1:
        return inverted.group(0)
    return f"{first} {last}"


def _stop_to_comma(match: re.Match[str]) -> str:
    """``Jonas Weber. Example International``: a full stop after a word ends the name; after a
    title's abbreviation (``Prof. Anna Roth``) it does not."""
    return match.group(0) if match.group("word").lower() in _ABBREVIATIONS else f"{match.group('word')}, "


def _without_post(name: str) -> str:
    """``Anna Roth Senior Reporter`` → ``Anna Roth``; ``Korrespondentin in Paris`` → nothing: a post run
    on after a name, or alone, is no part of it; one word before the post (``Software Engineer``,
    ``Marketing Manager``) qualifies the post and names no one. ``Letters to the Editor`` is a column,
    left whole for the organisation rules."""
    if _POST_WORDS.isdisjoint(name.casefold().split()) or _ORGANISATION.search(name):
        return name
    rest = _POST_AFTER_NAME.sub("", name)
    return "" if rest != name and " " not in rest.strip() else rest


def _name_joined(names: list[str]) -> list[str]:
    """``Ahmet Yılmaz ve Ayşe Kaya`` → two writers; ``José Ortega y Gasset`` stays one: a word that
    means ``and`` parts names only when each side holds two capitalised words or more."""
    split: list[str] = []
    for name in names:
        pieces = _NAME_JOINER.split(name)
        two_names = len(pieces) > 1 and all(
            len(words := piece.split()) >= 2 and words[0][:1].isupper() for piece in pieces
        )
        split.extend(pieces if two_names else [name])
    return split


def _dash_joined(names: list[str]) -> list[str]:
    """``Jonas Weber - Anna Roth``: two full names a dash joins are two writers. A dash
    before anything else (``Jane Doe - Senior Reporter``) is left for the other rules."""
    split: list[str] = []
    for name in names:
        pieces = _DASH.split(name)
        split.extend(pieces if len(pieces) > 1 and all(_FULL_NAME.match(piece) for piece in pieces) else [name])
    return split


def is_full_name(name: str) -> bool:
    """``Anna Roth``, ``Anna-Lena de Vries``: a given name and a family name or two, capitalised."""
    return bool(_FULL_NAME.match(name))


def is_person(name: str) -> bool:
    """True for what reads as a person's name (or a pen name), not an organisation or page chrome."""
    if (
        not _LETTER.search(name)
        or _PLACEHOLDER.match(name)
        or _CHROME.search(name)
        or _SLUG.match(name)
        or is_organisation(name)
        or _NOT_A_NAME.search(name)
    ):
        return False
    if (
        any(char.isdigit() for char in name)
        or "_" in name
        or re.search(r"[^\W\d_]{3,}\.$", name)  # ``las acusaciones.``: a sentence's end, not an initial
        or _CREDENTIAL.match(name)
        or _ACRONYM.match(name)
        or _is_sentence(name)
    ):
        return False
    if _CJK.search(name):
        if is_agency(name) or _CJK_PLACE.match(name) or _CJK_QUESTION.search(name):
            return False
        cjk = len(_CJK.findall(name))
        return 2 <= cjk <= _MAX_CJK or "·" in name or "•" in name
    return len(name.split()) <= _MAX_WORDS and len(name) <= 60


def is_organisation(name: str) -> bool:
    """True for an outlet, a desk, an agency or a broadcaster given as a byline (``Redacción``,
    ``XYZ Info``, ``Agencias``, ``Nachrichtenredaktion``), judged by its whole words."""
    return _is_credit(name) or _has_agency_sign(_NAME_WORDS.split(name)) or bool(_ORGANISATION.search(name))


def _is_credit(name: str) -> bool:
    """A desk, a staff credit, a group of agencies or a broadcaster: ``Redaktion``, ``Agencias``,
    ``XYZ Info``, ``Hauptstadtstudio``, ``XYZ``."""
    words = [word for word in _NAME_WORDS.split(name) if word]
    return (
        not _ORGANISATION_WORDS.isdisjoint(word.casefold() for word in words)
        or bool(_ORGANISATION_COMPOUND.search(name))
        or (len(words) == 1 and bool(_CREDIT_ACRONYM.match(words[0])))
    )


def _has_agency_sign(words: list[str]) -> bool:
    """``dpa``, ``AFP``: an agency's short name in lower case or in capitals; ``Efe`` is a given name."""
    return any((word.islower() or word.isupper()) and word.casefold() in _AGENCY_SIGNS for word in words)


def _before_address(parts: list[str]) -> list[str]:
    """The parts of one byline that may name writers. ``Example.de GmbH, Munich, Germany``, ``PTI,
    Washington``: what follows a publisher or an agency's sign is its address or dateline. After a
    desk, a group of agencies or a broadcaster (``Redacción, María López``, ``XYZ Info, Anna Roth``)
    a writer may follow; a single word there is the desk's place (``Redacción, Madrid``)."""
    kept: list[str] = []
    credited = False
    for part in parts:
        if _is_credit(part) and not _has_agency_sign(_NAME_WORDS.split(part)):
            credited = True
        elif _ORGANISATION.search(part) or _has_agency_sign(_NAME_WORDS.split(part)):
            break
        elif not credited or " " in part or _CJK.search(part):
            kept.append(part)
    return kept


def is_agency(name: str) -> bool:
    """True for a news agency's Chinese name (``新华社``), which a story's closing bracket may give."""
    return bool(_CJK_AGENCY.match(name.strip()))


def _is_sentence(name: str) -> bool:
    """``deinen Hochzeitsbloggern``: a lowercase word (not a particle such as ``de`` or ``van``)
    before a capitalised one reads as words of a sentence, not a name."""
    words = name.split()
    return len(words) > 1 and words[0].islower() and not _PARTICLE.match(words[0]) and not name.islower()


def _is_cjk_only(name: str) -> bool:
    return bool(_CJK.search(name)) and not re.search(r"[A-Za-z]", name)


def _key(name: str) -> str:
    return _NON_WORD.sub("", name).lower()
