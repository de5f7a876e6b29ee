//! Writing analyses as JSON, JSON Lines or readable text.

use std::io::Write;

use clap::ValueEnum;
use serde::Serialize;
use wortlaut::{Analysis, OffsetUnit};

use crate::error::CliError;
use crate::input::DocError;

/// Output format.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    /// One JSON document: `{"offsets": …, "documents": [ … ]}`.
    Json,
    /// One JSON object per document and line.
    Jsonl,
    /// Readable text.
    Text,
    /// Quotes only, one JSON object per document and line, in the
    /// prediction format of the German Wikinews quotation dataset
    /// (`{"id", "quotes": [{"quote": [[s, e]], "speaker", "cue", "frame",
    /// "addressee", "type", "medium"}]}`, code-point offsets).
    WikinewsQuotes,
}

#[derive(Serialize)]
struct WikinewsDoc<'a> {
    id: &'a str,
    quotes: Vec<wortlaut::quote_eval::QuoteRecord>,
}

#[derive(Serialize)]
struct ErrorRecord<'a> {
    id: &'a str,
    /// The line of a JSON Lines record.
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    error: ErrorBody<'a>,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    kind: &'a str,
    message: &'a str,
}

pub struct Writer<W: Write> {
    out: W,
    format: Format,
    first: bool,
    /// Stance triples of every document so far (text format), for the
    /// corpus matrix at the end.
    stances: Vec<wortlaut::StanceRecord>,
}

impl<W: Write> Writer<W> {
    pub fn new(mut out: W, format: Format, unit: OffsetUnit) -> Result<Writer<W>, CliError> {
        if format == Format::Json {
            write!(out, "{{\"offsets\":\"{}\",\"documents\":[", unit.as_str())?;
        }
        Ok(Writer {
            out,
            format,
            first: true,
            stances: Vec::new(),
        })
    }

    fn sep(&mut self) -> Result<(), CliError> {
        if self.format == Format::Json {
            if !self.first {
                self.out.write_all(b",")?;
            }
            self.out.write_all(b"\n")?;
        }
        self.first = false;
        Ok(())
    }

    pub fn document(&mut self, text: &str, a: &Analysis) -> Result<(), CliError> {
        self.sep()?;
        match self.format {
            Format::Json | Format::Jsonl => {
                serde_json::to_writer(&mut self.out, a)?;
                if self.format == Format::Jsonl {
                    self.out.write_all(b"\n")?;
                }
            }
            Format::Text => self.text_document(text, a)?,
            Format::WikinewsQuotes => {
                let doc = WikinewsDoc {
                    id: a.id.as_deref().unwrap_or(""),
                    quotes: a.quotes.iter().map(Into::into).collect(),
                };
                serde_json::to_writer(&mut self.out, &doc)?;
                self.out.write_all(b"\n")?;
            }
        }
        Ok(())
    }

    pub fn error(&mut self, id: &str, e: &DocError) -> Result<(), CliError> {
        self.sep()?;
        let rec = ErrorRecord {
            id,
            line: e.line,
            error: ErrorBody {
                kind: e.kind,
                message: &e.message,
            },
        };
        match self.format {
            Format::Json | Format::Jsonl | Format::WikinewsQuotes => {
                serde_json::to_writer(&mut self.out, &rec)?;
                if self.format != Format::Json {
                    self.out.write_all(b"\n")?;
                }
            }
            Format::Text => writeln!(self.out, "== {id}\nERROR ({}): {}\n", e.kind, e.message)?,
        }
        Ok(())
    }

    fn text_document(&mut self, text: &str, a: &Analysis) -> Result<(), CliError> {
        // Slicing needs bytes: map unit offsets to byte offsets once.
        let starts: Vec<usize> = match a.offsets {
            OffsetUnit::Chars => text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect(),
            OffsetUnit::Bytes => Vec::new(),
        };
        let slice = |s: usize, e: usize| -> String {
            let (s, e) = match a.offsets {
                OffsetUnit::Chars => (
                    starts.get(s).copied().unwrap_or(text.len()),
                    starts.get(e).copied().unwrap_or(text.len()),
                ),
                OffsetUnit::Bytes => (s, e),
            };
            text.get(s..e).unwrap_or("").to_string()
        };
        let out = &mut self.out;
        writeln!(
            out,
            "== {}  ({} {}, {} sentences, {} tokens, {} mentions, {} quotes, {} repairs)",
            a.id.as_deref().unwrap_or("-"),
            a.length,
            a.offsets.as_str(),
            a.sentences.len(),
            a.tokens.len(),
            a.mentions.len(),
            a.quotes.len(),
            a.repairs.len()
        )?;
        if !a.repairs.is_empty() {
            writeln!(out, "repairs:")?;
            for r in &a.repairs {
                let orig = slice(r.span.start, r.span.end);
                let what = match &r.replacement {
                    None => "flagged".to_string(),
                    Some(s) if s.is_empty() => "removed".to_string(),
                    Some(s) => format!("→ {s:?}"),
                };
                writeln!(
                    out,
                    "  {:<16} {:>6}..{:<6} {:?} {}",
                    r.kind.as_str(),
                    r.span.start,
                    r.span.end,
                    shorten(&orig, 60),
                    what
                )?;
            }
        }
        if !a.mentions.is_empty() {
            writeln!(out, "mentions:")?;
            for m in &a.mentions {
                writeln!(
                    out,
                    "  {:<6} {:>6}..{:<6} {:<32} {}",
                    m.kind.as_str(),
                    m.span.start,
                    m.span.end,
                    shorten(&m.text, 32),
                    m.entity.as_deref().unwrap_or("-")
                )?;
            }
        }
        if !a.quotes.is_empty() {
            writeln!(out, "quotes:")?;
            for q in &a.quotes {
                let join = |v: &[wortlaut::Span]| {
                    v.iter()
                        .map(|s| slice(s.start, s.end))
                        .collect::<Vec<_>>()
                        .join(" … ")
                };
                writeln!(
                    out,
                    "  {:<20} {:<6} {}{}{}",
                    q.kind.as_str(),
                    q.medium.as_str(),
                    if q.nested { "(nested) " } else { "" },
                    q.polarity
                        .filter(|p| p.label != wortlaut::Label::Neutral)
                        .map(|p| format!("[{} {:+.2}] ", p.label.as_str(), p.score))
                        .unwrap_or_default(),
                    shorten(&q.text.replace('\n', "⏎"), 100)
                )?;
                let speaker = join(&q.speaker);
                writeln!(
                    out,
                    "  {:<27} speaker: {} [{}]  cue: {}",
                    "",
                    if speaker.is_empty() { "-" } else { &speaker },
                    q.speaker_entity.as_deref().unwrap_or("-"),
                    shorten(&join(&q.cue), 40)
                )?;
            }
        }
        if let Some(sent) = &a.sentiment {
            let d = sent.document;
            let (pos, neg) = sent.evidence.iter().fold((0, 0), |(p, n), e| {
                if e.weight > 0.0 {
                    (p + 1, n)
                } else {
                    (p, n + 1)
                }
            });
            writeln!(
                out,
                "sentiment: {} {:+.3} ({} positive, {} negative words)",
                d.label.as_str(),
                d.score,
                pos,
                neg
            )?;
        }
        if !a.stance.is_empty() {
            writeln!(out, "stance:")?;
            for st in &a.stance {
                let words: Vec<String> =
                    st.evidence.iter().map(|e| slice(e.start, e.end)).collect();
                writeln!(
                    out,
                    "  {:<24} → {:<24} {:<8} {:+.3}  {}",
                    st.holder,
                    st.target,
                    st.polarity.label.as_str(),
                    st.polarity.score,
                    shorten(&words.join(", "), 60)
                )?;
            }
            self.stances.extend(a.stance.iter().cloned());
        }
        let out = &mut self.out;
        writeln!(out, "sentences:")?;
        for (i, s) in a.sentences.iter().enumerate() {
            writeln!(
                out,
                "  {:>3} {:>6}..{:<6} {}",
                i + 1,
                s.start,
                s.end,
                shorten(&slice(s.start, s.end).replace('\n', "⏎"), 100)
            )?;
        }
        writeln!(out)?;
        Ok(())
    }

    pub fn flush(&mut self) -> Result<(), CliError> {
        self.out.flush()?;
        Ok(())
    }

    pub fn finish(mut self) -> Result<(), CliError> {
        if self.format == Format::Text && !self.stances.is_empty() {
            let out = &mut self.out;
            writeln!(
                out,
                "== stance matrix (all documents: holder → target, triples, +/−, mean)"
            )?;
            for c in wortlaut::stance_matrix(&self.stances) {
                writeln!(
                    out,
                    "  {:<30} → {:<30} {:>3}  +{} −{}  {:+.3} {}",
                    c.holder,
                    c.target,
                    c.count,
                    c.positive,
                    c.negative,
                    c.mean,
                    c.label.as_str()
                )?;
            }
        }
        if self.format == Format::Json {
            self.out.write_all(b"\n]}\n")?;
        }
        self.out.flush()?;
        Ok(())
    }
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}
