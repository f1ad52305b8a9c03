"""Line rules for news bodies: credit and staff lines become fields, chrome lines and trailing
lists are cut.

Generic extractors keep ``来源:`` / ``责任编辑:`` lines whenever they sit inside the body node,
and none of them cuts a trailing related-headline list. These rules run on the chosen
paragraphs, so they apply whatever the page's markup was. Each rule only fires on short lines
that are *only* the credit or the widget, so a story sentence that mentions an editor or an
advertisement is never touched.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from transforms.extract.authors import is_agency, is_full_name, is_person, split_names, unbracketed
from transforms.extract.folding import Folded

_SEP = r"\s*[:：]\s*"
# The words a credit line opens with: ``来源：``, ``本文来源于：``, ``Quelle:``.
# ``出处``, ``稿源`` and ``转自`` (``转载自``) label the outlet as ``来源`` does.
_SOURCE_WORD = (
    r"(?:(?:本文|文章|稿件|新闻|信息)?(?:(?:来源|來源)于?|出处|出處|稿源|转自|轉自|转载自|轉載自)"
    r"|Source|Quelle|Fuente|Fonte)"
)
_CREDIT = re.compile(
    rf"^[（(【\[]?\s*{_SOURCE_WORD}{_SEP}"
    r"(?P<value>[^）)】\]]+?)\s*[）)】\]]?$",
    re.IGNORECASE,
)
# The source note closing a story or a press release, whatever follows the label (an agency with its
# abbreviation, a date and a place, several sources): the credit's line, not the story's.
_SOURCE_NOTE = re.compile(r"^[(\[]?\s*(?:Quellen?|Sources?|Fuentes?|Fontes?)\s*[:：]\s*\S", re.IGNORECASE)
_SOURCE_NOTE_CHARS = 160
_CREDIT_LABEL = re.compile(rf"^\s*{_SOURCE_WORD}\s*[:：]?\s*", re.IGNORECASE)
_CREDIT_TAIL = re.compile(
    r"\s*(?:原创稿|原創稿|原创|原創|供稿|\s{2,}.*|\s(?:作者|记者|記者|编辑|編輯|时间|時間|发布|日期)[:：\s].*"
    # ``某某观察（ID：abc）``: a public account's id after its name
    r"|\s*[（(]\s*(?:ID|微信号|微信號|微信ID)\s*[:：].*)$"
)
_SELF_CREDIT = frozenset(
    ("本站", "本网", "本網", "本报", "本報", "本台", "本刊", "原创", "原創", "本站原创", "网络", "網絡", "互联网")
)
_EDITOR_ID = re.compile(r"[_\s]*[A-Z]{1,4}\d{2,}$")
_ADMIN_ACCOUNT = re.compile(
    r"^(?:系统|系統|超级|超級|网站|網站)?(?:管理员|管理員)$|^(?:site\s*)?admin(?:istrator)?$", re.IGNORECASE
)
# ``BERLIN (dpa) -``, ``LONDON (Reuters) —``, ``新华社北京3月5日电``: the agency a story is taken from.
_AGENCY_DATELINE = re.compile(
    r"[（(](?P<agency>dpa|AFP|Reuters|AP|KNA|epd|APA|sda|SDA|ANSA|EFE|dts|dpa-AFX|ots|Xinhua|Kyodo|Yonhap)"
    r"(?:/[\w-]+)?[)）]\s*[-–—:]"
    r"|^(?P<zh>新华社|中新社|中新网|人民网|央视网|新華社|中央社)[^\s，,。]{0,12}(?:电|電)",
)
# ``（责任编辑：张三）``; also the site's own editor without a colon, ``（某某网编辑 陈思远）``, when a
# bare name follows, or parted from it by a bar (``编辑丨林晓``), as public accounts' staff lines do.
# ``本文责编``, ``文字编辑``, ``新媒体编辑``: the story's editor, where a picture's or a clip's editor is not.
_EDITOR = re.compile(
    r"^[（(【\[]?\s*(?:[\u4e00-\u9fff]{1,8}?(?:网|網|报|報|台|社))?(?:本文|文字|新媒体|新媒體|网络|網絡|发稿|發稿|值班)?"
    r"(?:责任编辑|責任編輯|责编|責編|编辑|編輯|审核|Editor)"
    rf"(?:{_SEP}|\s*[|｜丨]\s*|\s+(?=[\u4e00-\u9fff]{{2,4}}\s*[）)】\]]?$))(?P<value>[^）)】\]|｜丨]+?)\s*[）)】\]]?$",
    re.IGNORECASE,
)
# ``策划：王五``, ``统筹：王五``: another staff member's field beside the credits of a staff line
_STAFF_FIELD = re.compile(
    r"^[\u4e00-\u9fff]{2,4}\s*[:：|｜丨]\s*[\u4e00-\u9fff·]{2,8}(?:[、，,][\u4e00-\u9fff·]{2,8})*$"
)
# ``……。（来源：某某晚报）``: the outlet a republished story came from, closing its last paragraph after
# its last sentence; a caption's or a chart's data source (``图表：各省GDP（来源：国家统计局）``) closes no
# sentence.
_TRAILING_SOURCE = re.compile(
    rf"(?<=[。！？.!?])\s*[（(]\s*{_SOURCE_WORD}{_SEP}(?P<value>[^（()）:：]{{2,30}})[）)]\s*$", re.IGNORECASE
)
_TRAILING_EDITOR = re.compile(
    rf"[（(【\[]\s*(?:责任编辑|責任編輯|责编|编辑|編輯){_SEP}(?P<value>[^）)】\]]{{1,30}})[）)】\]]\s*$"
)
# ``王五 校对：赵六``: an editor's value that runs on into the staff line's next field
_NEXT_STAFF_FIELD = re.compile(r"\s+[\u4e00-\u9fff]{2,4}\s*[:：].*$")
# ``本文来自微信公众号“某某观察”（ID：abc），作者：林晓``: a story republished from a public account, whose
# name is its source.
_ACCOUNT_NOTE = re.compile(
    r"^[（(]?\s*本文(?:来自|來自|转载自|轉載自|转自|轉自|来源于|來源於)(?:微信)?(?:公众号|公眾號|订阅号|訂閱號)\s*[:：]?\s*"
    r"[“\"「『]?(?P<value>[^”\"」』（()），,。]{2,30})[”\"」』]?\s*(?:[（(][^（()）]{0,40}[）)])?"
    r"(?:\s*[，,]\s*(?:作者|文)\s*[:：|｜丨]\s*(?P<names>[^，,。（()）]{2,30}))?\s*[。.]?\s*[）)]?$"
)
_ORIGINAL_TITLE = re.compile(rf"^[（(]?原标题{_SEP}(?P<value>.+?)[）)]?$")
# One Chinese name, a transliterated one with its dot too (``阿卜杜拉·艾山``); up to six of them in a row.
_CJK_NAME = r"[\u4e00-\u9fff]{2,4}(?:·[\u4e00-\u9fff]{2,8})?"
_CJK_NAMES = rf"{_CJK_NAME}(?:[\s、，,]+{_CJK_NAME}){{0,5}}"
_REPORTER = (
    r"(?:作者|本报记者|本報記者|特约记者|特約記者|实习记者|見習記者|见习记者|總台記者|总台記者|记者|記者|通讯员|通訊員|实习生|實習生|"
    r"评论员|評論員|撰稿人|专栏作者|專欄作者|专栏作家|專欄作家)"
)
# ``记者张三``, ``本报记者张三 通讯员李四``: the role run into the name with no space between. A name opens
# with a family name, which tells it from a column's word after the role (``记者手记``, ``记者观察``);
# one, or two for a double family name, and one or two given characters, then the name ends. The
# family names are the common ones, less those that are more often a word there (``于``, ``和``,
# ``连`` of ``记者连线``); a rarer family name is missed, not guessed.
_FAMILY_NAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤常温康"
    "施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗"
    "谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农卓吉缪简车项芦麦褚娄窦戚岑景党宫费卜冷晏席卫"
    "米柏宗瞿桂全佟臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池麻苑迟邝封匡鞠惠荆冀郁胥栗燕楚鄢"
    "谌奚粟冼蔺闻厉仝郜阚权帅屠朴盖廉禹祖漆巴丰支卿狄晋芮扈晁邸雍辜裘亓邰赫杭宿逯茹诸慕嵇湛宾戎茅揭尉"
    "陳楊黃趙吳孫馬鄭謝許韓馮鄧蕭葉蘇呂盧鍾譚陸賈韋劉張顧龔錢嚴莊聶魯歐蘭紀畢塗駱藍華饒竇閆閻羅"
)
_DOUBLE_FAMILY_NAMES = "欧阳|歐陽|司马|司馬|诸葛|諸葛|上官|东方|東方|皇甫|令狐|慕容|尉迟|公孙|夏侯|长孙"
_FAMILY = rf"(?:{_DOUBLE_FAMILY_NAMES}|[{_FAMILY_NAMES}])"  # a family name, double or single
# A photographer's credit (``摄影记者张三``, ``记者张三摄``) names no writer.
_RUN_IN_ROLE = re.compile(
    r"(?<!摄影)(?<!攝影)(记者|記者|通讯员|通訊員|实习生|實習生)"
    rf"(?={_FAMILY}[\u4e00-\u9fff]?(?![摄攝])[\u4e00-\u9fff](?![\u4e00-\u9fff])"
    # a column's title may open with a family name too (``记者江湖：``); it heads what follows, a colon or
    # a closing title mark after it, where a byline's name ends its line or runs into the story
    r"(?!\s*[:：》」』”]))"
)
_RUN_IN_ALONE = re.compile(r"^(?:记者|記者|通讯员|通訊員|实习生|實習生)[\u4e00-\u9fff]{2,4}$")
# A label alone in brackets credits the name after it (``【作者】林晓``), but not every one: ``【记者】``
# marks an interviewer's question, and ``【图文】``, ``[文]`` say what kind of item follows.
_BRACKET_WRITER_LABEL = (
    r"(?:文章作者|本文作者|原文作者|原作者|作者|本报记者|本報記者|特约记者|通讯员|通訊員|撰文|撰稿|撰写|撰寫|采写|採寫|执笔人?|執筆人?|"
    r"楼主|樓主|发帖人|發帖人|博主)"
)
# The labels a writer's credit opens with. ``文图``, ``图文`` and ``文字`` credit the writer (of text and
# pictures); ``楼主`` and ``发帖人`` are who opened a forum thread, ``博主`` who keeps the blog.
_WRITER_LABEL = rf"(?:{_BRACKET_WRITER_LABEL}|記者|记者|文图|文圖|图文|圖文|文字|文)"
# ``博主：…``, ``楼主：…``: a comment under a blog or a forum post addresses its writer so; a name follows
# only in the writer's credit.
_OWNER_LABEL = re.compile(r"^[（(\[【]?\s*(?:博主|楼主|樓主)")
# What parts a label from its writer: a colon, a slash, or a bar (``作者｜林晓``, ``文丨林晓``, ``撰文 | 林晓``).
_WRITER_SEP = rf"(?:{_SEP}|\s*[/／|｜丨]\s*)"
_AUTHOR = re.compile(
    # ``【作者】林晓``: the label in its own brackets parts it from the name
    rf"^(?:[（(\[【]?{_WRITER_LABEL}{_WRITER_SEP}|[【\[]{_BRACKET_WRITER_LABEL}[】\]]\s*)"
    # a bracketed part after the name is its own (``林晓 (Anna Roth)``); the closing one is the line's
    r"(?P<value>[^（()）\]】]{1,40}(?:[（(][^（()）]{0,40}[）)]?)?)[）)\]】]?$"
    # ``■ 本报记者 林晓 文/图``: the reporter's line may say the reporter took the pictures too
    rf"|^[（(□■●◎◆▲★☆○\s]*(?:[^（(：:]{{0,16}}?\s*)?{_REPORTER}\s+(?P<names>{_CJK_NAMES})"
    r"(?:\s*(?:文\s*[/／]\s*图|图\s*[/／]\s*文|文图|图文))?\s*[）)]?$"
    # ``撰文 林晓``: a writer's label a space parts from the names
    rf"|^(?:撰文|采写|採寫|执笔|執筆|文)\s+(?P<spaced>{_CJK_NAMES})$"
    # ``张三 文``, ``张三/文``: the name before the label
    rf"|^(?P<signed>{_CJK_NAME})(?:\s+|\s*[/／|｜丨]\s*)(?:文|文图|文圖|撰文|文\s*[/／]\s*[图圖]|[图圖]\s*[/／]\s*文)$"
    r"|^文\s*/\s*(?P<slash>[^/]{1,30})$"
    r"|^By\s+(?P<by>[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|&|de|van|von))*(?:,\s*[A-Z][\w\s]+)?)$",
)
_BRACKETED_LABEL = re.compile(rf"(?:^|(?<=\s))[【\[]\s*({_BRACKET_WRITER_LABEL})\s*[】\]]\s*")
# ``宣传部供稿  摄影/李四  编辑/王五``: a staff line whose roles are marked with a slash, not a colon.
_SLASH_ROLE = r"(?:摄影|攝影|图|圖|文|编辑|編輯|责任编辑|責任編輯|责编|審核|审核|校对|校對)\s*/\s*[\u4e00-\u9fff·]{2,8}"
_SLASH_STAFF = re.compile(
    rf"^(?:(?:[^\s/：:]{{2,24}}供稿|{_SLASH_ROLE})\s*)*{_SLASH_ROLE}(?:\s+[^\s/：:]{{2,24}}供稿)?$"
)
_SLASH_EDITOR = re.compile(r"(?:责任编辑|責任編輯|责编|编辑|編輯)\s*/\s*(?P<value>[\u4e00-\u9fff·]{2,8})")
_SLASH_WRITER = re.compile(r"(?:^|\s)文\s*/\s*(?P<names>[\u4e00-\u9fff·]{2,8})")
# Who posted a forum or blog entry: ``由张三张贴 @ 2005-06-14``, ``本贴由张三于2005年8月12日在〖版面〗发表.``,
# and a blog writer's signature under the story, ``张三写于2005年6月12日``.
_POSTER = re.compile(
    r"^由\s*(?P<a>[^\s@]{1,20}?)\s*(?:张贴|張貼|发表|發表|发布|發佈)(?:\s*[@于於]\s*[\d\s/:：年月日-]*.{0,20})?$"
    r"|^(?:本贴|本帖|此贴|此帖|本文)由\s*(?P<b>[^\s@]{1,20}?)\s*(?:于|於)\s*\d.{0,60}(?:发表|發表|张贴|張貼|发布|發佈)\.?$"
    r"|^[-—－–~\s]*(?P<c>[\u4e00-\u9fff]{2,5}?)\s*(?:写于|寫於|写在|寫在|作于|作於)\s*[\d\s/:：.,，年月日号-]{4,}$"
    # a blog post's footer, ``posted @ 2009-03-04 17:08 张三 阅读(123) 评论(0)``, and a forum post's
    # head, ``张三 发表于 2005-08-22 19:13``
    r"|^posted\s*(?:@|on)\s*[\d\s/:：.年月日-]{6,}(?:\s*[AaPp][Mm])?\s+(?P<d>[^\s()（）]{2,20})"
    r"(?:\s+(?:阅读|閱讀|评论|評論|read|comments?)\b.*|\s*[(（].*)?$"
    r"|^posted\s+by\s+(?P<f>[^\d@]{2,40}?)\s+(?:at|on|@)\s+.{0,30}\d.{0,30}$"
    r"|^(?P<e>[^\s:：()（）]{2,20})\s+(?:发表于|發表於)\s*[:：]?\s*\d{2,4}\s*[-/.年]\s*\d[\d\s/:：.年月日-]*$",
    re.IGNORECASE,
)
_NOT_A_NAME = re.compile(  # section words a heading may stand on alone
    r"^(?:前言|序言|序|引言|引子|摘要|导读|導讀|导语|導語|简介|簡介|正文|目录|目錄|附录|附錄|后记|後記|编者按|編者按|背景|概述|"
    r"结语|結語|按语|按語|图集|圖集|组图|組圖|图片|圖片|视频|視頻|音频|音頻|专题|專題|快讯|快訊|提要|要点|要點|公告|通知|"
    r"声明|聲明|原文|全文|译文|譯文|更新)$"
)
_BARE_NAME = re.compile(rf"^{_CJK_NAME}$")
# A speech's heading: the speaker's post and name on one line (``市交通委员会新闻发言人 林晓``) over
# the address to the audience, a short line ending in a colon (``女士们、先生们：``, ``同志们：``). A
# numbered or dated section heading (``一、 工作回顾``, ``第一部分 政策解读``, ``2023年 工作总结``) over a
# line leading into a list (``主要包括：``) has the same shape: the heading opens with its number or year,
# and the lead-in names no one it speaks to.
_SPEAKER = re.compile(
    r"^(?![一二三四五六七八九十百\d]+\s*[、.．]|第.{1,3}[部章节節条條篇]|\d{2,4}\s*年)"
    rf"[^\s，。！？!?：:；;（）()]{{2,30}}\s+(?P<name>{_CJK_NAME})$"
)
_SALUTATION = re.compile(r"^(?=.*(?:们|們|各位|尊敬|亲爱|親愛))[^\d。！？!?，,：:；;（）()]{2,24}[：:]$")
_HEADING_LINE = re.compile(r"^[^。！？!?，,；;]{2,40}$")
# ``……（记者 林晓）`` / ``……（陈思远 上海报道）`` closing the story's last paragraph.
_NAME_SLASH_OUTLET = re.compile(
    r"^(?P<names>[\u4e00-\u9fff]{2,4}(?:[、，][\u4e00-\u9fff]{2,4}){0,3})\s*/\s*"
    r"(?P<value>[\u4e00-\u9fff]{2,10}(?:报|報|网|網|社|台|刊|杂志|雜誌))$"
)
# ``……（文/林晓）``, ``……（作者：林晓）``: the writer's label may part the name with a slash or a colon;
# ``（作者为教授）``, ``（作者系…）`` say who the writer is, not the name.
# ``… bleibt spannend. (Anna Roth) +++``: a writer's full name in brackets after the last sentence,
# an end mark (a short run of signs) may follow it; a quotation's source follows a quote mark instead.
_NAME_SIGN_OFF = re.compile(r"[.!?…]\s+\((?P<names>[A-ZÀ-Þ][^()\d]{3,80})\)\s*[+*#■□–—-]{0,4}$")
_SIGN_OFF = re.compile(
    rf"[（(]\s*(?:[^（()）\s]{{0,8}}?{_REPORTER}\s*|(?:文|作者|撰文|执笔|執筆)\s*[:：/／|｜丨]\s*)?"
    rf"(?P<names>(?![系为是係為]){_CJK_NAMES})"
    # ``（林晓/文）``, ``（林晓 文/图）``: the writer's label after the name
    r"\s*(?:[\u4e00-\u9fff]{2,3}报道|報道|[/／]?\s*(?:文\s*[/／]\s*[图圖]|[图圖]\s*[/／]\s*文|文))?\s*[）)]\s*$"
)
# ``某某报快讯（记者 林晓）``: the reporters in the story's dateline. Correspondents
# (``（职工通讯员 …）``) were tried and lowered the held-out author figures: left out.
# A dateline may give the year and run longer (``人民网北京2022年2月13日电``) when it ends in its word.
_DATELINE_AUTHORS = re.compile(
    r"^(?:[^（(]{0,12}|[^（(，。]{0,24}?(?:电|電|讯|訊|消息))\s*[（(](?:本报)?记者\s*(?P<names>[^）)]{2,30})[）)]"
)
# ``本报讯 记者 张三 通讯员 李四 今天上午，……``: the same without brackets, the reporters' names set apart
# by spaces up to the story's first sentence, which runs on with no space.
# Each name opens with a family name, as a name run into its role does.
_FAMILY_LED_NAME = rf"{_FAMILY}[\u4e00-\u9fff]{{1,2}}"
_OPEN_DATELINE_AUTHORS = re.compile(
    rf"^[^\s（(，。]{{0,12}}(?:讯|訊)\s+(?P<names>(?:本报|本報|特约|特約|实习|實習|见习|見習)?(?:记者|記者)\s+{_FAMILY_LED_NAME}"
    rf"(?:\s+(?:(?:记者|記者|通讯员|通訊員|实习生|實習生)\s+)?{_FAMILY_LED_NAME})*)\s+(?=[^\s]{{6,}})"
)
# A sign-off on a line of its own under the story's last paragraph: the writers' names in brackets
# (``【林晓】``, ``（林晓 陈思远）``) or after a dash (``——林晓``). Each name opens with a family name:
# a bracketed word (``【纠错】``, ``（北京）``) or a quotation's source is no one's sign-off.
_SIGNED_NAMES = rf"{_FAMILY_LED_NAME}(?:[\s、，,]+{_FAMILY_LED_NAME}){{0,3}}"
_SIGN_OFF_LINE = re.compile(
    rf"^(?:[【\[]\s*(?P<a>{_SIGNED_NAMES})\s*[】\]]|[（(]\s*(?P<b>{_SIGNED_NAMES})\s*[）)]"
    rf"|[—－–-]{{1,2}}\s*(?P<c>{_SIGNED_NAMES}))$"
)
# ``本报讯（记者林晓）`` on a line of its own: a dateline and its byline, with no story after them.
_BARE_DATELINE = re.compile(
    r"^[^\s（(，。]{0,12}(?:讯|訊|电|電)\s*[（(]\s*(?:本报|本報)?(?:记者|記者)[^（()）]{2,30}[）)]$"
)
# A forum post's header lines (``发信人: 林晓 (xiaolin), 信区: News``, ``标  题: …``, ``发信站: …``):
# the board's record of who posted what where, not the post's text. The poster's name is the one
# outside the brackets, or a Chinese name inside them beside a Latin account name.
_POST_HEADER = re.compile(
    r"^(?:发信人|發信人|寄信人)\s*[:：]\s*(?P<poster>[^\s(（),，]{1,30})\s*(?:[(（](?P<nick>[^()（）]{0,40})[)）])?"
    r"\s*[,，]?\s*(?:信区|信區)\s*[:：].*$"
    r"|^(?:发信站|發信站|转信站|轉信站)\s*[:：].*$"
)
_POST_TITLE = re.compile(r"^(?:标|標)[ \t\u3000]*(?:题|題)\s*[:：].*$")
# ``……。（完）``: a wire story's end mark, after its last sentence; staff lines may follow it.
_END_MARK = re.compile(r"(?<=[。！？.!?”」』）)])\s*[（(]\s*完\s*[）)]\s*$")
# ``2019-09-09 19:28 中国外交``: a teaser's time and topic tag in a feed below the story
_DATED_TAG = re.compile(
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?\s+\S{1,12}$"
)
_PAGER = re.compile(r"\d{1,3}(?:\s+\d{1,3}){2,}")  # ``1 2 3 4 5``: page numbers or a rating row
_RELATED_HEADING = re.compile(
    r"^(?:过去24小时新闻|相关新闻|相关阅读|相关报道|相关文章|相关链接|延伸阅读|推荐阅读|热门推荐|热点推荐|为你推荐|猜你喜欢|"
    r"更多新闻|更多精彩|往期推荐|往期精彩|热门新闻|热门文章|精彩推荐|今日热点|最新新闻|往期回顾|相關新聞|相關閱讀|延伸閱讀|熱門推薦|推薦閱讀|"
    r"Related(?: stories| articles| news| coverage| content)?|Read more|More stories|More from [\w ]+|"
    r"Recommended(?: for you)?|You may also like|Most read|Trending|Popular now|See also|"
    r"Ähnliche (?:Artikel|Beiträge|Themen|Nachrichten)|"
    r"Empfehlungen (?:aus (?:dem|der|unserem|unserer) .{1,40}|der Redaktion)|Verwandte (?:Artikel|Beiträge|Themen)|"
    r"Weitere (?:Artikel|Beiträge|Meldungen)|"
    r"Das könnte (?:dich|Sie|euch) auch interessieren|Mehr zum Thema|Siehe auch|Auch interessant|"
    r"(?:À|A) lire aussi|Sur le même sujet|Articles similaires|Dans la même rubrique|"
    r"Te puede interesar|Noticias relacionadas|Artículos relacionados|Más noticias|Lee también|"
    r"Veja também|Leia também|Notícias relacionadas|Leggi anche|Articoli correlati|"
    r"Lees ook|Gerelateerde artikelen|Czytaj (?:także|też)|Zobacz (?:także|też)|Podobne artykuły|"
    r"関連記事|関連ニュース|あわせて読みたい|관련\s?기사|"
    r"Lesen Sie (?:auch|mehr)(?: die folgenden (?:Beiträge|Artikel))?|Auch (?:interessant|lesenswert)|Zum Weiterlesen|"
    r"Weiterführende(?:r)? (?:Link|Links|Artikel|Informationen)|"
    r"Meist(?:gelesene|diskutierte|geklickte) (?:Artikel|Beiträge)|"
    r"Mehr (?:zum Thema|dazu|aus (?:der|dem) \w+)(?: (?:auf|bei) [\w.-]+)?|Weitere (?:News|Nachrichten|Links)|"
    r"Notas relacionadas|Lea también|Leer más|Leia mais|Saiba mais|Lire (?:aussi|la suite)|Pour aller plus loin|"
    r"Related|Also read|Read also|Read next|Further reading|More on this(?: story| topic)?|Latest news|"
    r"Auch (?:auf|bei) [\w.-]+\.\w+|"
    r"Kontakt|Weitere Informationen|Zusatzinformationen|Mehr Informationen|Quellen(?:angaben)?|"
    r"More information|Further information|Más información|Informations complémentaires|"
    r"Maggiori informazioni|"
    r"Читайте (?:также|еще|ещё)|Смотрите также|Похожие (?:статьи|новости|материалы|записи)|"
    r"Новости по теме|Другие новости|Рекомендуем(?: прочитать)?|Популярное|Самые популярные(?: [\w ]+)?|"
    r"Читайте також|Дивіться також|Схожі (?:статті|новини)|Новини на тему)\s*[:：]?$",
    re.IGNORECASE,
)
# A "read also" line inside the story: the label and the headline of another article after it.
_READ_ALSO = re.compile(
    r"^[>»►▶]?\s*(?:Lesen Sie (?:auch|mehr|hier)|Auch interessant|Mehr zum Thema|Siehe auch|Weiterlesen|"
    r"Read (?:more|also|next)|Related|See also|Also read|Veja (?:também|mais)|Leia (?:também|mais)|Lee (?:también|más)|"
    r"Lea también|Te puede interesar|(?:À|A) lire aussi|Lire aussi|Leggi anche|Lees ook|Czytaj (?:także|też)|"
    r"関連記事|相关阅读|延伸阅读|相关新闻|推荐阅读)\s*[:：»>]\s*.{1,150}$",
    re.IGNORECASE,
)
# Picture credits standing alone on a line: a label, or an agency with a photographer's name.
_PICTURE_LABEL = (
    r"Foto(?:s|grafie|grafía|grafia)?|Bild(?:er|quelle|nachweis)?|Titel(?:bild|foto)|Beitragsbild|Abbildung|Abb\.|"
    r"Photo(?:s|graph|graphy)?(?: credits?)?|Images?|Picture|Pictures|Credits?|Crédits?(?: photos?)?|"
    r"Imagen|Créditos?|"
    r"Immagine|Zdjęcie|写真|画像|图片|圖片|照片"
)
_PICTURE_CREDIT = re.compile(
    rf"^[(（\[]?\s*(?:{_PICTURE_LABEL})\s*(?:[:：/|©]|\s(?:by|von|de|par|di|door)\s).{{0,80}}$|"
    rf"^[(（\[]?\s*(?:{_PICTURE_LABEL})\s*[:：]\s*[)）\]]?$|"
    r"^(?:Titel(?:bild|foto)|Beitragsbild|Bild(?:quelle|nachweis)|Photograph|Photo credits?|Credits?|"
    r"Crédits? photos?)$|"
    rf"^.{{1,60}},\s*(?:photo|foto|bild|image)\s*[:：].{{0,60}}$|"
    r"^[(（\[]?\s*(?:©|\(c\)|Copyright\b).{1,80}$|"
    r"^(?:[\w.-]+ ?/ ?)?(?:AFP|AP|dpa|Reuters|EPA|Getty Images|Keystone|ANSA|EFE|APA|imago(?: images)?|"
    r"picture alliance|Shutterstock|iStock(?:photo)?)(?: ?/ ?[\w .'-]{1,40})?$",
    re.IGNORECASE,
)
# Notices a site puts in the story's flow: sign-in and subscription calls, embed consent
# placeholders, "follow us" lines. Matched inside short lines only: a story quoting such a
# sentence runs longer than the notice alone.
_STORES = r"(?:itunes|app store) (?:und|and|&|y|et|e|oder|or|/) (?:google play|play store)"
_APP_CALL = (
    r"(?:download|get|hol dir|holt euch|holen sie sich|laden sie|lade dir|descarga|descargue|baixe|"
    r"t[ée]l[ée]chargez|scarica)"
)
_NOTICE = Folded(
    r"subscribe (?:now|today|to (?:continue|read|view|access|our))|already a subscriber|"
    r"subscribers? (?:only|exclusive)|"
    r"(?:to|please) (?:view|read|continue reading|see) the (?:full|rest of the) (?:story|article)|for the full story|"
    r"never miss (?:the latest|a story|an update)|log in (?:for|to) (?:immediate )?access|"
    r"sign(?:ing)? up (?:for|to) (?:our|the) (?:free )?(?:newsletter|daily|weekly|e-?mail|alerts)|"
    r"we need your (?:consent|permission)|we (?:value|respect) your privacy|"
    r"(?:accept|enable|allow) (?:all )?(?:cookies|marketing cookies|third-party content) to (?:view|see|load|watch)|"
    r"jetzt (?:abonnieren|registrieren|anmelden|weiterlesen)|bereits (?:Abonnent|registriert)|"
    r"(?:Abo|Abonnement) abschließen|"
    r"Externer Inhalt|externe(?:n|r)? (?:Inhalte?|Dienste?)s? (?:anzeigen|laden|zulassen|akzeptieren)|"
    r"(?:anzuzeigen|zu laden|zu sehen)[^.]{0,80}zustimm|zustimm[^.]{0,80}(?:angezeigt|anzuzeigen|geladen|zu laden)|"
    r"respektieren (?:deine|Ihre|eure) Privatsphäre|"
    r"suscr[ií]bete|hazte (?:miembro|socio)|ya eres suscriptor|s[ií]guenos en|"
    r"assine (?:já|agora|o |a )|já é assinante|inscreva-se|siga-nos|"
    r"abonnez-vous|d[ée]j[àa] abonn[ée]|r[ée]serv[ée] aux abonn[ée]s|suivez-nous|"
    r"abbonati (?:ora|subito)|gi[àa] abbonato|seguici su|"
    r"subskrypcj|会員登録|ログインして|この記事は会員|"
    r"(?:Dieser|Der) (?:Beitrag|Artikel|Post) enthält (?:Werbung|Affiliate)|Alle Angaben ohne Gewähr|"
    r"(?:post|article) (?:contains|may contain) affiliate links|"
    r"our YouTube channel|nuestro canal de YouTube|unseren YouTube-Kanal|"
    r"(?:sign up|subscribe) here|abonnieren Sie (?:\w+ )?(?:den|die|unseren?) .{0,30}newsletter|nichts mehr verpassen|"
    r"(?:our|unseren?|nuestr[ao]|notre|la nostra|a nossa) newsletter|"
    r"^follow (?:us|@?[\w ]{1,40}) on (?:twitter|facebook|instagram|x|linkedin|telegram)|"
    # The paper's own app and a call for readers' letters: a story says the same (``The app is available
    # on the App Store and Google Play``, ``Residents can submit a comment``), so only the call itself
    # counts, opening the line (``Download the app``, ``Submit your letter``), or the stores named in
    # brackets beside the offer (``in der App (iTunes und Google Play)``), or the offer ending the line,
    # only the platforms after it (``For the latest stories download our apps for iOS and Android.``).
    r"download (?:the|our) .{0,30}apps?(?: (?:for|on|in) (?:ios|android|iphone|ipad|the app store|app store|"
    r"google play)[^.!?]{0,30})?[.!]?\s*$|"
    rf"^\s*[>»►▶•]?\s*(?:(?:jetzt|now|einfach)\s+)?(?:{_APP_CALL}\b.{{0,160}}?(?:{_STORES}|\bapps?\b)|"
    r"submit (?:your|a) (?:letter|comment|tip|story)|send us your (?:letter|tips?|story)|"
    r"leserbrief(?:e)? (?:schreiben|einsenden|senden))|"
    rf"[(（]\s*{_STORES}\s*[)）]",
)
_NOTICE_CHARS = 220
_CONTINUATION = re.compile(
    r"^(?:[（(]未完[，,]?(?:待续)?[）)]|[（(]完[）)]|阅读全文.*|閱讀全文.*|打开APP.*|打開APP.*|点击查看全文.*|展开全文.*|"
    r"查看全文.*|下载.{0,10}APP.*|Continue reading.*|Read the full (?:story|article).*)$",
    re.IGNORECASE,
)
_INLINE_CONTINUATION = re.compile(r"\s*(?:[（(]未完[，,]?(?:待续)?[）)]|阅读全文\s*>*|打开APP[^。]{0,20})\s*$")
_CONTINUATION_MARKERS = ("未完", "阅读全文", "打开APP")  # a line without one of these cannot match
_CHROME_LINES = (
    r"[【\[]?(?:广告|廣告|打印|打印本页|打印此页|打印本文|关闭|關閉|关闭窗口|关闭本页|返回顶部|返回首页|收藏|纠错|我要纠错|分享|分享到|转发|举报|"
    r"我要评论|发表评论|网友评论|评论|查看评论|扫一扫|扫描二维码|二维码|点赞)[】\]]?[:：]?",
    r"\[?\s*(?:字号|字體)\s*[:：]?\s*大\s*中\s*小\s*\]?",
    r"Advertisement|Advertising|Advert|Sponsored|This slideshow requires JavaScript\.?",
    r"Story continues below(?: advertisement)?|Scroll to continue with content",
    r"Continue reading (?:the main story|below)|Share(?: this (?:article|story))?|Share on \w+|Email|Print|Comments?",
    r"Follow us.*|Sign up.*newsletter.*|Image|Caption|Close|Back to Gallery|Getty Images|AP Photo|Reuters",
    r"Article content|Bild (?:anzeigen|vergrößern)|Rezept drucken|(?:View|Enlarge) (?:image|photo)|Inhaltsverzeichnis",
    r"(?:Keine|\d+) Kommentare?|Kommentare? (?:geschlossen|schreiben|insgesamt)[:：]?.{0,6}|No comments(?: yet)?|"
    r"Comments are closed\.?|Leave a (?:comment|reply)|(?:Aufrufe|Views)[:：]?\s*[\d.,]*",
    r"(?:zurück|back) (?:zur|zum|to) (?:the )?(?:Übersicht|Listenansicht|Startseite|Liste|Archiv|list|overview|"
    r"top|home(?:page)?|index|archive|all \w+|news)\b.{0,20}|Vorschau auf den nächsten Artikel|"
    r"(?:Nächster|Vorheriger) (?:Artikel|Beitrag)|"
    r"(?:Next|Previous) (?:article|post|story)",
    r"(?:Aktualisiert|Erstellt|Zuletzt (?:aktualisiert|geändert)|Last (?:modified|updated)|"
    r"Actualizado|Mis à jour|Aggiornato)(?: am| on| el| le| il)?\s*[:：]?(?:\s*[^!?]{0,12}\d[^!?]{0,30})?",
    # the publish stamp as a labelled field (``Publiziert: 03.04.2020, 12:35``); ``Veröffentlicht am …``
    # without the colon may open a sentence or a podcast's episode notes
    r"(?:Publiziert|Veröffentlicht|Publié|Publicado|Pubblicato|Gepubliceerd|Opublikowano)"
    r"\s*[:：]\s*(?:[^\W\d]+,?\s+)?\d{1,4}[.\s/-]\s*(?:\d{1,2}|[^\W\d]+)\.?[\s/.-]*\d{2,4}"
    r"(?:,?\s*(?:um |à |a las |alle )?\d{1,2}[:.h]\d{2}(?:\s*Uhr)?)?",
    # a reading-time line, alone or after the date (``Oct 15, 2015 · 18 min read``, ``Lesezeit: 2 Minuten``)
    r"(?:[^!?]{0,60}[·|•/]\s*)?(?:~\s*)?(?:\d+\s*min(?:ute)?s?\.? read|"
    r"(?:Estimated )?reading time|(?:Geschätzte )?Lesezeit|Lesedauer|Temps de lecture|Tiempo de lectura|"
    r"Tempo di lettura|Leestijd)"
    r"(?:\s*[:：]?\s*(?:ca\.\s*)?~?\s*\d+\s*(?:min(?:ute)?s?|Minuten?|minutos?|minuti|minuten)\.?)?",
    r"(?:Kategorien?|Categor(?:y|ies)|Categoría|Catégorie|Rubrik)\s*[:：].{0,60}",
    r"[-–—*(\[\s]*(?:Anzeige|Werbung|Advertorial|Publicidad|Publicité|Pubblicità|Reklama)[-–—*)\]\s.:]*",
    r"(?:Beitrag|Artikel|Seite|Diesen Artikel|Diesen Beitrag) teilen[:：!]?|Teilen[:：]?|"
    r"Möchten Sie (?:den|diesen) (?:Artikel|Beitrag) teilen\?|"
    r"War (?:der|dieser) (?:Artikel|Beitrag) (?:nützlich|hilfreich)\?|Gefällt mir[:：]?|Gefällt mir Lade\.*|"
    r"(?:Loading|Lade|Wird geladen)\.*|"
    r"Partager(?: cet article)?[:：]?|Compartir(?: en \w+)?[:：]?|Compartilhe[:：]?|Condividi[:：]?|"
    r"Delen[:：]?|Udostępnij[:：]?|"
    r"[(（]?\d+ (?:Stimmen|Bewertungen|votes|ratings|votos|voti|votes?)\s*[:：,].{0,30}",
    r"(?:Síguenos|Siguenos|Suivez-nous|Folgen Sie uns|Segui-nos|Seguici) (?:en|sur|auf|no|su) .{0,80}",
    r"Tags?(?:[:：].*)?|标签[:：].*|关键词[:：].*|關鍵詞[:：].*",
    r"(?:图片|圖片|图|圖|Photo|Image|Picture)\s*(?:来源|來源|credit|by)?\s*[:：/].{0,40}",
    r"[（(](?:图片|圖片)?来源[:：].{0,30}[）)]",
    r"(?:图为|圖為|上图|下图|左图|右图).{0,70}",
    r"(?:广告|廣告).{0,6}|第?[A-Z]?\d{1,3}版[:：].{0,12}",
    r"[-—–=\s]*(?:END|完|The End)[-—–=\s]*",
    r".{0,12}(?:点击|點擊|长按|長按|扫码|掃碼).{0,20}(?:关注|關注|订阅|訂閱).{0,20}",
    r"(?:欢迎|歡迎)?(?:关注|關注|订阅|訂閱)(?:我们|我們|本号|公众号|公眾號).{0,20}",
    r".{0,70}[（(](?:资料图片?|資料圖片?|新华社发|新華社發|[^（()）]{0,12}(?:摄|攝|供图|供圖|制图|製圖))[）)]",
)
_CHROME = re.compile("^(?:" + "|".join(_CHROME_LINES) + ")$", re.IGNORECASE)
_SHARE_ROW = re.compile(
    r"^(?:(?:分享到|微信|微博|QQ空间|QQ|朋友圈|豆瓣|人人网|Facebook|Twitter|LinkedIn|WhatsApp|Email)[\s:：|/]*){2,}$"
)
_DATE_ONLY = re.compile(
    r"^(?:(?:发布时间|發佈時間|发表时间|时间|時間|日期|来源时间|更新时间|"
    r"Updated(?: at| on)?|Published(?: at| on)?|Posted(?: at| on)?)"
    r"\s*[:：]?\s*)?[\d\s/:：.,\-年月日号時时分秒APMapm]+(?:\s*(?:[A-Z]{2,4}|星期.|周.))?$"
)
_HAS_DATE = re.compile(r"\d{1,4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|\d{1,2}\s*[:：]\s*\d{2}")
_INFO_SPLIT = re.compile(
    r"\s{2,}|[　|｜]+|"
    r"\s+(?=(?:(?:来源|來源)于?|作者|记者|記者|编辑|編輯|责任编辑|時間|时间|发布时间|文|撰文|摄影|攝影|图|圖)[:：])|"
    # ``作者：流光 提交日期：2005-6-1 访问：1234``: any short label opens the bar's next field
    r"[,，]?\s+(?=[\u4e00-\u9fff]{2,4}\s*[:：])|"
    # ``【来源：人民日报】【作者：林晓】【字体：大 中 小】``: each field in its own brackets; a bracketed
    # widget or counter after a field without them opens one too (``作者：林晓 【字体：大 中 小】``,
    # ``作者：林晓（阅读：123）``)
    r"(?<=[】\]])\s*(?=[【\[])|\s+(?=[【\[])|\s*(?=[（(][^）)]{1,6}[:：])|"
    # ``来源：人民日报 记者 林晓 通讯员 陈思远``: a role and its name without a colon open a field too
    r"\s+(?=(?:本报|本報|特约|特約|实习|實習|见习|見習)?(?:记者|記者|通讯员|通訊員|实习生|實習生)\s)"
)
# ``作  者：``, ``来  源：``: a two-character label spaced out to line up with longer ones.
_SPACED_LABEL = re.compile(r"(作|记|記|来|來|编|編)[ \t\u3000]+(者|源|辑|輯)(?=\s*[:：])")
# ``图｜李四 文｜张三``: a staff label the bar parts from its name, read as a colon before the bar splits.
_BAR_LABEL = re.compile(
    rf"(?<![\u4e00-\u9fff])({_WRITER_LABEL}|图|圖|摄影|攝影|责任编辑|責任編輯|责编|責編|编辑|編輯|来源|來源)\s*[|｜丨]\s*"
)
# ``编辑丨林晓 审核丨陈思远 监制丨王五``, ``来源|某某日报``: a staff line whose labels a bar parts from their
# values, read as colons. Only a label's word counts, standing at the line's head or after a space.
_STAFF_LABEL = (
    r"(?:审核|審核|审校|審校|终审|終審|初审|初審|复审|復審|一审|二审|三审|监制|監製|校对|校對|美编|美編|统筹|統籌|"
    r"策划|策劃|主编|主編|出品|制作|製作|设计|設計|排版|视觉|視覺|剪辑|剪輯|摄像|攝像|值班编辑|值班編輯)"
)
_BAR_FIELD_LABEL = re.compile(
    rf"(?:^|(?<=\s))({_WRITER_LABEL}|{_STAFF_LABEL}|图|圖|摄影|攝影|责任编辑|責任編輯|责编|責編|编辑|編輯|来源|來源)"
    r"\s*[|｜丨]\s*(?=\S)"
)
# ``监制：王五 校对：赵六``: a line of other staff's fields alone, none of them a writer, source or editor.
_STAFF_ONLY_FIELD = re.compile(
    rf"^{_STAFF_LABEL}\s*[:：]\s*[\u4e00-\u9fff·]{{2,8}}(?:[、，,\s][\u4e00-\u9fff·]{{2,8}}){{0,3}}$"
)
_REVIEW_FIELD = re.compile(r"^(?:审核|審核)")
_STAFF_LABEL_START = re.compile(_STAFF_LABEL)
_BARE_WRITER_LABEL = re.compile(rf"^{_WRITER_LABEL}\s*[:：/／|｜丨]?$")
_LABEL_WORD = r"(?:(?:来源|來源)于?|出处|出處|稿源|转自|轉自|作者|记者|記者|编辑|編輯|责任编辑|責任編輯|责编)"
_LABEL = re.compile(rf"^(?:本文|文章|稿件|新闻|信息)?{_LABEL_WORD}[:：]")
_HAS_LABEL_WORD = re.compile(_LABEL_WORD)
_ROLE = re.compile(
    r"^(?:本报记者|本報記者|特约记者|实习记者|见习记者|見習記者|实习生|记者|記者|通讯员|通訊員|摄影|攝影|文|图|圖)$"
)
_AFTER_NAMES = re.compile(
    r"\s+[\u4e00-\u9fff]{1,2}(?:时间|時間|日期)\s*[:：].*$"  # ``张三 回复日期：…``, ``张三 提交时间：…``
    r"|\s*(?:[\u4e00-\u9fff]{0,3}(?:报道|報道)|发自|發自|时间|時間|日期|来源|來源|发表|發表|发布|發佈|编辑|編輯|\d{4}[-/年]).*$"
)
# ``作者：林晓（某某大学教授）``: the writer's post or school in brackets after the name; a name in
# another script stays (``林晓 (Anna Roth)``).
_AFFILIATION = re.compile(r"\s*[（(][^（()）]*[\u4e00-\u9fff]{4}[^（()）]*(?:[）)]|$)")
# ``记者 张三 摄影 李四``, ``张三 编辑｜王五``: who follows a photographer's, an editor's or a proofreader's
# role after the writers took the pictures or edited the story, and wrote none of it.
_OTHER_STAFF = re.compile(
    r"(?<=\S)\s+(?:摄影记者|攝影記者|摄影|攝影|图片|圖片|图|圖|视频|視頻|责任编辑|責任編輯|责编|責編|编辑|編輯|校对|校對"
    rf"|{_STAFF_LABEL})(?:\s|[:：/／|｜丨]).*$"
)
_REPORTER_LABEL = re.compile(r"^[（(\[【]?\s*(?:本报|本報|特约|特約|实习|實習|见习|見習)?(?:记者|記者)\s*[:：]")
_CJK_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")
_AUTHOR_SPLIT = re.compile(r"\s*[、,，/;；&]\s*|\s+and\s+|\s+(?=[\u4e00-\u9fff])")
_TEASER_CHARS = 160
_HEAD_LINES = 3  # the story's first lines, where a byline may stand above it
_STAFF_LINES = 6  # staff lines and widgets under a story's last paragraph, at most
_LISTING_ROWS = 5  # rows of one stamp shape in a row: a listing, not the story's dated lines
_LISTING_ROW_CHARS = 100
# A post's stamp, a day and its time: ``08-11 16:58``, ``2019-09-09 18:38``, ``2019年9月9日 18:38``.
_POST_STAMP = re.compile(r"(?:\d{2,4}\s*[-/.年]\s*)?\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s+\d{1,2}[:：]\d{2}")
_DIGITS = re.compile(r"\d+")
_WORDS = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[。！？!?]$|[^A-Z.]\.$")
# A post's meta row: short fields parted by bars or dots (``Von: anna | 24. März 2004, 19:49``,
# ``Aufrufe: 1120 | Hinzugefügt von: anna | Tags: , ,``, ``Verfasst von: anna | 31. Dezember 2008``).
_META_ROW_CHARS = 160
_META_SEP = re.compile(r"\s[|•·]\s")
_META_FIELD_CHARS = 40
_NAMED_DATE = re.compile(
    r"\d{1,2}\.?\s+[^\W\d]{3,}\.?,?\s+\d{4}|[^\W\d]{3,}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}\.\d{1,2}\.(?:\d{2,4})?"
)
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
_BYLINE_FIELD = re.compile(r"\b(?:von|by|por|par|di|door|Autor|Author|Verfasst|Geschrieben|Posted)\b", re.IGNORECASE)
_LABELLED_FIELD = re.compile(r"^[^\W\d][\w .-]{0,24}[:：].{0,30}$")
_NAME_FIELD = re.compile(r"^[^\W\d][\w.'’-]*(?:\s[^\W\d][\w.'’-]*){0,4}$")


@dataclass
class Credits:
    """Fields lifted out of the body."""

    credited_source: str | None = None
    editor: str | None = None
    original_title: str | None = None
    authors: list[str] = field(default_factory=list)
    # the outlet the story's last line names, behind every credit the page states beside the story
    closing_source: str | None = None

    def add_authors(self, names: str) -> None:
        for cleaned in split_credited_names(names):
            if cleaned and cleaned not in self.authors and len(cleaned) <= 40:
                self.authors.append(cleaned)


def split_credited_names(names: str) -> list[str]:
    """The names a credit's value gives, without the writer's post, other staff or a date after them."""
    names = _AFTER_NAMES.sub("", _OTHER_STAFF.sub("", _AFFILIATION.sub("", names)))
    parts = _AUTHOR_SPLIT.split(names.strip())
    if len(parts) > 1 and all(len(part.strip()) == 1 for part in parts):  # ``赵  培``: one name, spaced out
        parts = ["".join(part.strip() for part in parts)]
    return [_ROLE.sub("", unbracketed(name)).strip() for name in parts]


def clean_paragraphs(paragraphs: list[str], credits: Credits, notices: Mapping[str, bool] | None = None) -> list[str]:
    """Drop credit lines (recording them), chrome, continuation markers and a trailing list.
    ``notices``: which paragraphs ``is_notice`` already took for a site's notice, or not (the
    caller asked it to find the boxes they stand in); the others are asked here."""
    kept: list[str] = []
    for index, raw in enumerate(paragraphs):
        line = raw.strip()
        if not line:
            continue
        if _RELATED_HEADING.match(line):
            if _rest_is_teasers(paragraphs[index + 1 :], kept):
                break
            continue  # a "read also" box inside the story: its label goes, the story goes on
        # a byline stands at the story's head or foot; a role run into a name inside it is a caption's
        edge = index < _HEAD_LINES or index >= len(paragraphs) - 2
        if (
            take_credit_line(line, credits, run_in=edge)
            or _is_chrome(line, notices.get(raw) if notices is not None else None)
            or _is_source_note(line, index, len(paragraphs))
            or _is_post_header(line, paragraphs[max(0, index - 2) : index], credits)
        ):
            continue
        if _is_name_under_heading(line, kept, paragraphs[index + 1 : index + 2]):
            credits.add_authors(line)
            continue
        if (speaker := _speaker(line, kept, paragraphs[index + 1 : index + 3])) is not None:
            credits.add_authors(speaker)
            continue
        if match := _TRAILING_EDITOR.search(line):
            credits.editor = credits.editor or match.group("value").strip()
            line = line[: match.start()].rstrip()
        line = _without_end_mark(line)
        closing = _is_closing(line, paragraphs, index)
        if closing and _take_sign_off_line(line, kept[-1:], credits):
            continue
        if closing and line.endswith(("）", ")")) and (match := _TRAILING_SOURCE.search(line)):
            credits.closing_source = credits.closing_source or match.group("value").strip()
            line = line[: match.start()].rstrip()
        opening = _OPEN_DATELINE_AUTHORS.match(spaced_roles(line)) if index < _HEAD_LINES else None
        _take_signed_names(line, closing, opening, credits)
        if any(marker in line for marker in _CONTINUATION_MARKERS):  # a full regex scan of every line is costly
            line = _INLINE_CONTINUATION.sub("", line).strip()
        if line:
            kept.append(line)
    return kept


def _take_signed_names(line: str, closing: bool, opening: re.Match[str] | None, credits: Credits) -> None:
    """The writers a dateline names (``opening``: one without brackets at the story's head), or a
    sign-off closing the story's last lines."""
    if (match := _DATELINE_AUTHORS.match(line) or opening) or (
        closing and (match := _SIGN_OFF.search(spaced_roles(line)))
    ):
        _take_sign_off(match.group("names"), credits)
    elif closing and (match := _NAME_SIGN_OFF.search(line)) and _are_full_names(match.group("names")):
        credits.add_authors(match.group("names"))


def _without_end_mark(line: str) -> str:
    """``……。（完）``: the end mark goes, the sentence stays."""
    return _END_MARK.sub("", line) if "完" in line else line


def _is_closing(line: str, paragraphs: list[str], index: int) -> bool:
    """Whether the line closes the story: a sign-off ends it, never a sentence inside it; staff lines
    and widgets may follow."""
    if index >= len(paragraphs) - 2:
        return True
    signed = line.endswith(("）", ")")) or _SIGN_OFF_LINE.match(line) is not None
    return signed and _only_staff(paragraphs, index + 1)


def _take_sign_off_line(line: str, above: list[str], credits: Credits) -> bool:
    """A line under the story's last paragraph that is only its writers' sign-off (``【林晓】``,
    ``——林晓``, ``（林晓 陈思远）``) or a dateline with its byline and no story (``本报讯（记者林晓）``):
    the names are the writers', the line is no story text. A dashed name under a quotation
    (``……。”`` over ``——鲁迅``) is the quotation's source."""
    if match := _SIGN_OFF_LINE.match(line):
        names = next(value for value in match.groups() if value)
        quoted = match.group("c") is not None and bool(above) and above[0].endswith(("”", "」", "』", '"'))
        if quoted or not _are_people(names, None):
            return False
        credits.add_authors(names)
        return True
    if _BARE_DATELINE.match(line) and (match := _DATELINE_AUTHORS.match(spaced_roles(line))):
        _take_sign_off(match.group("names"), credits)
        return True
    return False


def _is_post_header(line: str, before: list[str], credits: Credits) -> bool:
    """A forum post's header line: who posted (the writer, when the story names none), on which
    board and site, and the post's title under the poster's line."""
    if _POST_TITLE.match(line):
        return any(_POST_HEADER.match(previous.strip()) for previous in before)
    if not (match := _POST_HEADER.match(line)):
        return False
    poster, nick = match.group("poster"), (match.group("nick") or "").strip()
    if poster is not None:
        name = nick if poster.isascii() and nick and not nick.isascii() else poster
        if not credits.authors and is_person(name):
            credits.add_authors(name)
    return True


def _are_full_names(names: str) -> bool:
    """``Anna M. Roth``, ``Anna Roth und Jan Weber``: each a given name and a family name."""
    parts = split_names(names)
    return bool(parts) and all(is_full_name(part) for part in parts)


def _is_source_note(line: str, index: int, count: int) -> bool:
    """A source note in the story's last two lines (``Quelle: Deutscher Gartenverband (DGV), 02. Februar
    2022, Berlin``), whatever follows its label; inside the story the label may open a quoted table's note."""
    return index >= count - 2 and len(line) <= _SOURCE_NOTE_CHARS and _SOURCE_NOTE.match(line) is not None


def _only_staff(lines: list[str], start: int) -> bool:
    """Whether the lines from ``start`` on are a few credit or staff lines and widgets (``责任编辑：…``,
    ``【纠错】``): what closes a story below its last paragraph. Their count is told first, as most
    lines have many lines after them."""
    if len(lines) - start > _STAFF_LINES:
        return False
    return all(
        not line.strip() or take_credit_line(line, Credits(), run_in=False) or _is_chrome(line.strip())
        for line in lines[start:]
    )


def _take_sign_off(names: str, credits: Credits) -> None:
    """The names in a dateline's or a closing bracket: an agency (``……。（新华社）``) is the story's
    source, a dateline's place (``（北京）``) names no one."""
    if is_agency(names):
        credits.closing_source = credits.closing_source or names.strip()
    elif _are_people(names, None):
        credits.add_authors(names)


def without_dated_listing(lines: list[str], linked: list[bool]) -> list[str]:
    """The story without a listing of other posts under it: a forum's replies or a blog's archive,
    one short row each linking to its post, every row ending in the same shape of stamp
    (``【name】08-11 16:58 138字 [140/0]``). A story's lines do not repeat one shape row after row;
    teaser rows do, and a story's own schedule (exam times, flights, fixtures) links nowhere.
    ``linked`` says which lines hold a link. Cut from the first row of a run of such rows that holds
    most of what follows."""
    shapes = [_stamp_shape(line) if has_link else None for line, has_link in zip(lines, linked, strict=True)]
    counts: dict[str, int] = {}  # each shape's rows from ``start`` to the end
    run = 0  # rows of one shape from ``start`` on
    cut = len(lines)
    for start in range(len(lines) - 1, 0, -1):  # the first line is the story's
        shape = shapes[start]
        if shape is None:
            run = 0
            continue
        counts[shape] = counts.get(shape, 0) + 1
        run = run + 1 if start + 1 < len(lines) and shapes[start + 1] == shape else 1
        if run >= _LISTING_ROWS and counts[shape] >= 0.8 * (len(lines) - start):
            cut = start
    return lines[:cut]


def _stamp_shape(line: str) -> str | None:
    """A short row's post stamp (a day and a time) and what follows it, digits and words masked: one
    shape per listing.
    Only a row that opens with its title counts (a timeline's lines open with their dates)."""
    if len(line) > _LISTING_ROW_CHARS or (stamp := _POST_STAMP.search(line)) is None or stamp.start() == 0:
        return None
    return " ".join(_WORDS.sub("a", _DIGITS.sub("0", line[stamp.start() :])).split())


def _is_name_under_heading(line: str, kept: list[str], following: list[str]) -> bool:
    """A name alone on its line right under the story's own heading, with the story going on
    below: the writer's byline, as essays and reposts print it. A short first line with no
    heading above is more often a widget (``字号``) or a section word than a name."""
    if len(kept) != 1 or not _HEADING_LINE.match(kept[0]) or not _BARE_NAME.match(line) or _NOT_A_NAME.match(line):
        return False
    return bool(following) and len(following[0].strip()) > len(line)


def _speaker(line: str, kept: list[str], following: list[str]) -> str | None:
    """The speaker of a speech printed as a story: the post and name heading it, before the story
    starts and over the address to the audience (a dated line may stand between). The address
    stays, it is the speech's first line; the heading goes, it is a credit."""
    if len(kept) > 2 or any(len(previous) > 40 for previous in kept) or not (match := _SPEAKER.match(line)):
        return None
    lines = [text.strip() for text in following]
    if lines and _DATE_ONLY.match(lines[0].strip("（）()")) and len(lines) > 1:
        lines = lines[1:]
    return match.group("name") if lines and _SALUTATION.match(lines[0]) else None


def _is_chrome(line: str, notice: bool | None = None) -> bool:
    """Widgets, captions, picture credits, ad slots, inserted notices (``notice``: whether the line
    is one, when the caller knows) and date-only lines, never story sentences."""
    if len(line) > _NOTICE_CHARS:
        return False
    if (is_notice(line) if notice is None else notice) or _READ_ALSO.match(line):
        return True
    if len(line) <= _META_ROW_CHARS and ("|" in line or "•" in line or "·" in line) and _is_meta_row(line):
        return True
    if len(line) > 80:
        return False
    return bool(
        not line.strip("<>")  # a stray ``>`` left by broken markup (``=)`` stays: it is a smile)
        or _PAGER.fullmatch(line)
        or _DATED_TAG.match(line)
        or _PICTURE_CREDIT.match(line)
        or _CONTINUATION.match(line)
        or _CHROME.match(line)
        or _SHARE_ROW.match(line)
        or (_DATE_ONLY.match(line) and _HAS_DATE.search(line))
    )


def _is_meta_row(line: str) -> bool:
    """A row of a post's short fields parted by bars or dots: the writer's name, the date and time,
    views, tags, comment links. It holds a widget's word, or a date or a clock time beside a byline
    (``Verfasst von: anna | 31. Dezember 2008, 19:49``); a field with a sentence's end, or a row of
    dated or timed fields alone (``Termin: 12.03.2022 | Ort: Stadthalle``, ``Beginn: 19:30 | Eintritt:
    10 Euro``, a fixture's teams and kick-off), is the story's."""
    parts = [part.strip() for part in _META_SEP.split(line) if part.strip()]
    if len(parts) < 2 or any(len(part) > _META_FIELD_CHARS for part in parts):
        return False
    marked = dated = signed = False
    for part in parts:
        if _CHROME.match(part):
            marked = True
        elif _HAS_DATE.search(part) or _NAMED_DATE.search(part) or _CLOCK.search(part):
            dated = True
        elif _SENTENCE_END.search(part) or not (_LABELLED_FIELD.match(part) or _NAME_FIELD.match(part)):
            return False
        else:
            signed = signed or _BYLINE_FIELD.search(part) is not None
    return marked or (dated and signed)


def is_notice(line: str) -> bool:
    """A site's notice in the story's flow: a sign-up or subscription call, a consent placeholder.
    A long line is none, which is told before any pattern runs."""
    return len(line) <= _NOTICE_CHARS and _NOTICE.found_in(line)


def take_credit_line(line: str, credits: Credits, *, run_in: bool = True) -> bool:
    """Record a credit or staff line in ``credits``; True when the line was one.

    An info bar may hold several fields on one line (``时间：… 来源：新华社 作者：林晓``); it
    counts when every part of it is a credit or a date. ``run_in``: a role run into the name
    (``记者张三``) counts as a byline too.
    """
    line = line.strip().replace("∶", "：")  # ``作者∶``: older pages write the label's colon as a ratio sign
    line = spaced_roles(line) if run_in else line
    if "|" in line or "｜" in line or "丨" in line:
        line = _BAR_FIELD_LABEL.sub(r"\1：", line)
    labelled = ":" in line or "：" in line  # each label ends in a colon, a spaced one too (``作  者：``)
    line = _SPACED_LABEL.sub(r"\1\2", line) if labelled else line
    if _SLASH_STAFF.match(line):
        if editor := _SLASH_EDITOR.search(line):
            credits.editor = credits.editor or editor.group("value")
        if author := _SLASH_WRITER.search(line):
            credits.add_authors(author.group("names"))
        return True
    # Without a colon no part is labelled, nor without a label's word (a bar or spacing sets none apart).
    if labelled and _HAS_LABEL_WORD.search(line):
        parts = _info_parts(line, run_in=run_in)
        if len(parts) > 1 and any(_LABEL.match(part.strip()) for part in parts):
            trial = Credits()
            taken = [_take_one(part, trial) or bool(_DATE_ONLY.match(part.strip())) for part in parts]
            if all(took or _STAFF_FIELD.match(part.strip()) for took, part in zip(taken, parts, strict=True)):
                # the editor is the ``编辑`` field's, a reviewer's (``审核``) only when no other is named
                for part in sorted(parts, key=lambda part: _REVIEW_FIELD.match(part.strip()) is not None):
                    _take_one(part, credits)
                return True
    if labelled and len(line) <= _META_ROW_CHARS and _STAFF_LABEL_START.match(line):
        parts = _info_parts(line, run_in=False)
        if all(_STAFF_ONLY_FIELD.match(part) for part in parts):
            for part in parts:  # a reviewer (``审核：…``) is the editor when the page names no other
                _take_one(part, credits)
            return True
    return _take_one(line, credits)


def take_info_credits(text: str, credits: Credits) -> None:
    """Credits from an info bar outside the story: any labelled part counts, the rest is ignored.
    A role run into a word with nothing else beside it (``记者江湖``) is a forum board's or a column's
    name in the page's menus, a reporter's name beside the story stands in a bar with other fields."""
    if text.isascii() and "By" not in text and "posted" not in text.lower():  # every other label is Chinese
        return
    text = text.strip().replace("∶", "：")
    run_in = _RUN_IN_ALONE.match(text) is None
    for raw in _info_parts(_BRACKETED_LABEL.sub(r"\1：", text), run_in=run_in):
        part = raw.strip().strip("[]【】")  # ``[责任编辑：王五]``: a bracketed staff line
        if part[:1] in "（(" and part[-1:] in "）)":  # ``（责任编辑： HN666）``, its brackets a pair
            part = part[1:-1].strip()
        if _LABEL.match(part) or _AUTHOR.match(part) or _POSTER.match(part):
            _take_one(part, credits)


def spaced_roles(text: str) -> str:
    """``记者张三 通讯员李四`` → ``记者 张三 通讯员 李四``: a role run into the name after it, set apart
    as the byline rules read it."""
    if "记" not in text and "記" not in text and "通" not in text and "实" not in text and "實" not in text:
        return text
    return _RUN_IN_ROLE.sub(r"\1 ", text)


def _info_parts(text: str, *, run_in: bool = True) -> list[str]:
    """An info bar's fields. A writer's label the bar's separator parts from its name
    (``作者 | 林晓``, ``文｜林晓``) stays with the name: the bar uses the same bar between fields.
    ``run_in``: a role run into the name after it (``记者林晓``) opens a field of its own."""
    text = spaced_roles(text) if run_in else text
    if ":" in text or "：" in text:  # a spaced label stands before its colon
        text = _SPACED_LABEL.sub(r"\1\2", text)
    if "|" in text or "｜" in text or "丨" in text:
        text = _BAR_LABEL.sub(r"\1：", text)
    parts = [part.strip() for part in _INFO_SPLIT.split(text) if part.strip()]
    joined: list[str] = []
    for part in parts:
        if joined and _BARE_WRITER_LABEL.match(joined[-1]):
            joined[-1] = f"{joined[-1].rstrip(':：')}：{part}"
        else:
            joined.append(part)
    return joined


def clean_credit(value: str | None) -> str | None:
    """The outlet's name alone: ``来源：某某网-文化频道 原创稿`` → ``某某网-文化频道``."""
    if not value:
        return None
    cleaned = _CREDIT_TAIL.sub("", _CREDIT_LABEL.sub("", value.strip())).strip(" 　:：()（）[]【】|·⋅-")
    if not cleaned or len(cleaned) > 30 or cleaned.startswith(("http://", "https://")) or _HAS_DATE.search(cleaned):
        return None
    return None if cleaned in _SELF_CREDIT else cleaned  # "this site": the publisher, filled in later


def clean_editor(value: str | None) -> str | None:
    """The editor's name without a staff code: ``林晓_NF4425`` → ``林晓``; a code alone (``HN666``) is
    all the page says of its editor and stays. A content system's default account (``系统管理员``,
    ``admin``) is nobody's name."""
    if not value:
        return None
    bare = _NEXT_STAFF_FIELD.sub("", value).strip().strip(" 　()（）[]【】")
    cleaned = _EDITOR_ID.sub("", bare).strip(" 　()（）[]【】") or bare
    return None if not cleaned or _ADMIN_ACCOUNT.match(cleaned) else cleaned


def dateline_agency(paragraph: str) -> str | None:
    """The news agency a story's dateline credits (``BERLIN (dpa) -``, ``新华社北京3月5日电``)."""
    match = _AGENCY_DATELINE.search(paragraph.strip()[:160])
    return (match.group("agency") or match.group("zh")) if match else None


def _take_one(line: str, credits: Credits) -> bool:
    line = line.strip()
    if len(line) > 60:
        return False
    if match := _NAME_SLASH_OUTLET.match(line):  # ``林晓/某某日报``: a republished piece's byline
        credits.add_authors(match.group("names"))
    if match := _CREDIT.match(line) or _NAME_SLASH_OUTLET.match(line):
        credits.credited_source = credits.credited_source or match.group("value").strip()
        return True
    if match := _EDITOR.match(line):
        credits.editor = credits.editor or match.group("value").strip()
        return True
    if match := _ACCOUNT_NOTE.match(line):
        credits.credited_source = credits.credited_source or match.group("value").strip()
        if match.group("names"):
            credits.add_authors(match.group("names"))
        return True
    if match := _ORIGINAL_TITLE.match(line):
        credits.original_title = credits.original_title or match.group("value").strip()
        return True
    return _take_writer(line, credits)


def _take_writer(line: str, credits: Credits) -> bool:
    """Record a writer's credit (``作者：林晓``, ``By Jane Doe``, ``由张三张贴``); True when the line was one.
    A label a comment or an interview also uses needs a person's name after it."""
    if not ((match := _POSTER.match(line)) or ((match := _AUTHOR.match(line)) and not _SENTENCE_END.search(line))):
        return False
    names = next(value for value in match.groups() if value)
    if _OWNER_LABEL.match(line) and not is_person(names.strip()):
        return False
    if match.re is _AUTHOR and match.group("value") and not _are_people(names, _REPORTER_LABEL.match(line)):
        return False
    credits.add_authors(names)
    return True


def _are_people(names: str, reporter: object) -> bool:
    """Whether a labelled writer's value (``记者：张三、李四``) names people. An interview marks its
    questions with the same label (``记者：下一步打算``): a reporter signs a real name, two to four
    Chinese characters (a transliterated one keeps its dot), where a pen name may run longer; a
    writer's post run into the line (``某报见习记者``) is no name, one name is enough."""
    people = [part for part in split_credited_names(names) if part and is_person(part)]
    return bool(people) and (not reporter or all(not _CJK_ONLY.match(part) or len(part) <= 4 for part in people))


def _rest_is_teasers(rest: list[str], kept: list[str]) -> bool:
    """What follows a related heading is teasers when it reads like a list, or when it is
    short beside the story above it and made of short lines (headlines with a line of summary
    each); a "read also" box inside the story is followed by more story paragraphs."""
    short = all(len(line) <= _TEASER_CHARS for line in rest)
    return _rest_is_list(rest) or (short and sum(map(len, rest)) < 0.5 * sum(map(len, kept)))


def _rest_is_list(rest: list[str]) -> bool:
    """A heading starts a related list when what follows is short lines, not more story."""
    lines = [line.strip() for line in rest if line.strip()]
    if not lines:
        return True
    short = sum(1 for line in lines if len(line) <= 45 or line.startswith(("-", "·", "•")))
    return short >= 0.8 * len(lines)
