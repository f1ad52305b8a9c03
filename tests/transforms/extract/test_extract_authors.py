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
        (["By Tom Pyman for MailOnline"], ["Tom Pyman"]),
        (["Ana Lee For The Times, Tom Ray for Reuters"], ["Ana Lee", "Tom Ray"]),
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
        (["Posted by Andrew Hayden, Software Engineer on Google Play"], ["Andrew Hayden"]),
        (["Anna Roth, Product Manager"], ["Anna Roth"]),
        (["Author: Julia Hitz (eg)"], ["Julia Hitz"]),
        (["Anna Roth (dpa)"], ["Anna Roth"]),
        (["Anna Roth (Text), Ola Nordmann (Fotos)"], ["Anna Roth", "Ola Nordmann"]),
        (["Samuel Diekmann (Sponsored Post)"], ["Samuel Diekmann"]),
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
    assert clean_names(["BBC News"], organisations=["BBC News"]) == []
    assert clean_names(["参考消息"], organisations=["参考消息"]) == []
    assert clean_names(["Beachbody"], organisations=["The Beachbody Blog"]) == []


def test_the_outlets_name_after_a_byline_is_cut() -> None:
    assert clean_names(["Kevin Johnson, Kevin McCoy USA TODAY"], organisations=["USA TODAY"]) == [
        "Kevin Johnson",
        "Kevin McCoy",
    ]


def test_a_person_named_like_no_outlet_stays() -> None:
    assert clean_names(["John C. Welch"], organisations=["Medium"]) == ["John C. Welch"]


@pytest.mark.parametrize(
    ("values", "address"),
    [
        (["gto"], "https://gto-normativy.ru/skajrim/"),  # the site's account, lower case
        (["Vortex"], "https://vortexcannon.org/about-bugs/"),  # the brand the host name opens with
        (["KleineGrüneMonster"], "https://kleinegruenemonster.wordpress.com/start/"),  # the blog's name, spelt out
        (["surfguard"], "https://surfguard.wordpress.com/medien/"),
    ],
)
def test_the_sites_host_name_is_not_an_author(values: list[str], address: str) -> None:
    assert clean_names(values, hosts=site_hosts([address])) == []


@pytest.mark.parametrize(
    ("values", "address"),
    [
        (["Heiko"], "http://www.heiko-adams.de/laufen/"),  # the owner of a personal site
        (["Julia"], "https://crazy-julia.de/tipps/"),
        (["Lynn"], "https://heavenlynnhealthy.de/mareenburk/"),  # a name inside a word is chance
        (["Heiko Adams"], "http://www.heikoadams.de/"),  # a full name is a person wherever it stands
        (["Vortex"], None),
    ],
)
def test_a_writer_named_in_the_host_stays(values: list[str], address: str | None) -> None:
    assert clean_names(values, hosts=site_hosts([address])) == values


def test_the_owner_who_names_the_site_stays() -> None:
    assert clean_names(["Martina Berg"], organisations=["Martina Berg - Lady 50plus"], people=["Martina Berg"]) == [
        "Martina Berg"
    ]
    assert clean_names(
        ["mady"],
        organisations=["Mady Morrison - Yoga Lifestyle"],
        hosts=site_hosts(["https://www.madymorrison.com/"]),
        people=["mady"],
    ) == ["mady"]
    assert clean_names(["Deutscher Tennis Bund"], organisations=["Deutscher Tennis Bund"]) == []


@pytest.mark.parametrize(
    ("byline", "site", "address"),
    [
        ("Daily Star", "Daily Star - Bangladesh's Leading English Daily", "https://www.dailystar.example/news/"),
        ("Vanity Fair", "Vanity Fair | The Complete Guide", "https://www.vanityfair.com/style/"),
        ("Rolling Stone", "Rolling Stone - Music, Film, TV and Political News", "https://www.rollingstone.com/"),
        ("Rolling", "Rolling Stone - Music, Film, TV and Political News", None),
        ("Deutsche Welle", "Deutsche Welle - Nachrichten und Analysen", "https://www.dw.com/de/"),
    ],
)
def test_a_brand_before_the_sites_separator_is_no_owner(byline: str, site: str, address: str | None) -> None:
    assert clean_names([byline], organisations=[site], hosts=site_hosts([address])) == []


def test_the_owner_is_matched_by_whole_words() -> None:
    # ``Mad`` opens ``Mady Morrison`` but is neither her name nor her given name
    site = ["Mady Morrison - Yoga Lifestyle"]
    assert clean_names(["Mad"], organisations=site, people=["Mad"]) == []
    assert clean_names(["Mady Morrison"], organisations=site, people=["Mady Morrison"]) == ["Mady Morrison"]


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
        ("SWR Aktuell", "https://www.swr.de/sport/x.html"),
        ("ORF Wien", "https://wien.orf.at/stories/3017954/"),
        ("EFC Bayrische Bembel", "http://bayrische-bembel.de/bbr/modules/news/article.php"),
    ],
)
def test_an_acronym_that_names_the_host_marks_the_sites_desk(byline: str, address: str) -> None:
    assert clean_names([byline], hosts=site_hosts([address])) == []


@pytest.mark.parametrize(
    ("byline", "address"),
    [
        ("Jan GROSSER", "https://www.jan-grosser.de/art/1.html"),
        ("Chokri GHARBI", "https://lapresse.tn/48915/"),
        ("MEG KINNARD", "https://apnews.com/x"),
    ],
)
def test_a_family_name_in_capitals_stays(byline: str, address: str) -> None:
    assert clean_names([byline], hosts=site_hosts([address])) == [byline]


def test_the_sites_name_with_its_own_address_is_not_an_author() -> None:
    hosts = site_hosts(["https://www.dw.com/en/a-52060881"])
    assert clean_names(["Deutsche Welle (www.dw.com)"], hosts=hosts) == []


def test_an_owner_with_the_address_of_the_site_named_after_him_stays() -> None:
    hosts = site_hosts(["https://www.heiko-adams.de/laufen/"])
    assert clean_names(["Heiko Adams (www.heiko-adams.de)"], hosts=hosts) == ["Heiko Adams"]


def test_a_post_at_the_outlet_is_no_second_writer() -> None:
    byline = "Autor: Samuel Diekmann, Redner bei rent-a-pastor.com"
    assert clean_names([byline], organisations=["rent-a-pastor.com"]) == ["Samuel Diekmann"]


@pytest.mark.parametrize(
    "byline",
    [
        "NDR Info",
        "Radio Bremen",
        "BBC Mundo",
        "Deutsche Welle",
        "ARD-Studio Brüssel",
        "TV2 Nyheder",
        "France 24",
        "Antena 3",
        "Yle Uutiset",
        "Redaktion",
        "Newsroom",
        "Staff",
        "Web Desk",
        "Nachrichtenredaktion",
        "Hauptstadtstudio",
        "Deutschlandfunk",
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
    ["Klaus Welle", "Fritz Haber", "Lukas Funk", "Dan Brown", "Ana Dan", "Jane Stafford", "Maria Radiowska"],
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
        ("NDR Info, Anna Roth", ["Anna Roth"]),
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
