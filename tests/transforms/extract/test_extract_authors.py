"""Author lists as a reader sees them in the lake: people, one per entry, no page chrome."""

from __future__ import annotations

import pytest

from transforms.extract.authors import clean_names, site_hosts


@pytest.mark.parametrize(
    ("values", "names"),
    [
        (["By Erin Cunningham"], ["Erin Cunningham"]),
        (["林晓（实习生）"], ["林晓"]),  # the writer's role in brackets after the name
        (["林晓 发自北京"], ["林晓"]),  # where the reporter filed from
        (["特约撰稿 林晓"], ["林晓"]),
        (["撰稿人：林晓"], ["林晓"]),
        (["By Jonas Weber for ExampleOnline"], ["Jonas Weber"]),
        (["Ana Lee For The Times, Tom Ray for Example Wire"], ["Ana Lee", "Tom Ray"]),
        (["Por Steven Lee Myers, Keith Bradsher y Tariq Panja"], ["Steven Lee Myers", "Keith Bradsher", "Tariq Panja"]),
        (["Anna Schmidt und Jonas Weber"], ["Anna Schmidt", "Jonas Weber"]),
        (["By JOHN SMITH AND JANE DOE"], ["JOHN SMITH", "JANE DOE"]),
        (["Ola Nordmann og Kari Nordmann"], ["Ola Nordmann", "Kari Nordmann"]),
        (["Marie Dupont et Paul Martin"], ["Marie Dupont", "Paul Martin"]),
        (["By : Joe S."], ["Joe S."]),
        (["Interview: Julia Lauter"], ["Julia Lauter"]),
        (["Text & Fotos: Ivan Valetny"], ["Ivan Valetny"]),
        (["Eingestellt von Anna Berger"], ["Anna Berger"]),
        (["حوار: آسيا العتروس"], ["آسيا العتروس"]),
        (["بقلم محمد علي"], ["محمد علي"]),
        (["Posted by Anna Roth, Software Engineer on Example Store"], ["Anna Roth"]),
        (["Anna Roth, Product Manager"], ["Anna Roth"]),
        (["Author: Julia Hitz (eg)"], ["Julia Hitz"]),
        (["Anna Roth (dpa)"], ["Anna Roth"]),
        (["Anna Roth (Text), Ola Nordmann (Fotos)"], ["Anna Roth", "Ola Nordmann"]),
        (["Jonas Weber (Sponsored Post)"], ["Jonas Weber"]),
        (["Übersetzung Sarah Jungblut"], []),
        (["Matthias, herrpfleger"], ["Matthias"]),
        (["Rechtsanwalt Dennis Tölle"], ["Dennis Tölle"]),
        (["PTI"], []),
        (["KWCHCIK"], []),
        (["Prisma Média", "Marie Merlet"], ["Marie Merlet"]),
        (["jdadmin"], []),
        (["Johanna Kropfitsch Alle Artikel"], ["Johanna Kropfitsch"]),
        (["Posted on September 21, 2020 by Adi Tzlil"], ["Adi Tzlil"]),
        (["Text von Christian Seiler Illustration von Markus Roost"], ["Christian Seiler"]),
        (["Stella Kim, Jennifer Jett"], ["Stella Kim", "Jennifer Jett"]),
        (["Jong, Michiel de"], ["Michiel de Jong"]),
        (["Smith, John"], ["John Smith"]),
        (["Harm, Robert"], ["Robert Harm"]),
        (["Smith, John A."], ["John A. Smith"]),
        (["Berlin, Anna Roth"], ["Berlin, Anna Roth"]),
        (["Emma Mackenzie (Image: Getty Images)"], ["Emma Mackenzie"]),
        (["Jane Doe <jane.doe@example.com>"], ["Jane Doe"]),
        (["周思博 (Joel Spolsky)"], ["周思博 (Joel Spolsky)"]),
        (["(Jane Doe)"], ["Jane Doe"]),
        (["Matthias Hille - Lukas Balbach"], ["Matthias Hille", "Lukas Balbach"]),
        (["Anna Roth – Ben Kurz – Carl Lee"], ["Anna Roth", "Ben Kurz", "Carl Lee"]),
        (["Yasemin Saplakoglu - Senior Reporter"], ["Yasemin Saplakoglu"]),
        (["Jane Doe - The Guardian"], ["Jane Doe"]),
        (["The Water Coolest"], []),
        (["Thea Smith"], ["Thea Smith"]),
        (["Chicago Tribune"], []),
        (["Kirche und Leben, Münster, Germany"], []),
        (["jd/mh/cpm"], ["jd", "mh", "cpm"]),
        (["Finian Cunningham. Sputnik International"], ["Finian Cunningham"]),
        (["Prof. Dr. Hans Müller"], ["Prof. Dr. Hans Müller"]),
        (["Priv.-Doz. Dr. med. Anna Roth"], ["Priv.-Doz. Dr. med. Anna Roth"]),
        (["By Jane Doe. Updated Jan 1"], ["Jane Doe"]),
        (["By Joe S. Updated 3 hours ago"], ["Joe S."]),
        (["Afficher mon profil complet"], []),
        (["View my complete profile"], []),
        (["name, email@gmail.com"], []),
        (["emma-mackenzie"], []),
        (["https://www.example.com/people/erin-cunningham"], []),
        (["James Akinaka • 8h"], ["James Akinaka"]),
        (["Anna Menin Share this article"], ["Anna Menin"]),
        (["By GILLIAN MOHNEY March 11, 2015 3:46 PM"], ["GILLIAN MOHNEY"]),
        (["张三", "浏览次数： 【字体：大", "中", "小】"], ["张三"]),
        (["林晓", "关注"], ["林晓"]),  # the follow button beside an account's name
        (["陈思远", "+ 訂閱"], ["陈思远"]),
        (["104363"], []),
        (["南都记者", "余毅菁", "向雪妮"], ["余毅菁", "向雪妮"]),
        (["新华社记者张三"], ["张三"]),
        (["L_104485"], []),
        (["www.yunnan.cn,云南日报报业集团,云南网"], []),
        (["Discuz! Team", "Comsenz UI Team"], []),
        (["赵  培"], ["赵培"]),
        (["记者 王海涛 李雯"], ["王海涛", "李雯"]),
        (["陈智 整合"], ["陈智"]),
        (["（未完）"], []),
        (["Devindra Hardawar", "devindra"], ["Devindra Hardawar"]),  # the same writer's handle
        (["kingname"], ["kingname"]),  # a pen name on its own stays
        (["edilson.la.rosa", "Edilson La Rosa"], ["Edilson La Rosa"]),
        (["Ilana Muhlstein, MS, RDN"], ["Ilana Muhlstein"]),
        (["Markus M. Haefliger, London, Beat Bumbacher"], ["Markus M. Haefliger", "Beat Bumbacher"]),
        (["Isabel Caro, José Miguel Wilson Hace 2 horas"], ["Isabel Caro", "José Miguel Wilson"]),
        (["Hanns-Seidel-Stiftung e.V."], []),
        (["Deutscher Caritasverband e. V."], []),
        (["Redakcja Forsal.pl"], []),
        (["Contributors to Wikimedia projects"], []),
        (["Фото из Инстаграма Лукаша Подольски"], []),
        (["deinen Hochzeitsbloggern"], []),
        (["Juan de la Cruz"], ["Juan de la Cruz"]),
        (["giampiero maggio"], ["giampiero maggio"]),
        (["Auteur: Anna Kubišta"], ["Anna Kubišta"]),
        (["Autorin: Anna Schmidt"], ["Anna Schmidt"]),
        (["Sekretariat Partei Mensch Umwelt Tierschutz"], []),
        (["Eidgenössisches Departement für Wirtschaft"], []),
        (["Bundesministerium für Gesundheit"], []),
    ],
)
def test_bylines_become_people(values: list[str], names: list[str]) -> None:
    assert clean_names(values) == names


def test_the_sites_own_name_is_not_an_author() -> None:
    assert clean_names(["网易"], organisations=["网易财经"]) == []
    assert clean_names(["XYZ News"], organisations=["XYZ News"]) == []
    assert clean_names(["参考消息"], organisations=["参考消息"]) == []
    assert clean_names(["Examplebody"], organisations=["The Examplebody Blog"]) == []


def test_the_outlets_name_after_a_byline_is_cut() -> None:
    assert clean_names(["Anna Roth, Jonas Weber EXAMPLE TODAY"], organisations=["EXAMPLE TODAY"]) == [
        "Anna Roth",
        "Jonas Weber",
    ]


def test_a_person_named_like_no_outlet_stays() -> None:
    assert clean_names(["Anna C. Roth"], organisations=["Example"]) == ["Anna C. Roth"]


@pytest.mark.parametrize(
    ("values", "address"),
    [
        (["abc"], "https://abc-normen.example/skajrim/"),  # the site's account, lower case
        (["Vortex"], "https://vortexcannon.example/about-bugs/"),  # the brand the host name opens with
        (["KleineGrüneMonster"], "https://kleinegruenemonster.blog.example/start/"),  # the blog's name, spelt out
        (["surfguard"], "https://surfguard.blog.example/medien/"),
    ],
)
def test_the_sites_host_name_is_not_an_author(values: list[str], address: str) -> None:
    assert clean_names(values, hosts=site_hosts([address])) == []


@pytest.mark.parametrize(
    ("values", "address"),
    [
        (["Anna"], "http://www.anna-roth.example/laufen/"),  # the owner of a personal site
        (["Julia"], "https://crazy-julia.example/tipps/"),
        (["Lynn"], "https://heavenlynnhealthy.example/anna/"),  # a name inside a word is chance
        (["Anna Roth"], "http://www.annaroth.example/"),  # a full name is a person wherever it stands
        (["Vortex"], None),
    ],
)
def test_a_writer_named_in_the_host_stays(values: list[str], address: str | None) -> None:
    assert clean_names(values, hosts=site_hosts([address])) == values


def test_the_owner_who_names_the_site_stays() -> None:
    assert clean_names(["Anna Roth"], organisations=["Anna Roth - Example 50plus"], people=["Anna Roth"]) == [
        "Anna Roth"
    ]
    assert clean_names(
        ["mady"],
        organisations=["Mady Roth - Yoga Example"],
        hosts=site_hosts(["https://www.madyroth.example/"]),
        people=["mady"],
    ) == ["mady"]
    assert clean_names(["Nordischer Tennis Bund"], organisations=["Nordischer Tennis Bund"]) == []


@pytest.mark.parametrize(
    ("byline", "site", "address"),
    [
        ("Example Star", "Example Star - The Leading English Daily", "https://www.examplestar.example/news/"),
        ("Example Fair", "Example Fair | The Complete Guide", "https://www.examplefair.example/style/"),
        ("Rolling Pebble", "Rolling Pebble - Music, Film, TV and Political News", "https://www.rollingpebble.example/"),
        ("Rolling", "Rolling Pebble - Music, Film, TV and Political News", None),
        ("Nordland Welle", "Nordland Welle - Nachrichten und Analysen", "https://www.nlw.example/de/"),
    ],
)
def test_a_brand_before_the_sites_separator_is_no_owner(byline: str, site: str, address: str | None) -> None:
    assert clean_names([byline], organisations=[site], hosts=site_hosts([address])) == []


def test_the_owner_is_matched_by_whole_words() -> None:
    # ``Mad`` opens ``Mady Roth`` but is neither her name nor her given name
    site = ["Mady Roth - Yoga Example"]
    assert clean_names(["Mad"], organisations=site, people=["Mad"]) == []
    assert clean_names(["Mady Roth"], organisations=site, people=["Mady Roth"]) == ["Mady Roth"]


@pytest.mark.parametrize("name", ["北京", "新华社", "中国新闻社", "石家庄市", "进展如何"])
def test_a_place_an_agency_or_a_question_is_no_writer(name: str) -> None:
    assert clean_names([name]) == []


@pytest.mark.parametrize("name", ["张建社", "何平", "暗夜流光"])
def test_names_that_share_a_character_with_a_place_or_an_agency_stay(name: str) -> None:
    assert clean_names([name]) == [name]


def test_the_sites_name_in_another_word_order_is_not_an_author() -> None:
    site = "Bundestagsfraktion Bündnis 90/Die Grünen"
    assert clean_names(["Bündnis 90/Die Grünen Bundestagsfraktion"], organisations=[site]) == []


@pytest.mark.parametrize(
    ("byline", "address"),
    [
        ("XYZ Aktuell", "https://www.xyz.example/sport/x.html"),
        ("XYZ Wien", "https://wien.xyz.example/stories/3017954/"),
        ("EFC Blaue Kanne", "http://blaue-kanne.example/bbr/modules/news/article.php"),
    ],
)
def test_an_acronym_that_names_the_host_marks_the_sites_desk(byline: str, address: str) -> None:
    assert clean_names([byline], hosts=site_hosts([address])) == []


@pytest.mark.parametrize(
    ("byline", "address"),
    [
        ("Jan GROSSER", "https://www.jan-grosser.example/art/1.html"),
        ("Karim HADDAD", "https://presse.example/48915/"),
        ("ANNA ROTH", "https://news.example/x"),
    ],
)
def test_a_family_name_in_capitals_stays(byline: str, address: str) -> None:
    assert clean_names([byline], hosts=site_hosts([address])) == [byline]


def test_the_sites_name_with_its_own_address_is_not_an_author() -> None:
    hosts = site_hosts(["https://www.nlw.example/en/a-52060881"])
    assert clean_names(["Nordland Welle (www.nlw.example)"], hosts=hosts) == []


def test_an_owner_with_the_address_of_the_site_named_after_him_stays() -> None:
    hosts = site_hosts(["https://www.anna-roth.example/laufen/"])
    assert clean_names(["Anna Roth (www.anna-roth.example)"], hosts=hosts) == ["Anna Roth"]


def test_a_post_at_the_outlet_is_no_second_writer() -> None:
    byline = "Autor: Jonas Weber, Redner bei rent-a-speaker.com"
    assert clean_names([byline], organisations=["rent-a-speaker.com"]) == ["Jonas Weber"]


@pytest.mark.parametrize(
    "byline",
    [
        "XYZ Info",
        "Radio Nordland",
        "XYZ",  # an acronym alone as the credit
        "XY",
        "XYZ-Studio Brüssel",
        "Nord Nyheder",
        "Nordland 24",
        "Antena 3",
        "Nordland Uutiset",
        "Redaktion",
        "Newsroom",
        "Staff",
        "Web Desk",
        "Nachrichtenredaktion",
        "Hauptstadtstudio",
        "Nordlandfunk",
        "Redacción",
        "Rédaction",
        "Redazione",
        "Redakcja",
        "Agencias",
        "Agencja",
        "Agence",
        "Anadolu Ajansı",
    ],
)
def test_a_desk_an_agency_or_a_broadcaster_is_no_writer(byline: str) -> None:
    assert clean_names([byline]) == []


@pytest.mark.parametrize(
    "name",
    [
        "Klaus Welle",
        "Fritz Haber",
        "Lukas Funk",
        "Dan Brown",
        "Ana Dan",
        "Jane Stafford",
        "Maria Radiowska",
        "Jan Kanal",
    ],
)
def test_a_family_name_like_an_outlets_word_stays(name: str) -> None:
    assert clean_names([name]) == [name]


def test_a_writer_beside_a_desk_stays() -> None:
    assert clean_names(["Anna Roth, Redaktion"]) == ["Anna Roth"]
    assert clean_names(["Redacción", "María López"]) == ["María López"]


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Ahmet Yılmaz ve Ayşe Kaya", ["Ahmet Yılmaz", "Ayşe Kaya"]),
        ("Budi Santoso dan Siti Rahma", ["Budi Santoso", "Siti Rahma"]),
        ("Dan Smith dan Siti Rahma", ["Dan Smith", "Siti Rahma"]),
        ("Matti Virtanen ja Liisa Korhonen", ["Matti Virtanen", "Liisa Korhonen"]),
        ("Jan Kowalski i Anna Nowak", ["Jan Kowalski", "Anna Nowak"]),
        ("Jan Novák a Petr Svoboda", ["Jan Novák", "Petr Svoboda"]),
        ("Иван Петров и Анна Смирнова", ["Иван Петров", "Анна Смирнова"]),
        ("Jan de Vries en Piet Jansen", ["Jan de Vries", "Piet Jansen"]),
        ("Anna Svensson och Erik Berg", ["Anna Svensson", "Erik Berg"]),
        ("João Silva e Maria Costa", ["João Silva", "Maria Costa"]),
        ("Mario Rossi e Luca Bianchi", ["Mario Rossi", "Luca Bianchi"]),
        ("Kovács Péter és Nagy Anna", ["Kovács Péter", "Nagy Anna"]),
        ("Ion Popescu și Maria Ionescu", ["Ion Popescu", "Maria Ionescu"]),
        ("Ana Lee y Juan Pérez y Rosa Díaz", ["Ana Lee", "Juan Pérez", "Rosa Díaz"]),
    ],
)
def test_and_in_another_language_joins_two_writers(byline: str, names: list[str]) -> None:
    assert clean_names([byline]) == names


@pytest.mark.parametrize(
    "name",
    ["José Ortega y Gasset", "Maria da Silva e Sousa", "Dan Brown", "Leonardo da Vinci", "Mia Dan Lee"],
)
def test_a_name_holding_a_particle_is_one_writer(name: str) -> None:
    assert clean_names([name]) == [name]


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Anna Roth Senior Reporter", ["Anna Roth"]),
        ("Anna Roth Redakteurin", ["Anna Roth"]),
        ("Anna Roth, Korrespondentin in Paris", ["Anna Roth"]),
        ("María López, corresponsal en Madrid", ["María López"]),
        ("Freie Journalistin Anna Roth", ["Anna Roth"]),
        ("Ana Lee Editor-in-Chief", ["Ana Lee"]),
        ("Marco Bianchi, inviato a Kiev", ["Marco Bianchi"]),
        ("Korrespondentin in Paris", []),
        ("Chefredakteur", []),
        ("Staff Writer", []),
        ("Correspondent", []),
        ("corresponsal en Madrid", []),
        ("Letters To The Editor", []),
    ],
)
def test_a_post_beside_a_name_is_dropped(byline: str, names: list[str]) -> None:
    assert clean_names([byline]) == names


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Anna Roth mit Agenturen", ["Anna Roth"]),
        ("María López con agencias", ["María López"]),
        ("Jane Doe with AP", ["Jane Doe"]),
        ("Anna Roth (mit Material der dpa)", ["Anna Roth"]),
        ("Redacción, María López", ["María López"]),
        ("Agencias / María López", ["María López"]),
        ("XYZ Info, Anna Roth", ["Anna Roth"]),
        ("Redacción, Madrid", []),  # the desk's place
        ("PTI, Washington", []),  # an agency's dateline
        ("Anna Roth, PTI, New Delhi", ["Anna Roth"]),
        ("EFE", []),
        ("Agencia Efe", []),
    ],
)
def test_an_agency_credited_beside_a_writer_leaves_the_writer(byline: str, names: list[str]) -> None:
    assert clean_names([byline]) == names


@pytest.mark.parametrize("name", ["Efe Aydın", "Ap Dijksterhuis", "Ansa Khan"])
def test_a_given_name_spelt_like_an_agency_stays(name: str) -> None:
    assert clean_names([name]) == [name]


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Professor Anna Roth", ["Anna Roth"]),
        ("President Jonas Weber", ["Jonas Weber"]),
        ("Anna Roth, Founder", ["Anna Roth"]),
        ("Jonas Weber, Software Engineer", ["Jonas Weber"]),
        ("Marketing Manager", []),
    ],
)
def test_a_post_outside_the_newsroom_is_stripped_not_the_name(byline: str, names: list[str]) -> None:
    assert clean_names([byline]) == names


def test_an_outlet_named_in_no_rule_is_left_to_the_pages_own_names() -> None:
    # no outlet is listed in the rules: the site's own name is known from the page
    assert clean_names(["Nordland Welle"], organisations=["Nordland Welle"]) == []
    assert clean_names(["XYZ Aktuell"], hosts=site_hosts(["https://www.xyz.example/a.html"])) == []
