# Type stubs of the public API (the implementation is typed as well; see
# the modules for the docstrings).
from collections.abc import Iterable

from ._analysis import Analysis as Analysis
from ._analysis import DocumentError as DocumentError
from ._analysis import Evidence as Evidence
from ._analysis import Mention as Mention
from ._analysis import Polarity as Polarity
from ._analysis import Quote as Quote
from ._analysis import Record as Record
from ._analysis import Repair as Repair
from ._analysis import Sentence as Sentence
from ._analysis import Stance as Stance
from ._pipeline import Document as Document
from ._pipeline import Pipeline as Pipeline
from ._tables import TABLES as TABLES
from ._tables import tables as tables

__version__: str
__all__: list[str]

def report_html(analyses: Iterable[Analysis]) -> str:
    """The corpus report page for these analyses, as one HTML string."""
