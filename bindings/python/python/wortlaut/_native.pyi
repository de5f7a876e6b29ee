"""Type stubs of the native module (built from bindings/python/src/lib.rs)."""

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
        neutral_band: float | None,
        negativity: float | None,
        length_damping: float | None,
        max_bytes: int,
        threads: int | None,
    ) -> None: ...
    @property
    def max_bytes(self) -> int: ...
    def analyze(self, text: object, id: str | None = None) -> str: ...
    def analyze_many(
        self, docs: list[tuple[str | None, object]], threads: int | None = None
    ) -> list[str]: ...

def article_html(text: str, record: str) -> str: ...
def report_html(docs: list[tuple[str, str]], errors: list[tuple[str, str, str]]) -> str: ...
