"""Type stubs of the native module (built from bindings/python/src/lib.rs)."""

from typing import Any

__version__: str

class NativePipeline:
    def __init__(
        self,
        gazetteer: str | None,
        no_gazetteer: bool,
        lexicon: str | None,
        quotes: bool,
        sentiment: bool,
        normalized: bool,
        tokens: bool,
        sentences: bool,
        neutral_band: float | None,
        negativity: float | None,
        length_damping: float | None,
        max_bytes: int,
        threads: int | None,
        discovery: bool = True,
        quote_model: str | None = None,
    ) -> None: ...
    @property
    def max_bytes(self) -> int: ...
    def analyze(
        self, text: object, id: str | None = None, meta: str | None = None
    ) -> NativeRecord: ...
    def submit(
        self, docs: list[tuple[str | None, str | None, object]], threads: int | None = None
    ) -> Job: ...

class Job:
    def wait(self) -> list[NativeRecord]: ...

class NativeRecord:
    @staticmethod
    def failed(id: str | None, kind: str, message: str) -> NativeRecord: ...
    @staticmethod
    def from_json(json: str, text: str) -> NativeRecord: ...
    def json(self) -> str: ...
    def light_json(self) -> str: ...
    @property
    def error(self) -> tuple[str, str] | None: ...
    def evidence_words(self) -> list[str]: ...

def article_html(text: str, record: NativeRecord) -> str: ...
def report_html(docs: list[tuple[str, NativeRecord]]) -> str: ...
def table_columns(records: list[NativeRecord]) -> dict[str, dict[str, list[Any]]]: ...
