"""Article extraction: a pure function from a decoded page to an article or a reason."""

from transforms.extract.core import extract
from transforms.extract.model import Article, Extraction, NotArticle, Page

__all__ = ["Article", "Extraction", "NotArticle", "Page", "extract"]
