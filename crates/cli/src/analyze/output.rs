//! Writing analyses as JSON, JSON Lines or readable text.

use std::io::Write;

use clap::ValueEnum;
use serde::Serialize;
use wortlaut::{Analysis, OffsetUnit};
use wortlaut_corpus::{CorpusBuilder, CorpusSummary};

use super::input::DocError;
use super::tables::Tables;
use crate::error::CliError;

/// Output format.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    /// One JSON document: `{"offsets": …, "documents": [ … ]}`.
    Json,
    /// One JSON object per document and line.
    Jsonl,
    /// Readable text.
    Text,
    /// One self-contained HTML page: every article with its mentions,
    /// quotations and polarity marked, and the corpus summary (written at
    /// the end; the documents are kept in memory until then).
    Html,
    /// Quotes only, one JSON object per document and line, in the
    /// prediction format of the German Wikinews quotation dataset
    /// (`{"id", "quotes": [{"quote": [[s, e]], "speaker", "cue", "frame",
    /// "addressee", "type", "medium"}]}`, code-point offsets).
    WikinewsQuotes,
    /// No records on stdout (`--tables` without `--format`).
    #[value(skip)]
    Nothing,
}

#[derive(Serialize)]
struct WikinewsDoc<'a> {
    id: &'a str,
    quotes: Vec<wortlaut_eval::wikinews::WikinewsQuote>,
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
    /// The corpus summary so far (text, JSON and HTML formats).
    corpus: Option<CorpusBuilder>,
    /// Documents kept for the HTML report (it is written at the end).
    kept: Vec<(String, Analysis)>,
    /// Error records kept for the HTML report: (id, kind, message), at
    /// most the number it lists.
    errors: Vec<(String, String, String)>,
    /// Error records seen in all (the report counts those not kept).
    error_count: usize,
    /// The CSV tables (`--tables DIR`).
    tables: Option<Tables>,
    /// Most articles kept for the HTML report.
    report_docs: usize,
}

impl<W: Write> Writer<W> {
    pub fn new(
        mut out: W,
        format: Format,
        unit: OffsetUnit,
        tables: Option<Tables>,
        views: wortlaut_corpus::Views,
    ) -> Result<Writer<W>, CliError> {
        if format == Format::Json {
            write!(out, "{{\"offsets\":\"{}\",\"documents\":[", unit.as_str())?;
        }
        Ok(Writer {
            out,
            format,
            first: true,
            corpus: matches!(format, Format::Text | Format::Json | Format::Html)
                .then(|| CorpusBuilder::with_views(views)),
            kept: Vec::new(),
            errors: Vec::new(),
            error_count: 0,
            tables,
            report_docs: usize::MAX,
        })
    }

    /// Keeps at most `n` articles for the HTML report (the summary still
    /// covers every document).
    pub fn report_docs(mut self, n: usize) -> Writer<W> {
        self.report_docs = n;
        self
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
        if let Some(t) = &mut self.tables {
            t.document(text, a)?;
        }
        if self.format == Format::Nothing {
            return Ok(());
        }
        if let Some(c) = &mut self.corpus {
            c.add(text, a);
        }
        if self.format == Format::Html {
            if self.kept.len() < self.report_docs {
                self.kept.push((text.to_string(), a.clone()));
            }
            return Ok(());
        }
        self.sep()?;
        match self.format {
            Format::Json | Format::Jsonl => {
                serde_json::to_writer(&mut self.out, a)?;
                if self.format == Format::Jsonl {
                    self.out.write_all(b"\n")?;
                }
            }
            Format::Text => self.text_document(text, a)?,
            Format::Html | Format::Nothing => {}
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
        if let Some(t) = &mut self.tables {
            t.error(id, e)?;
        }
        if self.format == Format::Nothing {
            return Ok(());
        }
        if self.format == Format::Html {
            self.error_count += 1;
            if self.errors.len() < wortlaut_corpus::report::ERRORS_LISTED {
                self.errors
                    .push((id.to_string(), e.kind.to_string(), e.message.clone()));
            }
            return Ok(());
        }
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
            Format::Html | Format::Nothing => {}
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
        let mut counts = vec![format!("{} {}", a.length, a.offsets.as_str())];
        if a.include.sentences {
            counts.push(count(a.sentences.len(), "sentence", "sentences"));
        }
        if a.include.tokens {
            counts.push(count(a.tokens.len(), "token", "tokens"));
        }
        counts.push(count(a.mentions.len(), "mention", "mentions"));
        counts.push(count(a.quotes.len(), "quote", "quotes"));
        counts.push(count(a.repairs.len(), "repair", "repairs"));
        writeln!(
            out,
            "== {}  ({})",
            a.id.as_deref().unwrap_or("-"),
            counts.join(", ")
        )?;
        if let Some(meta) = &a.meta {
            let fields: Vec<String> = meta
                .iter()
                .map(|(k, v)| match v {
                    serde_json::Value::String(s) => format!("{k}: {s}"),
                    v => format!("{k}: {v}"),
                })
                .collect();
            writeln!(out, "meta: {}", shorten(&fields.join(", "), 150))?;
        }
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
                    entity_label(m.entity.as_deref(), m.name.as_deref(), m.qid.as_deref())
                )?;
            }
        }
        if !a.quotes.is_empty() {
            writeln!(out, "quotes:")?;
            for q in &a.quotes {
                let join = |v: &[wortlaut::OrigSpan]| {
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
                    if speaker.is_empty() {
                        "(not named)"
                    } else {
                        &speaker
                    },
                    match q.speaker_entity {
                        Some(_) => entity_label(
                            q.speaker_entity.as_deref(),
                            q.speaker_name.as_deref(),
                            q.speaker_qid.as_deref()
                        ),
                        None => "no entity".to_string(),
                    },
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
                    st.holder_name.as_deref().unwrap_or(&st.holder),
                    st.target_name.as_deref().unwrap_or(&st.target),
                    st.polarity.label.as_str(),
                    st.polarity.score,
                    shorten(&words.join(", "), 60)
                )?;
            }
        }
        let summary = CorpusSummary::of(text, a);
        if !summary.entities.is_empty() || !summary.speakers.is_empty() {
            writeln!(out, "summary:")?;
            let top: Vec<String> = summary
                .entities
                .iter()
                .take(8)
                .map(|e| format!("{} {}", e.name, e.mentions))
                .collect();
            writeln!(out, "  most mentioned: {}", top.join(", "))?;
            let quoted: Vec<String> = summary
                .speakers
                .iter()
                .take(8)
                .map(|s| format!("{} {}", s.name, s.quotes))
                .collect();
            if !quoted.is_empty() {
                writeln!(out, "  most quoted:    {}", quoted.join(", "))?;
            }
        }
        let out = &mut self.out;
        if a.include.sentences {
            writeln!(out, "sentences:")?;
        }
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
        if let Some(t) = self.tables.take() {
            t.finish()?;
        }
        let summary = self.corpus.take().map(CorpusBuilder::finish);
        match (self.format, &summary) {
            (Format::Text, Some(s)) if s.documents > 0 => write_summary(&mut self.out, s)?,
            (Format::Json, Some(s)) => {
                self.out.write_all(b"\n],\"summary\":")?;
                serde_json::to_writer(&mut self.out, s)?;
                self.out.write_all(b"}\n")?;
            }
            (Format::Html, Some(s)) => {
                let docs: Vec<(&str, &Analysis)> =
                    self.kept.iter().map(|(t, a)| (t.as_str(), a)).collect();
                let errors: Vec<(&str, &str, &str)> = self
                    .errors
                    .iter()
                    .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
                    .collect();
                self.out.write_all(
                    wortlaut_corpus::report::html_with_error_count(
                        &docs,
                        s,
                        &errors,
                        self.error_count,
                    )
                    .as_bytes(),
                )?;
            }
            _ => {}
        }
        self.out.flush()?;
        Ok(())
    }
}

/// The corpus summary as readable tables.
fn write_summary(out: &mut impl Write, s: &CorpusSummary) -> Result<(), CliError> {
    writeln!(
        out,
        "== corpus summary ({})",
        count(s.documents, "document", "documents")
    )?;
    let names: std::collections::HashMap<&str, &str> = s
        .speakers
        .iter()
        .map(|sp| (sp.entity.as_str(), sp.name.as_str()))
        .collect();
    writeln!(out, "entities, by mentions:")?;
    writeln!(
        out,
        "  {:>8} {:>5}  {:<5} {:<30} forms",
        "mentions", "docs", "type", "entity (name)"
    )?;
    for e in s.entities.iter().take(25) {
        let forms: Vec<String> = e
            .forms
            .iter()
            .take(4)
            .map(|(f, n)| format!("{f} ({n})"))
            .collect();
        writeln!(
            out,
            "  {:>8} {:>5}  {:<5} {:<30} {}",
            e.mentions,
            e.documents,
            e.kind,
            shorten(&e.name, 30),
            shorten(&forms.join(", "), 70)
        )?;
    }
    if s.entities.len() > 25 {
        writeln!(out, "  … {} more entities", s.entities.len() - 25)?;
    }
    writeln!(
        out,
        "who is quoted (statements; nested quoted phrases not counted):"
    )?;
    writeln!(
        out,
        "  {:>6} {:>5}  {:<30} types",
        "quotes", "docs", "speaker"
    )?;
    for sp in &s.speakers {
        let types: Vec<String> = sp.by_type.iter().map(|(k, n)| format!("{k} {n}")).collect();
        writeln!(
            out,
            "  {:>6} {:>5}  {:<30} {}",
            sp.quotes,
            sp.documents,
            shorten(&sp.name, 30),
            types.join(", ")
        )?;
    }
    writeln!(out, "who said what:")?;
    for sp in s.speakers.iter().take(10) {
        writeln!(out, "  {}:", sp.name)?;
        for q in sp.said.iter().take(5) {
            writeln!(
                out,
                "    {:<20} {:<8} {}",
                q.kind,
                q.polarity.map_or("", |p| p.as_str()),
                shorten(&q.text.replace('\n', " "), 90)
            )?;
        }
        // `said` keeps the first statements; `quotes` counts them all.
        if sp.quotes > 5 {
            writeln!(out, "    … {} more", sp.quotes - 5)?;
        }
    }
    if !s.stance.is_empty() {
        writeln!(
            out,
            "stance matrix (holder → target: triples, +/−, mean, example):"
        )?;
        for c in &s.stance {
            writeln!(
                out,
                "  {:<30} → {:<30} {:>3}  +{} −{}  {:+.3} {:<8} {}",
                shorten(&c.holder_name, 30),
                shorten(&c.target_name, 30),
                c.count,
                c.positive,
                c.negative,
                c.mean,
                c.label.as_str(),
                shorten(&c.example, 40)
            )?;
        }
    }
    if let Some(g) = &s.groups {
        write_groups(out, g)?;
    }
    if let Some(t) = &s.timeline {
        write_timeline(out, t)?;
    }
    if s.quotes_not_clustered > 0 {
        writeln!(
            out,
            "{} quotations after the first {} were not clustered (bounded memory)",
            s.quotes_not_clustered,
            wortlaut_corpus::MAX_CLUSTERED
        )?;
    }
    if !s.quote_clusters.is_empty() {
        writeln!(out, "the same quotation in several documents:")?;
        for (k, c) in s.quote_clusters.iter().enumerate() {
            writeln!(
                out,
                "  cluster {} — {} quotations, similarity {:.2}, speakers: {}",
                k + 1,
                c.members.len(),
                c.similarity,
                if c.speakers.is_empty() {
                    "-".to_string()
                } else {
                    c.speakers
                        .iter()
                        .map(|id| names.get(id.as_str()).copied().unwrap_or(id))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            )?;
            for m in &c.members {
                writeln!(
                    out,
                    "    {} #{:<3} {}",
                    m.document,
                    m.quote,
                    shorten(&m.text.replace('\n', " "), 90)
                )?;
            }
        }
    }
    Ok(())
}

/// The top speakers and stance pairs of one slice, one line each.
fn write_slice(
    out: &mut impl Write,
    indent: &str,
    sl: &wortlaut_corpus::Slice,
) -> Result<(), CliError> {
    let speakers: Vec<String> = sl
        .speakers
        .iter()
        .take(5)
        .map(|sp| format!("{} {}", sp.name, sp.quotes))
        .collect();
    if !speakers.is_empty() {
        writeln!(
            out,
            "{indent}speakers: {}",
            shorten(&speakers.join(", "), 110)
        )?;
    }
    for c in sl.stance.iter().take(5) {
        writeln!(
            out,
            "{indent}{:<28} → {:<28} {:>3}  +{} −{}  {:+.3} {}",
            shorten(&c.holder_name, 28),
            shorten(&c.target_name, 28),
            c.count,
            c.positive,
            c.negative,
            c.mean,
            c.label.as_str()
        )?;
    }
    Ok(())
}

/// The summary per value of the --group-by field.
fn write_groups(out: &mut impl Write, g: &wortlaut_corpus::GroupView) -> Result<(), CliError> {
    writeln!(
        out,
        "by {} ({} groups{}):",
        g.field,
        g.groups.len(),
        if g.missing > 0 {
            format!(
                ", {} without the field",
                count(g.missing, "document", "documents")
            )
        } else {
            String::new()
        }
    )?;
    for sl in &g.groups {
        writeln!(
            out,
            "  {}: {}, {}, {}",
            sl.group.as_deref().unwrap_or("-"),
            count(sl.documents, "document", "documents"),
            count(sl.quotes, "statement", "statements"),
            count(sl.mentions, "mention", "mentions")
        )?;
        write_slice(out, "    ", sl)?;
    }
    Ok(())
}

/// The summary per period of the --time-field.
fn write_timeline(out: &mut impl Write, t: &wortlaut_corpus::TimeView) -> Result<(), CliError> {
    writeln!(
        out,
        "over time ({} of {}; {} without it, {} unreadable):",
        t.interval.as_str(),
        t.field,
        t.missing,
        t.unparseable
    )?;
    for (id, v) in &t.unparseable_examples {
        writeln!(out, "  unreadable date {v:?} in {id}")?;
    }
    for sl in &t.periods {
        writeln!(
            out,
            "  {}: {}, {}",
            sl.period.as_deref().unwrap_or("-"),
            count(sl.documents, "document", "documents"),
            count(sl.quotes, "statement", "statements")
        )?;
        write_slice(out, "    ", sl)?;
    }
    if !t.by_group.is_empty() {
        writeln!(out, "over time per group:")?;
        for sl in &t.by_group {
            writeln!(
                out,
                "  {} {}: {}, {}",
                sl.group.as_deref().unwrap_or("-"),
                sl.period.as_deref().unwrap_or("-"),
                count(sl.documents, "document", "documents"),
                count(sl.quotes, "statement", "statements")
            )?;
            write_slice(out, "    ", sl)?;
        }
    }
    Ok(())
}

/// "1 quote", "2 quotes".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// An entity as text output shows it: "Wladimir Putin (vladimir_putin,
/// Q7747)", or "-" without one.
fn entity_label(id: Option<&str>, name: Option<&str>, qid: Option<&str>) -> String {
    let Some(id) = id else {
        return "-".to_string();
    };
    match (name, qid) {
        (Some(n), Some(q)) => format!("{n} ({id}, {q})"),
        (Some(n), None) => format!("{n} ({id})"),
        _ => id.to_string(),
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
