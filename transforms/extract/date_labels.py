"""The words a page prints before its date line, by language: published, or only updated.

A date line the page labels as the publish time (``发布时间：``, ``Opublikowano:``, ``Yayın tarihi:``)
outranks an unlabelled date near the story; one labelled as the update time (``Обновлено``,
``Zaktualizowano``, ``Güncellendi``) ranks below it, as it is not when the story was published.
One entry per language; a label that ends in a colon only counts with it (``Data:``, ``तारीख:``),
as the bare word is common in a sentence.
"""

from __future__ import annotations

import re

PUBLISHED_LABELS = (
    "发布时间 發佈時間 发表时间 發表時間 发布日期 發布日期 时间: 時間: 日期: 发布于 发表于 發表於",  # Chinese
    "published posted date:",  # English
    "veröffentlicht datum:",  # German
    "opublikowano data_publikacji data: dodano:",  # Polish
    "опубликовано дата_публикации дата:",  # Russian
    "опубліковано дата_публікації дата:",  # Ukrainian
    "paskelbta publikuota data:",  # Lithuanian
    "publicēts publicēšanas_datums datums:",  # Latvian
    "avaldatud avaldamise_kuupäev kuupäev:",  # Estonian
    "تاریخ_انتشار منتشر_شده تاریخ:",  # Persian
    "प्रकाशित प्रकाशन_तिथि तारीख: दिनांक:",  # Hindi
    "yayınlanma yayımlanma yayın_tarihi tarih: eklenme",  # Turkish
)
UPDATED_LABELS = (
    "更新",  # Chinese (``最后更新``)
    "last_updated last_modified updated modified",  # English
    "aktualisiert",  # German
    "actualizado actualizada",  # Spanish
    "mis_à_jour",  # French
    "atualizado",  # Portuguese
    "aggiornato",  # Italian
    "zaktualizowano aktualizacja",  # Polish
    "обновлено обновлен обновлён изменено",  # Russian
    "оновлено змінено",  # Ukrainian
    "atnaujinta",  # Lithuanian
    "atjaunināts atjaunots",  # Latvian
    "uuendatud muudetud",  # Estonian
    "به‌روزرسانی بروزرسانی به_روز_شده",  # Persian
    "अपडेटेड अपडेट अद्यतन",  # Hindi
    "güncellendi güncellenme güncelleme",  # Turkish
)


def _alternation(table: tuple[str, ...]) -> str:
    """One alternation of the table's labels, longest first; ``_`` joins the words of a label, and a
    trailing colon also matches the full-width one."""
    labels = {word.replace("_", " ") for entry in table for word in entry.split()}
    return "|".join(
        re.escape(label.removesuffix(":")) + ("\\s*[:：]" if label.endswith(":") else "")
        for label in sorted(labels, key=len, reverse=True)
    )


DATE_LABEL = re.compile(_alternation(PUBLISHED_LABELS), re.IGNORECASE)
UPDATE_LABEL = re.compile(_alternation(UPDATED_LABELS), re.IGNORECASE)
