//! A self-contained HTML report of analysed documents: every article with
//! its entity mentions (by type), quotations (linked to their speaker,
//! coloured by polarity) and polar words marked, and a corpus page with the
//! most-quoted speakers (bar chart), the stance matrix (heat map), the same
//! quotation across documents and the most mentioned entities.
//!
//! The page loads nothing: no script at all, one inline style sheet allowed
//! by its hash in a strict Content-Security-Policy, charts drawn as inline
//! SVG. Article text is untrusted: everything that comes from the input is
//! escaped, and links are fragment links built from escaped ids.
//!
//! Marks carry `data-mention`, `data-quote` and `data-evidence` numbers (an
//! element may be split where spans cross; the distinct numbers count the
//! marks), so the page can be checked against the JSON output.
//!
//! ```
//! use wortlaut::Pipeline;
//! use wortlaut_corpus::{report, CorpusSummary};
//! let text = "Putin sagte: „Das ist <b>gut</b>.“";
//! let a = Pipeline::new().analyze(text).with_id("a");
//! let page = report::html(&[(text, &a)], &CorpusSummary::of(text, &a), &[]);
//! assert!(page.contains("&lt;b&gt;gut&lt;/b&gt;"));
//! assert!(!page.contains("<b>gut"));
//! ```

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use base64::Engine as _;
use sha2::Digest as _;

use wortlaut::{Analysis, CharIndex, Label, OffsetUnit, OrigSpan as Span};

use crate::CorpusSummary;

const STYLE: &str = r#"
:root { --ink: #1d1d1f; --muted: #5f6368; --line: #d9d9de; --bg: #ffffff; --panel: #f6f6f8;
  --per: #dbe9ff; --org: #ffe6c7; --gpe: #d9f2dc; --loc: #e6f4d0; --norp: #eadcff; --other: #eeeeee;
  --pos: #1a7f37; --neg: #c62828; --neu: #6b7280; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
header, main, footer { max-width: 72rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
a { color: #0b57d0; }
a:focus, mark:focus { outline: 3px solid #0b57d0; outline-offset: 2px; }
.muted { color: var(--muted); }
.legend { display: flex; flex-wrap: wrap; gap: .5rem; margin: .5rem 0 1rem; }
.legend span { padding: 0 .4rem; border-radius: .25rem; }
article { margin: 1rem 0 2rem; }
.text { white-space: pre-wrap; background: var(--panel); padding: 1rem 1.25rem; border-radius: .5rem; max-width: 60rem; }
mark { color: inherit; border-radius: .2rem; padding: 0 .08rem; }
mark.per { background: var(--per); } mark.org { background: var(--org); } mark.gpe { background: var(--gpe); }
mark.loc { background: var(--loc); } mark.norp { background: var(--norp); } mark.event, mark.misc { background: var(--other); }
.q { border-bottom: 2px solid var(--neu); }
.q.pos { border-bottom-color: var(--pos); } .q.neg { border-bottom-color: var(--neg); }
.q.nested { border-bottom-style: dotted; }
.e.pos { text-decoration: underline wavy var(--pos); } .e.neg { text-decoration: underline wavy var(--neg); }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { text-align: left; padding: .25rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.pos-t { color: var(--pos); } .neg-t { color: var(--neg); } .neu-t { color: var(--neu); }
svg text { font: 12px system-ui, sans-serif; fill: var(--ink); }
.scroll { overflow-x: auto; }
blockquote { margin: .25rem 0 .5rem; padding-left: .75rem; border-left: 3px solid var(--line); }
.who { font-size: .75em; font-weight: 600; background: #e8ecf8; border-radius: .2rem; padding: 0 .3rem; margin-right: .2rem; white-space: nowrap; text-decoration: none; }
.who.unknown { background: #f0f0f2; color: var(--muted); font-weight: 400; }
:target { outline: 3px solid #f0b400; outline-offset: 2px; }
"#;

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters (NUL, …) are invisible and invalid in
            // HTML: shown as the replacement character.
            c if c.is_control() && c != '\n' && c != '\t' && c != '\r' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A fragment id from an entity id: letters, digits, `_` and `-` only.
fn anchor(prefix: &str, id: &str) -> String {
    let clean: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{prefix}-{clean}")
}

fn polarity_class(label: Option<Label>) -> &'static str {
    match label {
        Some(Label::Positive) => "pos",
        Some(Label::Negative) => "neg",
        _ => "neu",
    }
}

/// The report page.
pub fn html(
    docs: &[(&str, &Analysis)],
    summary: &CorpusSummary,
    errors: &[(&str, &str, &str)],
) -> String {
    html_with_error_count(docs, summary, errors, errors.len())
}

/// The report page when only the first of `error_count` error records are
/// kept (a streaming caller keeps at most [`ERRORS_LISTED`]): `errors` are
/// listed, the rest counted.
pub fn html_with_error_count(
    docs: &[(&str, &Analysis)],
    summary: &CorpusSummary,
    errors: &[(&str, &str, &str)],
    error_count: usize,
) -> String {
    let error_count = error_count.max(errors.len());
    let hash =
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(STYLE.as_bytes()));
    let mut h =
        String::with_capacity(docs.iter().map(|(t, _)| t.len() * 3).sum::<usize>() + 16_384);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-{hash}'; img-src data:; base-uri 'none'; form-action 'none'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <title>wortlaut report: {} documents</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        summary.documents
    );
    let _ = write!(
        h,
        "<header><h1>wortlaut report</h1><p class=\"muted\">{} documents, {} entities, {} speakers, {} stance pairs, {} quotation clusters</p>\n\
         <nav aria-label=\"Contents\"><ul><li><a href=\"#corpus\">Corpus</a></li>",
        summary.documents,
        summary.entities.len(),
        summary.speakers.len(),
        summary.stance.len(),
        summary.quote_clusters.len()
    );
    if !summary.stance.is_empty() || summary.groups.is_some() || summary.timeline.is_some() {
        h.push_str("<li><a href=\"#stance\">Stance</a></li>");
    }
    if summary.groups.is_some() || summary.timeline.is_some() {
        h.push_str("<li><a href=\"#views\">Outlets and time</a></li>");
    }
    h.push_str("<li><a href=\"#articles\">Articles</a></li></ul></nav></header>\n<main>\n");
    // Where each document's article is, for the links from the lists.
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, (_, a)) in docs.iter().enumerate() {
        index.entry(a.id.as_deref().unwrap_or("")).or_insert(i);
    }
    let shown: HashSet<&str> = summary
        .speakers
        .iter()
        .take(SPEAKERS)
        .map(|sp| sp.entity.as_str())
        .collect();
    let at = Places { docs, index, shown };
    corpus_page(&mut h, summary, &at);
    if error_count > 0 {
        h.push_str("<section aria-labelledby=\"errors\"><h2 id=\"errors\">Documents that could not be analysed</h2><ul>");
        for (id, kind, msg) in errors.iter().take(ERRORS_LISTED) {
            let _ = write!(
                h,
                "<li><strong>{}</strong> ({}): {}</li>",
                escape(id),
                escape(kind),
                escape(msg)
            );
        }
        let listed = errors.len().min(ERRORS_LISTED);
        if error_count > listed {
            let _ = write!(
                h,
                "<li class=\"muted\">… {} more (see the error records)</li>",
                error_count - listed
            );
        }
        h.push_str("</ul></section>\n");
    }
    let _ = write!(
        h,
        "<section aria-labelledby=\"articles\"><h2 id=\"articles\">Articles</h2>\n<p class=\"muted\">{}</p>\n",
        if docs.len() < summary.documents {
            format!(
                "The first {} of {} documents are shown (--report-docs); the summary above covers all of them.",
                docs.len(),
                summary.documents
            )
        } else {
            format!("All {} documents.", docs.len())
        }
    );
    let mut toc = String::from("<nav aria-label=\"Articles\"><ul>");
    for (i, (_, a)) in docs.iter().enumerate() {
        let _ = write!(
            toc,
            "<li><a href=\"#doc-{i}\">{}</a></li>",
            escape(a.id.as_deref().unwrap_or("document"))
        );
    }
    toc.push_str("</ul></nav>\n");
    h.push_str(&toc);
    h.push_str("<div class=\"legend\" aria-label=\"Legend\">\
        <span class=\"legend-per\"><mark class=\"per\">person</mark></span><span><mark class=\"org\">organisation</mark></span>\
        <span><mark class=\"gpe\">state, city</mark></span><span><mark class=\"loc\">place</mark></span><span><mark class=\"norp\">nationality</mark></span>\
        <span class=\"q pos\">positive quotation</span><span class=\"q neg\">negative quotation</span><span class=\"q\">neutral quotation</span>\
        <span class=\"e pos\">positive word</span><span class=\"e neg\">negative word</span><span class=\"who\">speaker</span></div>\n");
    for (i, (text, a)) in docs.iter().enumerate() {
        article(&mut h, i, text, a, &at.shown);
    }
    h.push_str("</section>\n</main>\n<footer><p class=\"muted\">Made by wortlaut. Offsets and data: see the JSON output.</p></footer>\n</body>\n</html>\n");
    h
}

/// The style of [`article_view`]: the article rules of the report page,
/// scoped to the view's element so that a notebook's own page is untouched.
const ARTICLE_STYLE: &str = r#"
.wortlaut-view { font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1d1f;
  --per: #dbe9ff; --org: #ffe6c7; --gpe: #d9f2dc; --loc: #e6f4d0; --norp: #eadcff; --other: #eeeeee;
  --pos: #1a7f37; --neg: #c62828; --neu: #6b7280; }
.wortlaut-view h3 { font-size: 1.05rem; margin: .25rem 0; }
.wortlaut-view .muted { color: #5f6368; }
.wortlaut-view .text { white-space: pre-wrap; background: #f6f6f8; padding: .75rem 1rem; border-radius: .5rem; }
.wortlaut-view mark { color: inherit; border-radius: .2rem; padding: 0 .08rem; }
.wortlaut-view mark.per { background: var(--per); } .wortlaut-view mark.org { background: var(--org); }
.wortlaut-view mark.gpe { background: var(--gpe); } .wortlaut-view mark.loc { background: var(--loc); }
.wortlaut-view mark.norp { background: var(--norp); }
.wortlaut-view mark.event, .wortlaut-view mark.misc { background: var(--other); }
.wortlaut-view .q { border-bottom: 2px solid var(--neu); }
.wortlaut-view .q.pos { border-bottom-color: var(--pos); } .wortlaut-view .q.neg { border-bottom-color: var(--neg); }
.wortlaut-view .q.nested { border-bottom-style: dotted; }
.wortlaut-view .e.pos { text-decoration: underline wavy var(--pos); }
.wortlaut-view .e.neg { text-decoration: underline wavy var(--neg); }
.wortlaut-view .pos-t { color: var(--pos); } .wortlaut-view .neg-t { color: var(--neg); } .wortlaut-view .neu-t { color: var(--neu); }
.wortlaut-view table { border-collapse: collapse; margin: .5rem 0; }
.wortlaut-view th, .wortlaut-view td { text-align: left; padding: .2rem .5rem; border-bottom: 1px solid #d9d9de; }
"#;

/// The article view of one analysed document, as in the report (mentions
/// marked by type, quotations by polarity with their speaker, polar words,
/// the stance triples) with the report's escaping: an HTML fragment with
/// its own scoped style sheet, for a notebook cell (Python's
/// `Analysis._repr_html_`).
///
/// ```
/// use wortlaut::Pipeline;
/// let text = "Putin sagte: „Das ist <b>gut</b>.“";
/// let a = Pipeline::new().analyze(text);
/// let view = wortlaut_corpus::report::article_view(text, &a);
/// assert!(view.contains("&lt;b&gt;") && !view.contains("<b>"));
/// ```
pub fn article_view(text: &str, a: &Analysis) -> String {
    let mut h = String::with_capacity(text.len() * 3 + 4096);
    h.push_str("<div class=\"wortlaut-view\"><style>");
    h.push_str(ARTICLE_STYLE);
    h.push_str("</style>");
    // No speaker list on this view, so no speaker links.
    article(&mut h, 0, text, a, &HashSet::new());
    h.push_str("</div>");
    h
}

/// The articles on the page, to link from the lists to the place in them.
struct Places<'d> {
    docs: &'d [(&'d str, &'d Analysis)],
    /// Document id → article number (the first with that id).
    index: HashMap<&'d str, usize>,
    /// The speakers whose statements are listed (`#speaker-…` exists).
    shown: HashSet<&'d str>,
}

impl Places<'_> {
    /// The fragment of quotation `quote` of document `doc`, if its article
    /// is on the page.
    fn quote(&self, doc: &str, quote: usize) -> Option<String> {
        let &i = self.index.get(doc)?;
        let (_, a) = self.docs.get(i)?;
        (quote < a.quotes.len()).then(|| format!("#doc-{i}-q-{quote}"))
    }

    /// The fragment of the first stance triple `holder` → `target` of
    /// document `doc`, if its article is on the page.
    fn stance(&self, doc: &str, holder: &str, target: &str) -> Option<String> {
        let &i = self.index.get(doc)?;
        let (_, a) = self.docs.get(i)?;
        let k = a
            .stance
            .iter()
            .position(|s| s.holder == holder && s.target == target)?;
        Some(format!("#doc-{i}-s-{k}"))
    }
}

/// "1 statement", "2 statements".
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A link to `href` around `inner` (already escaped), or `inner` alone.
fn link(href: Option<String>, inner: &str) -> String {
    match href {
        Some(h) => format!("<a href=\"{}\">{inner}</a>", escape(&h)),
        None => inner.to_string(),
    }
}

/// Horizontal bars with labels: (label, value, link, tooltip).
fn bars(h: &mut String, id: &str, title: &str, rows: &[(String, usize, Option<String>, String)]) {
    let max = rows.iter().map(|r| r.1).max().unwrap_or(1).max(1);
    let row = 24;
    let height = rows.len() * row + 8;
    let _ = write!(
        h,
        "<figure><svg role=\"img\" aria-labelledby=\"{id}-t\" width=\"720\" height=\"{height}\" viewBox=\"0 0 720 {height}\"><title id=\"{id}-t\">{}</title>",
        escape(title)
    );
    for (k, (label, value, href, tip)) in rows.iter().enumerate() {
        let y = k * row + 4;
        let w = (*value as f64 / max as f64 * 420.0).round().max(2.0);
        let body = format!(
            "<text x=\"240\" y=\"{}\" text-anchor=\"end\">{}</text><rect x=\"250\" y=\"{y}\" width=\"{w}\" height=\"18\" fill=\"#5b7dd8\"><title>{}</title></rect><text x=\"{}\" y=\"{}\">{value}</text>",
            y + 14,
            escape(&short(label, 36)),
            escape(tip),
            250.0 + w + 6.0,
            y + 14,
        );
        match href {
            Some(href) => {
                let _ = write!(h, "<a href=\"{}\">{body}</a>", escape(href));
            }
            None => h.push_str(&body),
        }
    }
    h.push_str("</svg>");
}

/// Columns over time: (period, value, tooltip).
fn columns(h: &mut String, id: &str, title: &str, cols: &[(String, usize, String)]) {
    let max = cols.iter().map(|c| c.1).max().unwrap_or(1).max(1);
    let cw = (660 / cols.len().max(1)).clamp(6, 48);
    let width = cols.len() * cw + 60;
    let (plot, top) = (160usize, 16usize);
    let height = top + plot + 70;
    let _ = write!(
        h,
        "<figure class=\"scroll\"><svg role=\"img\" aria-labelledby=\"{id}-t\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\"><title id=\"{id}-t\">{}</title><text x=\"0\" y=\"12\">{max}</text><line x1=\"40\" y1=\"{}\" x2=\"{width}\" y2=\"{}\" stroke=\"#d9d9de\"></line>",
        escape(title),
        top + plot,
        top + plot
    );
    let every = (cols.len() / 24).max(1);
    for (k, (period, value, tip)) in cols.iter().enumerate() {
        let x = 40 + k * cw;
        let bh = (*value as f64 / max as f64 * plot as f64).round() as usize;
        let _ = write!(
            h,
            "<rect x=\"{x}\" y=\"{}\" width=\"{}\" height=\"{bh}\" fill=\"#5b7dd8\"><title>{}</title></rect>",
            top + plot - bh,
            cw.saturating_sub(2).max(1),
            escape(tip)
        );
        if k % every == 0 {
            let (tx, ty) = (x + cw / 2, top + plot + 8);
            let _ = write!(
                h,
                "<text x=\"{tx}\" y=\"{ty}\" transform=\"rotate(50 {tx} {ty})\">{}</text>",
                escape(period)
            );
        }
    }
    h.push_str("</svg>");
}

/// The top stance pairs of a slice, as a compact list.
fn slice_stance(s: &crate::Slice) -> String {
    let cells: Vec<String> = s
        .stance
        .iter()
        .take(4)
        .map(|c| {
            format!(
                "<span class=\"{}-t\">{} → {} ({}, {:+.2})</span>",
                polarity_class(Some(c.label)),
                escape(&c.holder_name),
                escape(&c.target_name),
                c.count,
                c.mean
            )
        })
        .collect();
    if cells.is_empty() {
        "—".to_string()
    } else {
        cells.join("<br>")
    }
}

fn slice_speakers(s: &crate::Slice, shown: &HashSet<&str>) -> String {
    let names: Vec<String> = s
        .speakers
        .iter()
        .take(5)
        .map(|sp| {
            let href = shown
                .contains(sp.entity.as_str())
                .then(|| format!("#{}", anchor("speaker", &sp.entity)));
            format!("{} {}", link(href, &escape(&sp.name)), sp.quotes)
        })
        .collect();
    if names.is_empty() {
        "—".to_string()
    } else {
        names.join(", ")
    }
}

/// The outlet and time views: charts and tables.
fn views_page(h: &mut String, s: &CorpusSummary, shown: &HashSet<&str>) {
    if s.groups.is_none() && s.timeline.is_none() {
        return;
    }
    h.push_str("<h3 id=\"views\">Outlets and time</h3>\n");
    if let Some(g) = &s.groups {
        let _ = write!(h, "<h4 id=\"groups\">By {}</h4>", escape(&g.field));
        let rows: Vec<(String, usize, Option<String>, String)> = g
            .groups
            .iter()
            .take(30)
            .enumerate()
            .map(|(k, sl)| {
                let name = sl.group.clone().unwrap_or_default();
                let tip = format!(
                    "{name}: {}, {}",
                    plural(sl.quotes, "statement", "statements"),
                    plural(sl.documents, "document", "documents")
                );
                (name, sl.quotes, Some(format!("#group-{k}")), tip)
            })
            .collect();
        bars(
            h,
            "groups-chart",
            &format!("Statements per {}", g.field),
            &rows,
        );
        let _ = writeln!(
            h,
            "<figcaption class=\"muted\">Statements per value of <code>{}</code>{}.</figcaption></figure>",
            escape(&g.field),
            if g.missing > 0 {
                format!("; {} without it", plural(g.missing, "document", "documents"))
            } else {
                String::new()
            }
        );
        let _ = write!(h, "<table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">documents</th><th scope=\"col\">statements</th><th scope=\"col\">most quoted</th><th scope=\"col\">stance</th></tr></thead><tbody>", escape(&g.field));
        for (k, sl) in g.groups.iter().take(30).enumerate() {
            let _ = write!(
                h,
                "<tr id=\"group-{k}\"><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
                escape(sl.group.as_deref().unwrap_or("")),
                sl.documents,
                sl.quotes,
                slice_speakers(sl, shown),
                slice_stance(sl)
            );
        }
        h.push_str("</tbody></table>\n");
        if g.groups.len() > 30 {
            let _ = write!(
                h,
                "<p class=\"muted\">… {} more values (see the JSON summary).</p>",
                g.groups.len() - 30
            );
        }
    }
    if let Some(t) = &s.timeline {
        let _ = write!(
            h,
            "<h4 id=\"timeline\">Over time ({} of {})</h4>",
            t.interval.as_str(),
            escape(&t.field)
        );
        let cols: Vec<(String, usize, String)> = t
            .periods
            .iter()
            .map(|sl| {
                let p = sl.period.clone().unwrap_or_default();
                let tip = format!(
                    "{p}: {}, {}",
                    plural(sl.quotes, "statement", "statements"),
                    plural(sl.documents, "document", "documents")
                );
                (p, sl.quotes, tip)
            })
            .collect();
        if !cols.is_empty() {
            columns(
                h,
                "time-chart",
                &format!("Statements per {}", t.interval.as_str()),
                &cols,
            );
            h.push_str(
                "<figcaption class=\"muted\">Statements per period.</figcaption></figure>\n",
            );
        }
        let _ = write!(
            h,
            "<p class=\"muted\">{} without <code>{}</code>, {} with a date that could not be read{}</p>",
            plural(t.missing, "document", "documents"),
            escape(&t.field),
            t.unparseable,
            if t.unparseable_examples.is_empty() {
                String::new()
            } else {
                format!(
                    ": {}",
                    t.unparseable_examples
                        .iter()
                        .map(|(d, v)| format!("{} ({})", escape(v), escape(d)))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        );
        h.push_str("<table><thead><tr><th scope=\"col\">period</th><th scope=\"col\">documents</th><th scope=\"col\">statements</th><th scope=\"col\">most quoted</th><th scope=\"col\">stance</th></tr></thead><tbody>");
        for sl in t.periods.iter().take(400) {
            let _ = write!(
                h,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
                escape(sl.period.as_deref().unwrap_or("")),
                sl.documents,
                sl.quotes,
                slice_speakers(sl, shown),
                slice_stance(sl)
            );
        }
        h.push_str("</tbody></table>\n");
        if !t.by_group.is_empty() {
            h.push_str("<details><summary>Per value and period</summary><table><thead><tr><th scope=\"col\">value</th><th scope=\"col\">period</th><th scope=\"col\">documents</th><th scope=\"col\">statements</th><th scope=\"col\">stance</th></tr></thead><tbody>");
            for sl in t.by_group.iter().take(600) {
                let _ = write!(
                    h,
                    "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                    escape(sl.group.as_deref().unwrap_or("")),
                    escape(sl.period.as_deref().unwrap_or("")),
                    sl.documents,
                    sl.quotes,
                    slice_stance(sl)
                );
            }
            h.push_str("</tbody></table></details>\n");
        }
    }
}

/// Error records the report lists (the rest are counted).
pub const ERRORS_LISTED: usize = 500;

/// Speakers whose statements are listed.
const SPEAKERS: usize = 25;

/// Most members of a quotation cluster listed, and most clusters.
const CLUSTER_MEMBERS: usize = 8;
const CLUSTERS: usize = 60;

fn corpus_page(h: &mut String, s: &CorpusSummary, at: &Places<'_>) {
    h.push_str("<section aria-labelledby=\"corpus\"><h2 id=\"corpus\">Corpus</h2>\n");
    // Most-quoted speakers: horizontal bars.
    h.push_str("<h3 id=\"speakers\">Most-quoted speakers</h3>\n");
    let top: Vec<_> = s.speakers.iter().take(15).collect();
    if top.is_empty() {
        h.push_str("<p class=\"muted\">No quotation with a resolved speaker.</p>\n");
    } else {
        let rows: Vec<(String, usize, Option<String>, String)> = top
            .iter()
            .map(|sp| {
                (
                    sp.name.clone(),
                    sp.quotes,
                    Some(format!("#{}", anchor("speaker", &sp.entity))),
                    format!(
                        "{}: {}",
                        sp.name,
                        plural(sp.quotes, "statement", "statements")
                    ),
                )
            })
            .collect();
        bars(h, "speakers-chart", "Statements per speaker", &rows);
        h.push_str("<figcaption class=\"muted\">Statements (quotations not nested in another one) per resolved speaker.</figcaption></figure>\n");
        h.push_str("<h3>Who said what</h3>\n");
        for sp in s.speakers.iter().take(SPEAKERS) {
            let _ = write!(
                h,
                "<details id=\"{}\"><summary><strong>{}</strong> <span class=\"muted\">{}{}</span> — {} in {}</summary>",
                anchor("speaker", &sp.entity),
                escape(&sp.name),
                escape(&sp.entity),
                sp.qid.as_deref().map_or(String::new(), |q| format!(", {}", escape(q))),
                plural(sp.quotes, "statement", "statements"),
                plural(sp.documents, "document", "documents")
            );
            for q in sp.said.iter().take(12) {
                let cls = polarity_class(q.polarity);
                let _ = write!(
                    h,
                    "<blockquote><span class=\"{cls}-t\">{}</span> · {} · {}<br>{}</blockquote>",
                    q.polarity.map_or("—", |p| p.as_str()),
                    escape(&q.kind),
                    link(
                        at.quote(&q.document, q.quote),
                        &format!("<span class=\"muted\">{}</span>", escape(&q.document))
                    ),
                    escape(&short(&q.text, 400))
                );
            }
            if sp.said.len() > 12 {
                let _ = write!(h, "<p class=\"muted\">… {} more</p>", sp.said.len() - 12);
            }
            h.push_str("</details>\n");
        }
    }
    // Stance matrix: heat map of holders × targets.
    h.push_str("<h3 id=\"stance\">Stance matrix</h3>\n");
    if s.stance.is_empty() {
        h.push_str("<p class=\"muted\">No stance triples.</p>\n");
    } else {
        let mut holders: Vec<(&str, &str)> = Vec::new();
        let mut targets: Vec<(&str, &str)> = Vec::new();
        for c in &s.stance {
            if !holders.iter().any(|x| x.0 == c.holder) && holders.len() < 20 {
                holders.push((&c.holder, &c.holder_name));
            }
            if !targets.iter().any(|x| x.0 == c.target) && targets.len() < 20 {
                targets.push((&c.target, &c.target_name));
            }
        }
        let (cw, ch, left, topm) = (44usize, 26usize, 240usize, 150usize);
        let width = left + targets.len() * cw + 130;
        let height = topm + holders.len() * ch + 10;
        let _ = write!(
            h,
            "<figure class=\"scroll\"><svg role=\"img\" aria-labelledby=\"stance-t\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\"><title id=\"stance-t\">Stance of holders (rows) toward targets (columns): green positive, red negative, number of triples</title>"
        );
        for (j, (_, t)) in targets.iter().enumerate() {
            let x = left + j * cw + cw / 2;
            let _ = write!(
                h,
                "<text x=\"{x}\" y=\"{}\" transform=\"rotate(-50 {x} {})\">{}</text>",
                topm - 6,
                topm - 6,
                escape(&short(t, 24))
            );
        }
        for (i, (hid, hname)) in holders.iter().enumerate() {
            let y = topm + i * ch;
            let _ = write!(
                h,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
                left - 6,
                y + 17,
                escape(&short(hname, 34))
            );
            for (j, (tid, tname)) in targets.iter().enumerate() {
                let x = left + j * cw;
                if let Some(c) = s
                    .stance
                    .iter()
                    .find(|c| c.holder == *hid && c.target == *tid)
                {
                    let _ = write!(
                        h,
                        "<rect x=\"{x}\" y=\"{y}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{} → {}: {} triples, {} positive, {} negative, mean {:+.2}; e.g. {}</title></rect><text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                        cw - 2,
                        ch - 2,
                        heat(c.mean),
                        escape(hname),
                        escape(tname),
                        c.count,
                        c.positive,
                        c.negative,
                        c.mean,
                        escape(&c.example),
                        x + cw / 2 - 1,
                        y + 17,
                        c.count
                    );
                } else {
                    let _ = write!(h, "<rect x=\"{x}\" y=\"{y}\" width=\"{}\" height=\"{}\" fill=\"#f3f3f5\"></rect>", cw - 2, ch - 2);
                }
            }
        }
        h.push_str("</svg><figcaption class=\"muted\">Rows: who holds the stance; columns: whom it concerns; colour: mean polarity; number: triples.</figcaption></figure>\n");
        h.push_str("<table><caption class=\"muted\">Stance pairs (the example links to its place)</caption><thead><tr><th scope=\"col\">holder</th><th scope=\"col\">target</th><th scope=\"col\">triples</th><th scope=\"col\">+</th><th scope=\"col\">−</th><th scope=\"col\">mean</th><th scope=\"col\">example</th></tr></thead><tbody>");
        for c in s.stance.iter().take(60) {
            let example = if c.example.is_empty() {
                escape(&c.example_document)
            } else {
                format!(
                    "{} <span class=\"muted\">{}</span>",
                    escape(&c.example),
                    escape(&c.example_document)
                )
            };
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num {}-t\">{:+.2}</td><td>{}</td></tr>",
                escape(&c.holder_name),
                escape(&c.target_name),
                c.count,
                c.positive,
                c.negative,
                polarity_class(Some(c.label)),
                c.mean,
                link(at.stance(&c.example_document, &c.holder, &c.target), &example)
            );
        }
        h.push_str("</tbody></table>\n");
    }
    views_page(h, s, &at.shown);
    // Clusters.
    h.push_str("<h3 id=\"clusters\">The same quotation in several documents</h3>\n");
    if s.quote_clusters.is_empty() {
        h.push_str("<p class=\"muted\">None found.</p>\n");
    }
    let names: HashMap<&str, &str> = s
        .speakers
        .iter()
        .map(|sp| (sp.entity.as_str(), sp.name.as_str()))
        .collect();
    for (k, c) in s.quote_clusters.iter().take(CLUSTERS).enumerate() {
        let speakers: Vec<&str> = c
            .speakers
            .iter()
            .map(|id| names.get(id.as_str()).copied().unwrap_or(id))
            .collect();
        let _ = write!(
            h,
            "<div class=\"cluster\" data-cluster=\"{k}\"><p><strong>Cluster {}</strong> — {}, similarity {:.2}, speakers: {}</p><ul>",
            k + 1,
            plural(c.members.len(), "quotation", "quotations"),
            c.similarity,
            if speakers.is_empty() { "—".to_string() } else { escape(&speakers.join(", ")) }
        );
        for m in c.members.iter().take(CLUSTER_MEMBERS) {
            let _ = write!(
                h,
                "<li>{}: {}</li>",
                link(
                    at.quote(&m.document, m.quote),
                    &format!("<span class=\"muted\">{}</span>", escape(&m.document))
                ),
                escape(&short(&m.text, 300))
            );
        }
        if c.members.len() > CLUSTER_MEMBERS {
            let _ = write!(
                h,
                "<li class=\"muted\">… {} more</li>",
                c.members.len() - CLUSTER_MEMBERS
            );
        }
        h.push_str("</ul></div>\n");
    }
    if s.quote_clusters.len() > CLUSTERS {
        let _ = write!(
            h,
            "<p class=\"muted\">… {} more clusters (see the JSON summary).</p>",
            s.quote_clusters.len() - CLUSTERS
        );
    }
    // Entities.
    h.push_str("<h3 id=\"entities\">Most mentioned entities</h3>\n<table><thead><tr><th scope=\"col\">entity</th><th scope=\"col\">type</th><th scope=\"col\">mentions</th><th scope=\"col\">documents</th><th scope=\"col\">forms</th></tr></thead><tbody>");
    for e in s.entities.iter().take(30) {
        let forms: Vec<String> = e
            .forms
            .iter()
            .take(5)
            .map(|(f, n)| format!("{f} ({n})"))
            .collect();
        let _ = write!(
            h,
            "<tr><td>{} <span class=\"muted\">{}{}</span></td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            escape(&e.name),
            escape(&e.entity),
            e.qid.as_deref().map_or(String::new(), |q| format!(", {}", escape(q))),
            escape(&e.kind),
            e.mentions,
            e.documents,
            escape(&forms.join(", "))
        );
    }
    h.push_str("</tbody></table>\n</section>\n");
}

/// A fill colour for a mean polarity in [-1, 1]: red, grey, green.
fn heat(mean: f32) -> String {
    let m = mean.clamp(-1.0, 1.0);
    let (r, g, b) = if m >= 0.0 {
        (243.0 - 200.0 * m, 243.0 - 60.0 * m, 245.0 - 180.0 * m)
    } else {
        let m = -m;
        (243.0 - 20.0 * m, 243.0 - 190.0 * m, 245.0 - 190.0 * m)
    };
    format!("#{:02x}{:02x}{:02x}", r as u8, g as u8, b as u8)
}

fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// The label before quotation `k` of article `i`: its speaker (linked to
/// the speaker's statements when resolved), with the quotation's anchor.
fn who_label(h: &mut String, i: usize, k: usize, q: &wortlaut::QuoteRecord, shown: &HashSet<&str>) {
    let id = format!("doc-{i}-q-{k}");
    if q.nested {
        // A quoted fragment inside a statement: the statement's label says
        // who.
        let _ = write!(h, "<span id=\"{id}\"></span>");
        return;
    }
    match (&q.speaker_entity, &q.speaker_name) {
        (Some(e), name) if shown.contains(e.as_str()) => {
            let _ = write!(
                h,
                "<a class=\"who\" id=\"{id}\" href=\"#{}\" title=\"speaker: {}\">{}</a>",
                anchor("speaker", e),
                escape(&q.speaker_text),
                escape(name.as_deref().unwrap_or(e))
            );
        }
        (Some(e), name) => {
            let _ = write!(
                h,
                "<span class=\"who\" id=\"{id}\" title=\"speaker: {}\">{}</span>",
                escape(&q.speaker_text),
                escape(name.as_deref().unwrap_or(e))
            );
        }
        (None, _) if !q.speaker_text.is_empty() => {
            let _ = write!(
                h,
                "<span class=\"who\" id=\"{id}\" title=\"speaker as written; no entity\">{}</span>",
                escape(&short(&q.speaker_text, 40))
            );
        }
        _ => {
            let _ = write!(
                h,
                "<span class=\"who unknown\" id=\"{id}\" title=\"speaker not named\">?</span>"
            );
        }
    }
}

/// One kind of mark on the text.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Layer {
    Quote,
    Mention,
    Evidence,
}

struct Mark {
    layer: Layer,
    id: usize,
    span: Span,
    /// Class, title and link of the opening tag.
    open: String,
    close: &'static str,
}

fn article(h: &mut String, i: usize, text: &str, a: &Analysis, shown: &HashSet<&str>) {
    // Byte offsets of the text, whatever unit the analysis uses.
    let bytes = (a.offsets == OffsetUnit::Chars).then(|| CharIndex::new(text));
    let to_byte = |p: usize| -> usize {
        let b = match &bytes {
            Some(bytes) => bytes.byte_of(p),
            None => p.min(text.len()),
        };
        // Only char boundaries: a span is never split inside a character.
        (b..=text.len())
            .find(|&k| text.is_char_boundary(k))
            .unwrap_or(text.len())
    };
    let mut marks: Vec<Mark> = Vec::new();
    // Where each quotation starts (its first span): the speaker's label
    // and the quotation's anchor go there.
    let mut starts: Vec<(usize, usize)> = Vec::new();
    for (k, q) in a.quotes.iter().enumerate() {
        let cls = polarity_class(q.polarity.map(|p| p.label));
        let who = q
            .speaker_name
            .as_deref()
            .or((!q.speaker_text.is_empty()).then_some(q.speaker_text.as_str()))
            .unwrap_or("speaker unknown");
        if let Some(first) = q.quote.first() {
            starts.push((to_byte(first.start), k));
        }
        for s in &q.quote {
            marks.push(Mark {
                layer: Layer::Quote,
                id: k,
                span: Span::new(to_byte(s.start), to_byte(s.end)),
                open: format!(
                    "<span class=\"q {cls}{}\" data-quote=\"{k}\" title=\"{} quotation by {}; polarity {}\">",
                    if q.nested { " nested" } else { "" },
                    escape(q.kind.as_str()),
                    escape(who),
                    q.polarity.map_or("—", |p| p.label.as_str())
                ),
                close: "</span>",
            });
        }
    }
    starts.sort_unstable();
    for (k, m) in a.mentions.iter().enumerate() {
        let ty = m.kind.as_str().to_ascii_lowercase();
        let entity = m.entity.as_deref().unwrap_or("ambiguous");
        let title = match (&m.name, &m.qid) {
            (Some(n), Some(q)) => format!("{n} ({entity}, {q})"),
            (Some(n), None) => format!("{n} ({entity})"),
            _ => entity.to_string(),
        };
        let quoted = shown.contains(entity);
        let open = if quoted {
            format!(
                "<a href=\"#{}\"><mark class=\"{}\" data-mention=\"{k}\" title=\"{} {}\">",
                anchor("speaker", entity),
                escape(&ty),
                escape(m.kind.as_str()),
                escape(&title)
            )
        } else {
            format!(
                "<mark class=\"{}\" data-mention=\"{k}\" title=\"{} {}\">",
                escape(&ty),
                escape(m.kind.as_str()),
                escape(&title)
            )
        };
        marks.push(Mark {
            layer: Layer::Mention,
            id: k,
            span: Span::new(to_byte(m.span.start), to_byte(m.span.end)),
            open,
            close: if quoted { "</mark></a>" } else { "</mark>" },
        });
    }
    if let Some(s) = &a.sentiment {
        for (k, e) in s.evidence.iter().enumerate() {
            let cls = if e.weight > 0.0 { "pos" } else { "neg" };
            marks.push(Mark {
                layer: Layer::Evidence,
                id: k,
                span: Span::new(to_byte(e.span.start), to_byte(e.span.end)),
                open: format!(
                    "<span class=\"e {cls}\" data-evidence=\"{k}\" title=\"weight {:+.2}{}{}\">",
                    e.weight,
                    if e.negated { ", negated" } else { "" },
                    if e.shifted { ", shifted" } else { "" }
                ),
                close: "</span>",
            });
        }
    }
    marks.retain(|m| m.span.start < m.span.end);
    let doc_label = a.id.as_deref().unwrap_or("document");
    let pol = a.sentiment.as_ref().map(|s| s.document);
    let _ = write!(
        h,
        "<article id=\"doc-{i}\" aria-labelledby=\"doc-{i}-h\"><h3 id=\"doc-{i}-h\">{}</h3><p class=\"muted\">{} mentions · {} quotations · {} stance triples · polarity <span class=\"{}-t\">{}</span></p>",
        escape(doc_label),
        a.mentions.len(),
        a.quotes.len(),
        a.stance.len(),
        polarity_class(pol.map(|p| p.label)),
        pol.map_or("—".to_string(), |p| format!("{} {:+.2}", p.label.as_str(), p.score))
    );
    if let Some(meta) = a.meta.as_ref().filter(|m| !m.is_empty()) {
        let fields: Vec<String> = meta
            .iter()
            .take(12)
            .map(|(k, v)| {
                let v = match v {
                    serde_json::Value::String(s) => s.clone(),
                    v => v.to_string(),
                };
                format!(
                    "<span class=\"muted\">{}:</span> {}",
                    escape(k),
                    escape(&short(&v, 120))
                )
            })
            .collect();
        let _ = write!(h, "<p class=\"meta\">{}</p>", fields.join(" · "));
    }
    // Segment the text at every boundary; in each segment open the active
    // marks outermost first and close them all, so the markup nests
    // whatever the spans do.
    let mut cuts: Vec<usize> = marks
        .iter()
        .flat_map(|m| [m.span.start, m.span.end])
        .collect();
    cuts.extend(starts.iter().map(|&(b, _)| b));
    cuts.push(0);
    cuts.push(text.len());
    cuts.sort_unstable();
    cuts.dedup();
    let mut order: Vec<usize> = (0..marks.len()).collect();
    order.sort_by_key(|&k| {
        (
            marks[k].span.start,
            marks[k].layer,
            std::cmp::Reverse(marks[k].span.end),
            marks[k].id,
        )
    });
    let mut active: Vec<usize> = Vec::new();
    let mut next = 0;
    let mut next_start = 0;
    h.push_str("<div class=\"text\">");
    for w in cuts.windows(2) {
        let (a0, b0) = (w[0], w[1]);
        // The speaker of every quotation that starts here, outside every
        // mark, with the quotation's anchor.
        while next_start < starts.len() && starts[next_start].0 <= a0 {
            let k = starts[next_start].1;
            next_start += 1;
            who_label(h, i, k, &a.quotes[k], shown);
        }
        active.retain(|&k| marks[k].span.end > a0);
        while next < order.len() && marks[order[next]].span.start <= a0 {
            if marks[order[next]].span.end > a0 {
                active.push(order[next]);
            }
            next += 1;
        }
        active.sort_by_key(|&k| {
            (
                marks[k].layer,
                marks[k].span.start,
                std::cmp::Reverse(marks[k].span.end),
                marks[k].id,
            )
        });
        for &k in &active {
            h.push_str(&marks[k].open);
        }
        h.push_str(&escape(text.get(a0..b0).unwrap_or("")));
        for &k in active.iter().rev() {
            h.push_str(marks[k].close);
        }
    }
    h.push_str("</div>");
    if !a.stance.is_empty() {
        h.push_str("<table><caption class=\"muted\">Stance triples</caption><thead><tr><th scope=\"col\">holder</th><th scope=\"col\">target</th><th scope=\"col\">polarity</th><th scope=\"col\">from</th></tr></thead><tbody>");
        for (k, st) in a.stance.iter().enumerate() {
            let from = match st.quote.filter(|&q| q < a.quotes.len()) {
                Some(q) => format!("<a href=\"#doc-{i}-q-{q}\">quotation {}</a>", q + 1),
                None => "evaluative clause".to_string(),
            };
            let _ = write!(
                h,
                "<tr id=\"doc-{i}-s-{k}\"><td>{}</td><td>{}</td><td class=\"{}-t\">{} {:+.2}</td><td>{from}</td></tr>",
                escape(st.holder_name.as_deref().unwrap_or(&st.holder)),
                escape(st.target_name.as_deref().unwrap_or(&st.target)),
                polarity_class(Some(st.polarity.label)),
                st.polarity.label.as_str(),
                st.polarity.score
            );
        }
        h.push_str("</tbody></table>");
    }
    h.push_str("</article>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use wortlaut::Pipeline;

    #[test]
    fn hostile_text_is_escaped() {
        let text = "<script>alert(1)</script> \"><img src=x onerror=alert(2)> <a href=\"javascript:alert(3)\">x</a> </style><style>body{display:none}</style> Putin sagte: „Das ist gut.“";
        let a = Pipeline::new()
            .analyze(text)
            .with_id("<img src=x onerror=alert(4)>");
        let page = html(
            &[(text, &a)],
            &CorpusSummary::of(text, &a),
            &[("<b>bad</b>", "bad_json", "<i>x</i>")],
        );
        for bad in [
            "<script",
            "<img",
            "<a href=\"javascript",
            "</style><style>",
            "<b>bad",
            "<i>x",
        ] {
            assert!(!page.contains(bad), "{bad} in page");
        }
        assert_eq!(page.matches("<style>").count(), 1);
        assert!(page.contains("default-src 'none'"));
    }

    #[test]
    fn marks_nest_and_count() {
        let text = "Kim versprach Russland „volle Unterstützung“, sagte Putin.";
        let a = Pipeline::new().analyze(text);
        let page = html(&[(text, &a)], &CorpusSummary::of(text, &a), &[]);
        let opens = page.matches("<span").count() + page.matches("<mark").count();
        let closes = page.matches("</span>").count() + page.matches("</mark>").count();
        assert_eq!(opens, closes);
        for k in 0..a.mentions.len() {
            assert!(page.contains(&format!("data-mention=\"{k}\"")));
        }
    }
}
