"""Line rules: what a reader would notice if a credit, widget or headline list leaked into a story."""

from __future__ import annotations

import pytest

from transforms.extract.lines import (
    Credits,
    clean_credit,
    clean_editor,
    clean_paragraphs,
    dateline_agency,
    take_credit_line,
    take_info_credits,
    without_dated_listing,
)

STORY = "记者从市住建局获悉，今年我市将继续推进老旧小区加装电梯工作，计划新增加装电梯三百部。"


@pytest.mark.parametrize(
    ("line", "field", "value"),
    [
        ("来源：新华社", "credited_source", "新华社"),
        ("本文来源: 人民日报客户端", "credited_source", "人民日报客户端"),
        ("（来源：经济日报）", "credited_source", "经济日报"),
        ("责任编辑：赵一鸣", "editor", "赵一鸣"),
        ("（责任编辑：魏喆 ）", "editor", "魏喆"),
        ("编辑:周可", "editor", "周可"),
        ("来源于：东区办事处", "credited_source", "东区办事处"),
        ("医技药剂党支部、药剂科供稿  摄影/张艳  编辑/苏芳", "editor", "苏芳"),
        ("摄影/何敏 编辑/孙兰", "editor", "孙兰"),
        ("原标题：春季学期开学，织密返校疫情防控网", "original_title", "春季学期开学，织密返校疫情防控网"),
        ("发稿编辑：周可", "editor", "周可"),
        ("编辑丨周可", "editor", "周可"),  # a public account's staff line parts label and name by a bar
        ("责编 | 周可", "editor", "周可"),
        ("本文责编：周可", "editor", "周可"),
        ("策划：赵一鸣 编辑：周可", "editor", "周可"),  # another staff member's field first
        ("主编：赵一鸣 编辑：周可", "editor", "周可"),
        ("出处：经济日报", "credited_source", "经济日报"),
        ("稿源：经济日报", "credited_source", "经济日报"),
        ("转自：经济日报", "credited_source", "经济日报"),
        ("本文来自微信公众号“城市观察”（ID：csgc2020）", "credited_source", "城市观察"),
        ("本文来自公众号：城市观察", "credited_source", "城市观察"),
        ("网络编辑：周可", "editor", "周可"),
    ],
)
def test_credit_lines_become_fields(line: str, field: str, value: str) -> None:
    credits = Credits()
    assert take_credit_line(line, credits)
    assert getattr(credits, field) == value


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("作者：林晓", ["林晓"]),
        ("记者 王海涛 李雯", ["王海涛", "李雯"]),
        ("本报记者 陈思远 通讯员 杨柳", ["陈思远", "杨柳"]),
        ("文/张小北", ["张小北"]),
        ("文/张小北 图/何敏", ["张小北"]),
        ("By Maria Okafor and Tom Reyes", ["Maria Okafor", "Tom Reyes"]),
        ("作者：芊草凡凡 时间：2005-08-22 19:13:18", ["芊草凡凡"]),
        ("采写：南都见习记者 林子沛", ["南都见习记者", "林子沛"]),
        ("由海姑娘张贴 @", ["海姑娘"]),
        ("本贴由大卫于2005年8月12日16:12:21在〖心灵体操（在线心理咨询）〗发表.", ["大卫"]),
        ("---  海姑娘写于2005年6月10日", ["海姑娘"]),
        ("作者｜林晓", ["林晓"]),
        ("文丨林晓", ["林晓"]),
        ("撰文 | 林晓", ["林晓"]),
        ("文图/林晓", ["林晓"]),
        ("作  者：林晓", ["林晓"]),
        ("（本报记者 陈思远）", ["陈思远"]),
        ("林晓 文", ["林晓"]),
        ("林晓/文", ["林晓"]),
        ("林晓 文/图", ["林晓"]),
        ("作者：林晓（中国人民大学教授）", ["林晓"]),
        ("作者： 周思博 (Joel Spolsky)", ["周思博 (Joel Spolsky)"]),
        ("（作者：林晓）", ["林晓"]),
        ("楼主：芊草凡凡", ["芊草凡凡"]),
        ("posted @ 2009-03-04 17:08 林晓 阅读(123) 评论(0)", ["林晓"]),
        ("芊草凡凡 发表于 2005-08-22 19:13", ["芊草凡凡"]),
        ("【作者：林晓】", ["林晓"]),
        ("作者：林晓 [ 2008-1-1 ]", ["林晓"]),
        ("作者：林晓 回复日期：2005-6-1", ["林晓"]),
        ("本报特约评论员 林晓", ["林晓"]),
        ("特约撰稿人 林晓", ["林晓"]),
        ("【作者】林晓", ["林晓"]),
        ("[作者] 林晓", ["林晓"]),
        ("撰文 林晓", ["林晓"]),
        ("采写 林晓 陈思远", ["林晓", "陈思远"]),
        ("博主：林晓", ["林晓"]),
        ("发帖人：林晓", ["林晓"]),
        ("原作者：林晓", ["林晓"]),
        ("■ 本报记者 林晓 文/图", ["林晓"]),
        ("本报记者 林晓 发自北京", ["林晓"]),  # where the reporter filed from is no name
        ("本报记者 林晓 陈思远 发自上海", ["林晓", "陈思远"]),
        ("posted by Stadler at 12:53", ["Stadler"]),
        ("作者∶林晓", ["林晓"]),  # the label's colon written as a ratio sign, as older pages do
        ("本文作者：林晓", ["林晓"]),
        # the role run into the name, no space between
        ("本报记者陈思远", ["陈思远"]),
        ("见习记者林晓", ["林晓"]),
        ("记者林晓 通讯员陈思远", ["林晓", "陈思远"]),
        ("记者林晓 杨柳 通讯员陈思远", ["林晓", "杨柳", "陈思远"]),
        ("通讯员陈思远 记者林晓", ["陈思远", "林晓"]),
        ("新华社记者欧阳晓", ["欧阳晓"]),
        ("本报记者 林晓 实习生 陈思远", ["林晓", "陈思远"]),
        ("实习生 陈思远", ["陈思远"]),
        ("Posted by John Smith on March 3, 2014", ["John Smith"]),
    ],
)
def test_byline_lines_become_authors(line: str, authors: list[str]) -> None:
    credits = Credits()
    assert take_credit_line(line, credits)
    assert credits.authors == authors


@pytest.mark.parametrize(
    "sentence",
    [
        "By the end of the year, the council expects to have spent the whole budget on repairs.",
        "文化和旅游部今天发布通知，要求各地加强假日旅游市场监管。",
        "记者从市住建局获悉，今年将继续推进加装电梯工作。",
        "来源于群众的意见，将作为下一步修订办法的重要依据，有关部门会认真研究。" * 2,
        "由市政府组织的会议于昨天召开。",
        "由国务院发布。",
    ],
)
def test_story_sentences_are_never_taken_for_credits(sentence: str) -> None:
    assert not take_credit_line(sentence, Credits())


@pytest.mark.parametrize(
    "line",
    [
        "【记者】下一步打算",  # an interviewer's question
        "[记者] 请问您对此怎么看",
        "【图文】春节游客爆满",  # the kind of item, then its headline
        "【文】老街的春天",
        "博主：这是我今天写的吗",  # a comment under a blog post, addressed to its writer
        "记者：下一步打算",  # the interviewer's question marked with a colon
        "记者：进展如何",
        "记者手记",  # a column's word after the role, no name
        "记者观察",
    ],
)
def test_a_question_marker_a_content_tag_or_a_comment_stays_in_the_story(line: str) -> None:
    credits = Credits()
    assert clean_paragraphs([STORY, line, STORY, STORY], credits) == [STORY, line, STORY, STORY]
    assert credits.authors == []


@pytest.mark.parametrize("bar", ["2021-03-01 [图文] 林晓", "[文] 新华社评论员", "【记者】 下一步打算"])
def test_a_content_tag_in_an_info_bar_credits_no_writer(bar: str) -> None:
    credits = Credits()
    take_info_credits(bar, credits)
    assert credits.authors == []


@pytest.mark.parametrize(
    ("opening", "authors"),
    [
        ("人民网北京2022年2月13日电（记者林晓）今天上午，市里召开了会议。", ["林晓"]),  # a dateline with its year
        ("本报讯 记者 林晓 通讯员 陈思远 今天上午，市里召开了会议。", ["林晓", "陈思远"]),
        ("本报讯 记者林晓 杨柳 今天上午，市里召开了会议。", ["林晓", "杨柳"]),
        ("本报讯 近日，记者 林晓 前往当地采访。", []),  # the reporter in the sentence, no dateline byline
        ("本报讯 记者 前往 当地采访，市里召开了会议。", []),  # no family name: words, not names
    ],
)
def test_reporters_after_an_unbracketed_dateline_are_its_writers(opening: str, authors: list[str]) -> None:
    """``本报讯 记者 张三 通讯员 李四 今天上午，……``: the names up to the story's first sentence; the line stays."""
    credits = Credits()
    assert clean_paragraphs([opening, STORY, STORY], credits) == [opening, STORY, STORY]
    assert credits.authors == authors


@pytest.mark.parametrize(
    "below", [["【纠错】", "责任编辑：周可", "扫一扫"], ["编辑：周可", "审核：赵一鸣", "分享到："]]
)
def test_a_sign_off_above_the_staff_lines_and_widgets_closes_the_story(below: list[str]) -> None:
    credits = Credits()
    clean_paragraphs([STORY, STORY, STORY + "（记者 林晓）", *below], credits)
    assert (credits.authors, credits.editor) == (["林晓"], "周可")


@pytest.mark.parametrize("closing", ["（林晓/文）", "（林晓 文/图）", "（文/林晓）"])
def test_a_sign_off_with_the_writers_label_after_the_name(closing: str) -> None:
    credits = Credits()
    assert clean_paragraphs([STORY, STORY + closing], credits) == [STORY, STORY + closing]
    assert credits.authors == ["林晓"]


def test_a_republished_public_accounts_note_credits_the_account_and_its_writer() -> None:
    credits = Credits()
    assert take_credit_line("本文来自微信公众号“城市观察”（ID：csgc2020），作者：林晓", credits)
    assert (credits.credited_source, credits.authors) == ("城市观察", ["林晓"])


def test_a_public_accounts_id_after_its_name_is_no_part_of_the_source() -> None:
    assert clean_credit("来源：城市观察（ID：csgc2020）") == "城市观察"


@pytest.mark.parametrize("line", ["图片编辑：周可", "视频编辑：周可"])
def test_a_pictures_or_a_clips_editor_is_not_the_storys(line: str) -> None:
    credits = Credits()
    take_credit_line(line, credits)
    assert credits.editor is None


def test_an_editor_line_with_a_proofreader_after_gives_the_editor_alone() -> None:
    credits = Credits()
    assert take_credit_line("编辑：周可 校对：赵一鸣", credits)
    assert clean_editor(credits.editor) == "周可"


def test_a_bracketed_editor_closing_the_last_paragraph_is_cut_from_it() -> None:
    credits = Credits()
    assert clean_paragraphs([STORY, STORY + "【责任编辑：周可】"], credits) == [STORY, STORY]
    assert credits.editor == "周可"


def test_a_role_run_into_a_name_credits_the_writer_only_at_the_story_edges() -> None:
    """``记者林晓`` heading or closing the story is its byline; the same inside the story is a
    caption's or an inserted clip's credit."""
    credits = Credits()
    assert clean_paragraphs(["本报记者林晓", STORY, STORY, STORY, STORY], credits) == [STORY] * 4
    assert credits.authors == ["林晓"]
    inside = Credits()
    assert clean_paragraphs([STORY, STORY, STORY, "记者陈思远", STORY, STORY, STORY], inside)[3] == "记者陈思远"
    assert inside.authors == []


@pytest.mark.parametrize(
    ("bar", "source", "authors"),
    [
        ("来源：人民日报 作者：林晓 【字体：大 中 小】", "人民日报", ["林晓"]),
        ("来源：人民日报 作者：林晓 [字体：大 中 小] [打印] [关闭]", "人民日报", ["林晓"]),
        ("2022-02-13 10:00 来源：人民日报 记者林晓 通讯员陈思远", "人民日报", ["林晓", "陈思远"]),
        ("来源：人民日报 本报记者 林晓 实习生 陈思远", "人民日报", ["林晓", "陈思远"]),
        ("来源：人民日报 作者：林晓 【字号 大 中 小】", "人民日报", ["林晓"]),
        ("来源：人民日报 作者：林晓（阅读：123）", "人民日报", ["林晓"]),
    ],
)
def test_info_bar_fields_without_a_separator_of_their_own(bar: str, source: str, authors: list[str]) -> None:
    """A bracketed widget or a role and its name after a field open a field of their own: the
    writer's name does not run into the widget, nor the outlet into the reporters."""
    credits = Credits()
    take_info_credits(bar, credits)
    assert (credits.credited_source, credits.authors) == (source, authors)


def test_info_bar_with_several_fields_is_read_whole() -> None:
    credits = Credits()
    assert take_credit_line("来源：新华社　作者：王海涛　编辑：赵一鸣", credits)
    assert (credits.credited_source, credits.authors, credits.editor) == ("新华社", ["王海涛"], "赵一鸣")


def test_trailing_related_list_is_cut_with_its_heading() -> None:
    lines = [STORY, "过去24小时新闻", "- 关税豁免消息一出…亚洲科技股有望大涨", "- 俄罗斯拒绝乌克兰妥协,寻求美国让步"]
    assert clean_paragraphs(lines, Credits()) == [STORY]


def test_related_heading_followed_by_more_story_drops_only_the_heading() -> None:
    long_paragraph = "相关部门表示，" + "将进一步完善配套政策，加强监督检查，确保各项措施落实到位，" * 3
    lines = [STORY, "相关阅读", long_paragraph, long_paragraph + "。"]
    assert clean_paragraphs(lines, Credits()) == [STORY, long_paragraph, long_paragraph + "。"]


@pytest.mark.parametrize(
    "insert",
    [
        "Lesen Sie auch: Warum die Mieten in Berlin weiter steigen",
        "Veja também: Pacheco critica indulto presidencial",
        "Foto: dpa/Michael Kappeler",
        "Bild: Getty Images",
        "(Image: Getty Images)",
        "© Reuters",
        "Crédits photos : Bestimage",
        "AFP / MARCO BERTORELLO",
        "Externer Inhalt",
        "Um den Inhalt anzuzeigen, müssen Sie der Verwendung von Cookies zustimmen.",
        "We need your consent to load this social media content.",
        "Subscribe now to our print edition for the full story.",
        "Jetzt abonnieren und weiterlesen",
        "Article content",
        "Keine Kommentare",
        "Kommentare geschlossen",
        "zurück zur Listenansicht",
        "Aktualisiert am 03.04.2020, 18:35 Uhr",
        "Erstellt am Dienstag 6. Mai 2014",
        "Kategorie: News, Politik",
        "- Anzeige -",
        "*Werbung. Dieser Beitrag enthält Werbung für eine Modemarke.",
        "For the latest stories download the Nationnews apps for iOS and Android.",
        "Do you want to be informed of our actions? Sign up here",
        "Abonnieren Sie kostenlos den Medien-Newsletter und bleiben Sie auf dem Laufenden.",
        "Puede escribirnos a redaccion@example.org o suscribirse aquí a nuestra newsletter.",
    ],
)
def test_inserted_lines_leave_the_story(insert: str) -> None:
    lines = ["Der Senat hat am Dienstag das neue Gesetz beschlossen.", insert, "Die Opposition kündigte Klage an."]
    assert clean_paragraphs(lines, Credits()) == [lines[0], lines[2]]


@pytest.mark.parametrize(
    "sentence",
    [
        "Netflix said it had signed up 9 million new subscribers, who can now subscribe to the cheaper plan.",
        "Das Foto zeigt den Minister beim Besuch der Baustelle am Montag.",
        "Images from the scene showed the bridge had collapsed into the river.",
        "Back to school",
        "Kontakt zu den Behörden",
    ],
)
def test_story_sentences_about_subscriptions_and_pictures_stay(sentence: str) -> None:
    lines = ["Der Senat hat am Dienstag das neue Gesetz beschlossen.", sentence]
    assert clean_paragraphs(lines, Credits()) == lines


@pytest.mark.parametrize(
    "marker",
    ["（未完）", "阅读全文", "打开APP，阅读更多精彩内容", "展开全文", "Continue reading the main story"],
)
def test_continuation_markers_are_cut(marker: str) -> None:
    assert clean_paragraphs([STORY, marker], Credits()) == [STORY]


def test_continuation_marker_at_the_end_of_a_paragraph_is_cut() -> None:
    assert clean_paragraphs([STORY + "（未完）"], Credits()) == [STORY]


@pytest.mark.parametrize(
    "chrome",
    [
        "广告",
        "ADVERTISEMENT",
        "分享到：",
        "微信 微博 QQ空间",
        "【打印本页】",
        "【关闭窗口】",
        "图片来源：受访者供图",
        "图为长江三峡段。（资料图片）",
        "Tags: bread, waste",
        "发布时间：2026-03-04 16:20",
        "Updated at 1:23 p.m.",
        "— END —",
        "点击下方名片关注我们",
        "第A03版：城事",
    ],
)
def test_widgets_captions_and_date_lines_are_dropped(chrome: str) -> None:
    assert clean_paragraphs([STORY, chrome, STORY + "这是第二段。"], Credits()) == [STORY, STORY + "这是第二段。"]


def test_editor_note_closing_the_last_paragraph_becomes_the_editor() -> None:
    credits = Credits()
    assert clean_paragraphs([STORY + "（责任编辑：刘林源）"], credits) == [STORY]
    assert credits.editor == "刘林源"


def test_dateline_reporters_are_lifted_but_the_paragraph_stays() -> None:
    credits = Credits()
    paragraph = "新华社武汉3月5日电（记者 王海涛 李雯）记者从水利部长江水利委员会获悉，今年起实施跨省生态补偿。"
    assert clean_paragraphs([paragraph], credits) == [paragraph]
    assert credits.authors == ["王海涛", "李雯"]


def test_numbers_in_tables_are_not_mistaken_for_dates() -> None:
    assert clean_paragraphs(["225.86", "-12.99", "02-751-1500"], Credits()) == ["225.86", "-12.99", "02-751-1500"]


@pytest.mark.parametrize(
    ("raw", "outlet"),
    [
        ("来源：人民网-文化频道 原创稿", "人民网-文化频道"),
        ("本文来源：新京报", "新京报"),
        ("Quelle: dpa", "dpa"),
        ("Source: Reuters", "Reuters"),
        ("新华社  作者：王海涛", "新华社"),
        ("本站原创", None),
        ("2019-09-23 14:34", None),
    ],
)
def test_credited_source_is_the_outlet_alone(raw: str, outlet: str | None) -> None:
    assert clean_credit(raw) == outlet


def test_an_editors_staff_code_is_dropped() -> None:
    assert clean_editor("林晓_NF4425") == "林晓"
    assert clean_editor("张迪") == "张迪"


def test_an_editor_known_only_by_staff_code_keeps_it() -> None:
    assert clean_editor("HN666") == "HN666"
    assert clean_editor("（HN666）") == "HN666"


@pytest.mark.parametrize("account", ["系统管理员", "管理员", "網站管理員", "admin", "Administrator"])
def test_a_content_systems_default_account_is_no_editor(account: str) -> None:
    assert clean_editor(account) is None


def test_a_bracketed_staff_line_in_an_info_bar_gives_the_editor() -> None:
    credits = Credits()
    take_info_credits("（责任编辑： HN666）", credits)
    assert credits.editor == "HN666"


@pytest.mark.parametrize(
    ("paragraph", "agency"),
    [
        ("Frankfurt/Main (dpa) - Für einen Roman über die alte Bundesrepublik", "dpa"),
        ("LOS ANGELES (Reuters) - South Korean thriller", "Reuters"),
        ("新华社北京3月5日电 今年起长江流域", "新华社"),
        ("Er sagte (AP) nichts dazu.", None),
    ],
)
def test_an_agency_dateline_credits_the_agency(paragraph: str, agency: str | None) -> None:
    assert dateline_agency(paragraph) == agency


GERMAN_STORY = [
    "Normalerweise leben Hummeln in kleinen Völkern, die im Frühjahr von einer einzigen Königin gegründet werden.",
    "Das Sterben tritt zur Blütezeit der spät blühenden Linden auf, wenn das Nektarangebot in der Umgebung knapp wird.",
    "Wer tote Hummeln findet, kann sie an Forschungsprojekte melden, die das Phänomen seit Jahren beobachten.",
]


@pytest.mark.parametrize(
    "heading",
    ["Ähnliche Artikel", "Das könnte Dich auch interessieren:", "À lire aussi", "Noticias relacionadas", "関連記事"],
)
def test_related_teasers_with_a_summary_line_are_cut_in_other_languages(heading: str) -> None:
    teasers = ["DFV-Experte war bei WISO zum Thema eCall dabei: die wichtigsten Antworten im Überblick", "Neue Regeln"]
    assert clean_paragraphs([*GERMAN_STORY, heading, *teasers], Credits()) == GERMAN_STORY


def test_a_read_also_box_inside_the_story_does_not_cut_the_rest() -> None:
    long_paragraph = GERMAN_STORY[1] + " " + GERMAN_STORY[2]
    kept = clean_paragraphs([GERMAN_STORY[0], "Leggi anche", long_paragraph, long_paragraph], Credits())
    assert kept[-1] == long_paragraph


@pytest.mark.parametrize(
    "prompt",
    ["Möchten Sie den Artikel teilen?", "War der Artikel nützlich?", "Beitrag teilen:", "(95 Stimmen: 4,73 von 5)",
     "Gefällt mir Lade...", "Partager cet article"],
)  # fmt: skip
def test_share_and_rating_prompts_are_dropped_in_other_languages(prompt: str) -> None:
    assert clean_paragraphs([*GERMAN_STORY, prompt], Credits()) == GERMAN_STORY


@pytest.mark.parametrize(
    ("line", "authors", "outlet"),
    [
        ("执笔/叨叨姐、胡一刀&李小飞刀", ["叨叨姐", "胡一刀", "李小飞刀"], None),
        ("林晓/某某日报", ["林晓"], "某某日报"),
        ("《棱镜》作者 周纯", ["周纯"], None),
        ("光明日报记者 王建宏 张文攀", ["王建宏", "张文攀"], None),
        ("□ 本报记者 葛灵丹", ["葛灵丹"], None),
    ],
)
def test_byline_lines_in_the_body_give_authors(line: str, authors: list[str], outlet: str | None) -> None:
    credits = Credits()
    assert take_credit_line(line, credits)
    assert (credits.authors, credits.credited_source) == (authors, outlet)


def test_a_reporters_sign_off_closing_the_story_gives_the_author() -> None:
    credits = Credits()
    paragraphs = ["第一段正文内容，讲述事情的经过。", "推动云南工业高质量发展。（记者 胡晓蓉）"]
    assert clean_paragraphs(paragraphs, credits)[-1].endswith("（记者 胡晓蓉）")
    assert credits.authors == ["胡晓蓉"]


@pytest.mark.parametrize(
    ("closing", "authors"),
    [
        ("（文/林晓）", ["林晓"]),
        ("（作者：林晓）", ["林晓"]),
        ("（本报记者 林晓 发自北京）", ["林晓"]),
        ("（作者为教授）", []),  # who the writer is, not a name
        ("（作者单位：北京大学）", []),
        ("（摄影/林晓）", []),  # the photographer
        ("（北京）", []),  # the dateline's place
        ("（记者 北京）", []),
    ],
)
def test_a_writers_sign_off_closing_the_story_gives_the_author(closing: str, authors: list[str]) -> None:
    credits = Credits()
    clean_paragraphs([STORY, STORY + closing], credits)
    assert credits.authors == authors


def test_an_info_bar_of_bracketed_fields_is_read_field_by_field() -> None:
    credits = Credits()
    take_info_credits("【来源：人民日报】【作者：林晓】【字体：大 中 小】", credits)
    assert (credits.authors, credits.credited_source) == (["林晓"], "人民日报")


def test_the_outlet_closing_the_last_paragraph_is_kept_apart_from_the_stated_credits() -> None:
    credits = Credits()
    assert clean_paragraphs([STORY, STORY + "（来源：新京报）"], credits) == [STORY, STORY]
    assert (credits.closing_source, credits.credited_source) == ("新京报", None)


@pytest.mark.parametrize(
    "closing",
    [
        "图表：2023年各省GDP（来源：国家统计局）",
        "Die Arbeitslosenquote nach Ländern 2023 (Quelle: Statistisches Bundesamt)",
    ],
)
def test_a_data_source_closing_a_caption_is_no_closing_credit(closing: str) -> None:
    credits = Credits()
    assert clean_paragraphs([STORY, STORY, closing], credits) == [STORY, STORY, closing]
    assert credits.closing_source is None


def test_an_outlet_named_inside_the_story_is_no_closing_credit() -> None:
    credits = Credits()
    paragraphs = [STORY + "（来源：新京报）", STORY, STORY, STORY]
    assert clean_paragraphs(paragraphs, credits) == paragraphs
    assert credits.closing_source is None


def test_a_bracketed_writer_label_in_an_info_bar_credits_the_name() -> None:
    credits = Credits()
    take_info_credits("【作者】林晓  【来源】新华社", credits)
    assert credits.authors == ["林晓"]


def test_a_name_alone_under_the_heading_is_the_writer() -> None:
    credits = Credits()
    paragraphs = ["比赛革命的革命", "胡平", "——对文化革命的政治心理学分析", STORY]
    assert clean_paragraphs(paragraphs, credits) == ["比赛革命的革命", "——对文化革命的政治心理学分析", STORY]
    assert credits.authors == ["胡平"]


def test_the_speaker_heading_a_speech_is_its_author_and_leaves_the_text() -> None:
    credits = Credits()
    paragraphs = ["市交通委员会新闻发言人 林晓", "女士们、先生们：", STORY]
    assert clean_paragraphs(paragraphs, credits) == ["女士们、先生们：", STORY]
    assert credits.authors == ["林晓"]


def test_the_speaker_may_stand_over_a_dated_line_before_the_address() -> None:
    credits = Credits()
    assert clean_paragraphs(["市长 林晓", "（2021年3月1日）", "同志们：", STORY], credits)[-2:] == ["同志们：", STORY]
    assert credits.authors == ["林晓"]


@pytest.mark.parametrize(
    "paragraphs",
    [
        ["市交通委员会新闻发言人 林晓", STORY],  # no address to an audience: not a speech
        [STORY, STORY, STORY, "新闻发言人 林晓", "女士们、先生们：", STORY],  # deep in the story
        # a numbered or dated section heading over a list's lead-in: no speaker, no address
        ["一、 工作回顾", "主要包括：", STORY, STORY],
        ["2023年 工作总结", "现将有关情况总结如下：", STORY, STORY],
        ["第一部分 政策解读", "具体内容如下：", STORY, STORY],
        ["年度报告 工作回顾", "主要包括：", STORY, STORY],  # the lead-in addresses no one
    ],
)
def test_a_post_and_name_line_outside_a_speechs_heading_is_no_credit(paragraphs: list[str]) -> None:
    credits = Credits()
    assert clean_paragraphs(paragraphs, credits) == paragraphs
    assert credits.authors == []


@pytest.mark.parametrize(
    "paragraphs",
    [
        ["比赛革命的革命", "导读", STORY],  # a section word, not a name
        ["比赛革命的革命", "图集", STORY],
        ["字号", STORY],  # no heading above: a widget's word
        [STORY, "第二部分", STORY],  # under a story paragraph, not a heading
        [STORY, STORY, "张三", STORY],
    ],
)
def test_short_lines_that_are_not_under_the_heading_stay_story(paragraphs: list[str]) -> None:
    credits = Credits()
    assert clean_paragraphs(paragraphs, credits) == paragraphs
    assert credits.authors == []


def test_a_bracketed_staff_line_beside_the_story_gives_the_editor() -> None:
    credits = Credits()
    take_info_credits("[责任编辑：刘斌]", credits)
    assert credits.editor == "刘斌"


@pytest.mark.parametrize(
    "bar",
    [
        "时间：2020-01-02  作者 | 林晓 | 来源：新华网",
        "作者：  林晓",
        "来源：新华网｜作者｜林晓",
        "作  者：林晓　来  源：新华网",
        "作者：林晓 提交日期：2005-6-1 10:22:00 访问：1234 回复：12",
    ],
)
def test_a_writer_label_the_info_bar_parts_from_the_name_still_credits_the_name(bar: str) -> None:
    credits = Credits()
    take_info_credits(bar, credits)
    assert credits.authors == ["林晓"]


@pytest.mark.parametrize("line", ["召开记者招待会", "作者简介：林晓，男，北京人", "发布人：林晓", "本报评论员"])
def test_lines_that_only_mention_a_writer_credit_nobody(line: str) -> None:
    credits = Credits()
    take_credit_line(line, credits)
    assert credits.authors == []


@pytest.mark.parametrize(
    "line",
    [
        "记者 林晓 摄影 何敏",
        "本报记者 林晓 摄影记者 何敏",
        "文/林晓 摄影/何敏",
        "新京报记者 林晓 编辑 何敏 校对 王五",
        "撰文｜林晓 摄影｜何敏 编辑｜王五",
        "图｜何敏 文｜林晓",
    ],
)
def test_photographers_and_editors_beside_the_writer_are_no_authors(line: str) -> None:
    credits = Credits()
    take_info_credits(line, credits)
    assert credits.authors == ["林晓"]


def test_listing_of_replies_under_a_post_is_cut() -> None:
    replies = [
        "参与旅行社的一般都是弱势群体……【梅骏！】08-11 16:58 138字 [140/0]",
        "一把辛酸泪啊。【皮皮说话】08-11 17:15 80字 [176/0]",
        "还是素质问题【柠檬沁心】08-11 17:20 124字 [137/0]",
        "偶哭诉一个【黑眼圈猫猫】08-11 17:45 315字 [155/0]",
        "我的经历：【hylxy】08-11 18:24 273字 [180/1]",
        "北京之旅的困惑 【新闻频道版主】08-12 11:57 334字 [141/0]",
        "| 主题已经关闭，停止回复．",
    ]
    lines = [STORY, *replies]
    assert without_dated_listing(lines, [False] + [True] * (len(replies) - 1) + [False]) == [STORY]


@pytest.mark.parametrize(
    "rows",
    [
        [f"2019-09-0{day} 10:00 第{day}批电梯完成验收并投入使用" for day in range(1, 8)],  # a timeline
        [f"第{round_}轮 主队对客队 19:35 开球" for round_ in range(1, 8)],  # kick-off times, no day
    ],
)
def test_dated_rows_of_another_shape_are_no_listing_even_when_linked(rows: list[str]) -> None:
    lines = [STORY, *rows]
    assert without_dated_listing(lines, [False] + [True] * len(rows)) == lines


@pytest.mark.parametrize(
    "rows",
    [
        [  # an exam timetable
            "语文 6月7日 9:00-11:30",
            "数学 6月7日 15:00-17:00",
            "文综 6月8日 9:00-11:30",
            "理综 6月8日 9:00-11:30",
            "外语 6月8日 15:00-17:00",
            "技术 6月9日 9:00-10:30",
        ],
        [f"CA18{day} 北京-上海 06-0{day} 08:30 起飞" for day in range(1, 7)],  # a flight list
        [f"Arsenal v Chelsea 12/0{day} 15:00" for day in range(1, 7)],  # a club's fixtures
    ],
)
def test_a_schedule_in_the_story_stays_its_rows_link_nowhere(rows: list[str]) -> None:
    lines = [STORY, "具体时间安排如下：", *rows]
    assert without_dated_listing(lines, [False] * len(lines)) == lines
    # the same rows linked to other posts are a listing
    assert without_dated_listing(lines, [False, False] + [True] * len(rows)) == lines[:2]


def test_an_agency_closing_the_story_is_its_source_not_its_writer() -> None:
    credits = Credits()
    clean_paragraphs([STORY, STORY + "（新华社）"], credits)
    assert (credits.authors, credits.closing_source) == ([], "新华社")


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("记者：张三、李四", ["张三", "李四"]),
        ("作者：暗夜流光", ["暗夜流光"]),
        ("记者：阿卜杜拉·艾山", ["阿卜杜拉·艾山"]),
    ],
)
def test_a_colon_labelled_writer_who_is_a_person_is_still_credited(line: str, authors: list[str]) -> None:
    credits = Credits()
    assert take_credit_line(line, credits)
    assert credits.authors == authors


@pytest.mark.parametrize(
    "sentence",
    [
        "The app is available on the App Store and Google Play from Monday.",
        "Residents can submit a comment to the city council until Friday.",
        "Wer einen Leserbrief schreiben möchte, erreicht die Redaktion per Post.",
        "Users who download the app get the timetable for all lines at once.",
    ],
)
def test_a_story_sentence_naming_an_app_store_or_a_comment_call_stays(sentence: str) -> None:
    paragraphs = ["Die Stadt stellt ihr neues Angebot vor.", sentence, "Mehr dazu folgt in der nächsten Woche."]
    assert clean_paragraphs(paragraphs, Credits()) == paragraphs


@pytest.mark.parametrize(
    "notice",
    [
        "Download the Example News app on the App Store and Google Play.",
        "Submit your letter to the editor via this form. Read more Letters to the Editor.",
        "Lesen Sie das Magazin digital in der App (iTunes und Google Play) oder im Abo:",
    ],
)
def test_the_call_itself_is_a_notice(notice: str) -> None:
    assert clean_paragraphs([STORY, notice, STORY], Credits()) == [STORY, STORY]


@pytest.mark.parametrize("row", ["Beginn: 19:30 | Eintritt: 10 Euro", "Bayern München | Borussia Dortmund · 20:30"])
def test_a_row_with_a_clock_time_and_no_byline_or_widget_is_the_story(row: str) -> None:
    paragraphs = ["Das Konzert findet in der Stadthalle statt.", row, "Karten gibt es an der Abendkasse."]
    assert clean_paragraphs(paragraphs, Credits()) == paragraphs


@pytest.mark.parametrize(
    "row", ["Aufrufe: 1120 | Hinzugefügt von: anna | Tags: , ,", "Verfasst von: anna | 24. März 2004, 19:49"]
)
def test_a_post_meta_row_is_dropped(row: str) -> None:
    story = "Der Text des Beitrags steht hier und geht noch weiter."
    assert clean_paragraphs([story, row], Credits()) == [story]


def test_a_role_run_into_a_name_is_no_byline_when_run_in_is_off() -> None:
    credits = Credits()
    assert take_credit_line("来源：人民日报 记者林晓", credits, run_in=False)
    assert "林晓" not in credits.authors
    assert take_credit_line("来源：人民日报 记者林晓", credits := Credits())
    assert credits.authors == ["林晓"]


def test_a_column_title_after_the_role_is_no_name() -> None:
    credits = Credits()
    clean_paragraphs(["记者林间：一线故事", STORY, STORY], credits)
    assert credits.authors == []


@pytest.mark.parametrize("mark", ["", " +++", " ***", " ■", " —"])
def test_a_full_name_signing_off_the_story_with_any_end_mark_is_its_writer(mark: str) -> None:
    credits = Credits()
    clean_paragraphs(["Die Gemeinde wählt im Mai.", f"Die Gemeindepolitik bleibt spannend. (Anna Roth){mark}"], credits)
    assert credits.authors == ["Anna Roth"]


@pytest.mark.parametrize(
    "paragraphs",
    [
        [
            "Die Gemeinde wählt im Mai.",
            "Das sei ein guter Tag für den Ort, sagte er. (Anna Roth)",
            "Der Gemeinderat berät am Montag über den Haushalt.",
            "Die Sitzung ist öffentlich.",
        ],
        ["Die Gemeinde wählt im Mai.", "Das sei ein guter Tag für den Ort, sagte er (Anna Roth)."],
    ],
)
def test_a_name_in_brackets_inside_the_story_or_a_sentence_is_no_sign_off(paragraphs: list[str]) -> None:
    credits = Credits()
    assert clean_paragraphs(paragraphs, credits) == paragraphs
    assert credits.authors == []


def test_a_role_run_into_a_word_alone_outside_the_story_is_a_board_name() -> None:
    credits = Credits()
    take_info_credits("记者何方", credits)
    assert credits.authors == []
    take_info_credits("来源：人民日报 记者林晓", credits)
    assert credits.authors == ["林晓"]


LAST = "项目预计明年年底前全部完工，届时将惠及两万余户居民。"


@pytest.mark.parametrize(
    ("sign_off", "authors"),
    [
        ("【林晓】", ["林晓"]),
        ("——林晓", ["林晓"]),
        ("—— 林晓 陈思远", ["林晓", "陈思远"]),
        ("（林晓 陈思远）", ["林晓", "陈思远"]),
        ("文/林晓 图/陈思远", ["林晓"]),  # the picture's credit names no writer
        ("（本报记者 林晓）", ["林晓"]),
        ("（记者 林晓 通讯员 陈思远）", ["林晓", "陈思远"]),
        ("本报讯（记者林晓）", ["林晓"]),
    ],
)
def test_a_sign_off_on_its_own_line_under_the_story_names_its_writers(sign_off: str, authors: list[str]) -> None:
    credits = Credits()
    assert clean_paragraphs([STORY, LAST, sign_off, "责任编辑：周可"], credits) == [STORY, LAST]
    assert credits.authors == authors
    assert credits.editor == "周可"


@pytest.mark.parametrize(
    "last",
    [
        LAST + "（记者林晓 通讯员陈思远）",
        LAST + "（本报记者 林晓 通讯员 陈思远）",
    ],
)
def test_reporters_run_into_their_roles_closing_the_last_paragraph_are_its_writers(last: str) -> None:
    credits = Credits()
    assert clean_paragraphs([STORY, last], credits) == [STORY, last]  # the sign-off is part of the paragraph
    assert credits.authors == ["林晓", "陈思远"]


@pytest.mark.parametrize("mark", ["(完)", "（完）", " （完）"])
def test_an_end_mark_goes_and_the_staff_lines_after_it_too(mark: str) -> None:
    credits = Credits()
    paragraphs = [STORY, LAST + mark, "编辑：周可", "审核：赵一鸣", "监制：王海涛"]
    assert clean_paragraphs(paragraphs, credits) == [STORY, LAST]
    assert credits.editor == "周可"
    assert credits.authors == []


@pytest.mark.parametrize(
    "line",
    [
        "——鲁迅先生曾这样写道，这段话至今读来仍发人深省。",  # a dash before a sentence, not a name
        "（北京）",  # a dateline's place
        "【纠错】",  # a widget, chrome of its own
        "他说：“这件事我们做完了。”",
        "完",
        "——完",
        "【本报评论员】",
    ],
)
def test_lines_shaped_like_a_sign_off_that_are_none_stay_or_credit_nobody(line: str) -> None:
    credits = Credits()
    kept = clean_paragraphs([STORY, LAST, line], credits)
    assert credits.authors == []
    assert kept[:2] == [STORY, LAST]


def test_a_sign_off_shape_inside_the_story_is_the_storys() -> None:
    credits = Credits()
    paragraphs = [STORY, "——林晓", LAST, "另据介绍，该项目今年还将新增停车位一千余个。", "项目将于年底前完工。"]
    assert clean_paragraphs(paragraphs, credits) == paragraphs
    assert credits.authors == []


def test_an_end_mark_inside_a_sentence_stays() -> None:
    line = "工程分三期进行（完工时间另行通知），首期今年开工。"
    assert clean_paragraphs([STORY, line], Credits()) == [STORY, line]


@pytest.mark.parametrize(
    ("line", "source", "editor", "authors"),
    [
        ("编辑丨林晓 审核丨陈思远 监制丨王五", None, "林晓", []),
        ("审核丨陈思远 编辑丨林晓", None, "林晓", []),  # the editor's field, whatever its place
        ("责编｜林晓", None, "林晓", []),
        ("来源|某某日报", "某某日报", None, []),
        ("来源丨某某日报", "某某日报", None, []),
        ("来源丨某某日报 作者丨林晓 编辑丨陈思远 审核丨王海涛", "某某日报", "陈思远", ["林晓"]),
        ("来源：某某日报 | 记者：林晓 | 编辑：陈思远 | 校对：王海涛", "某某日报", "陈思远", ["林晓"]),
        ("文丨林晓 美编丨陈思远 统筹丨王海涛", None, None, ["林晓"]),
        ("监制丨王海涛 校对丨陈思远", None, None, []),  # other staff alone: no writer, no editor
        ("审核：陈思远", None, "陈思远", []),  # a reviewer when no one else is named
    ],
)
def test_bar_parted_staff_fields_give_source_editor_and_only_writers_as_authors(
    line: str, source: str | None, editor: str | None, authors: list[str]
) -> None:
    credits = Credits()
    assert take_credit_line(line, credits)
    assert (credits.credited_source, credits.editor, credits.authors) == (source, editor, authors)


@pytest.mark.parametrize(
    "line",
    [
        "图说洛阳| 洛阳职业技术学院：剪“廉洁窗花” 过廉洁新年",  # a column's heading before a bar
        "书记市长这一周 | 奋马扬鞭争春色",
        "监制这部影片的王五说：“我们花了三年时间。”",
        "统筹安排好全市各项工作，确保群众过一个安定祥和的节日。",
    ],
)
def test_a_bar_or_a_staff_word_in_a_story_line_is_no_staff_line(line: str) -> None:
    credits = Credits()
    assert not take_credit_line(line, credits)
    assert clean_paragraphs([line, STORY], credits) == [line, STORY]
    assert credits == Credits()


def test_a_forum_posts_header_is_no_story_text_and_names_its_poster() -> None:
    credits = Credits()
    paragraphs = [
        "发信人: 林晓 (xiaolin), 信区: News",
        "标  题: 老旧小区加装电梯今年再增三百部",
        "发信站: 某某社区 (Tue Dec  8 01:22:28 2026), 站内",
        STORY,
        LAST,
    ]
    assert clean_paragraphs(paragraphs, credits) == [STORY, LAST]
    assert credits.authors == ["林晓"]


def test_a_forum_poster_with_a_latin_account_is_named_by_the_chinese_name_beside_it() -> None:
    credits = Credits()
    assert clean_paragraphs(["发信人: xiaolin (林晓), 信区: News", STORY], credits) == [STORY]
    assert credits.authors == ["林晓"]


def test_a_forum_poster_gives_way_to_a_byline_the_story_states() -> None:
    credits = Credits()
    paragraphs = ["作者：陈思远", "发信人: xiaolin (林晓), 信区: News", STORY]
    assert clean_paragraphs(paragraphs, credits) == [STORY]
    assert credits.authors == ["陈思远"]


def test_a_title_line_without_a_posters_header_above_stays() -> None:
    paragraphs = [STORY, "标题：老旧小区加装电梯今年再增三百部", LAST]
    assert clean_paragraphs(paragraphs, Credits()) == paragraphs


def test_a_dashed_name_under_a_quotation_is_its_source_not_the_writer() -> None:
    quote = "“横眉冷对千夫指，俯首甘为孺子牛。”"
    credits = Credits()
    assert clean_paragraphs([STORY, quote, "——鲁迅"], credits) == [STORY, quote, "——鲁迅"]
    assert credits.authors == []
