//! What the normaliser changed, and why.

use wortlaut_text::{Norm, Orig, Span};

/// The kind of a [`Repair`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum RepairKind {
    /// Bytes that were not valid UTF-8, replaced by U+FFFD when decoding.
    InvalidUtf8,
    /// UTF-8 that had been decoded as Windows-1252 or Latin-1 ("PrÃ¤sident").
    Mojibake,
    /// Canonical composition (Unicode NFC).
    Composition,
    /// A quotation mark replaced by the canonical mark of its role.
    Quote,
    /// A quotation mark or accent used as an apostrophe.
    Apostrophe,
    /// A dash or hyphen variant.
    Dash,
    /// An exotic space (no-break, thin, ideographic …) or a tab.
    Space,
    /// An invisible character removed (soft hyphen, zero-width space, BOM,
    /// bidirectional marks).
    Invisible,
    /// A control character removed.
    Control,
    /// A line ending other than `\n` (`\r\n`, `\r`, U+2028, U+2029, U+0085).
    LineEnding,
    /// A space inserted where broken HTML extraction glued two words
    /// ("GiangAnalyst").
    GluedWords,
    /// A space inserted between a quotation mark and a word glued to it
    /// ("brechen“sagte").
    MissingSpace,
    /// A known name glued to the next word by broken extraction
    /// ("Putinunterzeichnete"): found by the gazetteer, flagged at the end
    /// of the name.
    GluedName,
    /// A line repeating an earlier one (headline, photo caption), or a cut-off
    /// copy of one; flagged, not removed unless configured.
    RepeatedLine,
    /// A navigation line of a web page ("PREV …", "NEXT …"), removed.
    NavigationLine,
    /// A lone tag or slug line ("toi-allgemeines"), removed.
    TagLine,
    /// A line of only dashes, bullets or rules, removed.
    SeparatorLine,
    /// The input was not UTF-8 and was decoded from Windows-1252 (flagged
    /// over the whole document by the reader that decoded it).
    #[cfg_attr(feature = "serde", serde(rename = "decoded_windows_1252"))]
    DecodedWindows1252,
    /// The input was decoded from ISO 8859-1 (Latin-1).
    #[cfg_attr(feature = "serde", serde(rename = "decoded_latin_1"))]
    DecodedLatin1,
    /// The input was decoded from UTF-16, little-endian.
    #[cfg_attr(feature = "serde", serde(rename = "decoded_utf_16le"))]
    DecodedUtf16Le,
    /// The input was decoded from UTF-16, big-endian.
    #[cfg_attr(feature = "serde", serde(rename = "decoded_utf_16be"))]
    DecodedUtf16Be,
}

impl RepairKind {
    /// The `snake_case` name used in serialised output.
    pub fn as_str(&self) -> &'static str {
        match self {
            RepairKind::InvalidUtf8 => "invalid_utf8",
            RepairKind::Mojibake => "mojibake",
            RepairKind::Composition => "composition",
            RepairKind::Quote => "quote",
            RepairKind::Apostrophe => "apostrophe",
            RepairKind::Dash => "dash",
            RepairKind::Space => "space",
            RepairKind::Invisible => "invisible",
            RepairKind::Control => "control",
            RepairKind::LineEnding => "line_ending",
            RepairKind::GluedWords => "glued_words",
            RepairKind::MissingSpace => "missing_space",
            RepairKind::GluedName => "glued_name",
            RepairKind::RepeatedLine => "repeated_line",
            RepairKind::NavigationLine => "navigation_line",
            RepairKind::TagLine => "tag_line",
            RepairKind::SeparatorLine => "separator_line",
            RepairKind::DecodedWindows1252 => "decoded_windows_1252",
            RepairKind::DecodedLatin1 => "decoded_latin_1",
            RepairKind::DecodedUtf16Le => "decoded_utf_16le",
            RepairKind::DecodedUtf16Be => "decoded_utf_16be",
        }
    }
}

impl core::fmt::Display for RepairKind {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One change the normaliser made (or, for repeated lines, flagged).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Repair {
    /// What was repaired.
    pub kind: RepairKind,
    /// Byte span of the original input that was changed (empty for an
    /// insertion). Serialised flat, as `start` and `end`.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub span: Span<Orig>,
    /// The text that replaced the span in the normalised text (empty when
    /// removed); `None` when the span was only flagged and left as it is.
    pub replacement: Option<String>,
}

impl Repair {
    /// A repair at `span` of the text a pass rewrote; the caller maps it to
    /// the original.
    pub(crate) fn new(kind: RepairKind, span: Span<Norm>, replacement: &str) -> Repair {
        Repair {
            kind,
            span: Span::new(span.start, span.end),
            replacement: Some(replacement.to_string()),
        }
    }

    pub(crate) fn flag(kind: RepairKind, span: Span<Norm>) -> Repair {
        Repair {
            kind,
            span: Span::new(span.start, span.end),
            replacement: None,
        }
    }
}
