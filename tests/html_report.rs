//! The HTML report in a real browser: headless Chromium renders the report
//! of the seeds (screenshot) and its DOM is checked against the analyses;
//! a report of hostile text must contain no element or script the report
//! did not create.
//!
//! Needs Debian's `chromium` (`.ci/run` installs it). Without it the test is
//! skipped, unless `WORTLAUT_REQUIRE_CHROMIUM` is set (as in CI).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use wortlaut::{Analysis, OffsetUnit, Pipeline};
use wortlaut_corpus::report;
use wortlaut_corpus::CorpusBuilder;

fn chromium() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("WORTLAUT_CHROMIUM").map(PathBuf::from),
        Some(PathBuf::from("/usr/bin/chromium")),
        Some(PathBuf::from("/usr/bin/chromium-browser")),
    ];
    let found = candidates.into_iter().flatten().find(|p| p.exists());
    if found.is_none() && std::env::var_os("WORTLAUT_REQUIRE_CHROMIUM").is_some() {
        panic!("chromium not found: install Debian's chromium or set WORTLAUT_CHROMIUM");
    }
    found
}

/// Runs headless Chromium on a file with extra arguments; returns stdout.
fn run_chromium(bin: &Path, dir: &Path, page: &Path, extra: &[String]) -> String {
    let profile = dir.join("profile");
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let start = Instant::now();
    let mut out = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut out, &mut s).ok();
        s
    });
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium did not finish in 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("wortlaut-html-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Distinct values of `attr="N"` in a DOM dump.
fn distinct(dom: &str, attr: &str) -> usize {
    let pat = format!("{attr}=\"");
    let mut set = BTreeSet::new();
    let mut rest = dom;
    while let Some(i) = rest.find(&pat) {
        rest = &rest[i + pat.len()..];
        let end = rest.find('"').unwrap_or(0);
        set.insert(rest[..end].to_string());
    }
    set.len()
}

/// Every tag name that opens an element in a DOM dump.
fn tags(dom: &str) -> BTreeSet<String> {
    let mut set = BTreeSet::new();
    let b = dom.as_bytes();
    for (i, _) in dom.match_indices('<') {
        let name: String = b[i + 1..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|&c| (c as char).to_ascii_lowercase())
            .collect();
        if !name.is_empty() {
            set.insert(name);
        }
    }
    set
}

fn page(docs: &[(String, Analysis)], errors: &[(&str, &str, &str)]) -> String {
    let mut c = CorpusBuilder::new();
    for (t, a) in docs {
        c.add(t, a);
    }
    let refs: Vec<(&str, &Analysis)> = docs.iter().map(|(t, a)| (t.as_str(), a)).collect();
    report::html(&refs, &c.finish(), errors)
}

/// One article per page, so that distinct mark numbers belong to it.
#[test]
fn seeds_report_renders_and_matches_the_analyses() {
    let Some(bin) = chromium() else {
        eprintln!("chromium not found; skipping the browser test");
        return;
    };
    let dir = temp_dir("seeds");
    let p = Pipeline::new();
    let seeds = wortlaut_suite::seeds().unwrap();
    let docs: Vec<(String, Analysis)> = seeds
        .iter()
        .map(|(stem, t)| {
            (
                t.clone(),
                p.analyze(t)
                    .with_id(stem.clone())
                    .into_unit(t, OffsetUnit::Chars),
            )
        })
        .collect();
    // The whole corpus: a screenshot, and the DOM has every article.
    let all = dir.join("report.html");
    std::fs::write(&all, page(&docs, &[])).unwrap();
    let shot = dir.join("report.png");
    run_chromium(
        &bin,
        &dir,
        &all,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,1600".into(),
        ],
    );
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(
        png.len() > 10_000 && png.starts_with(b"\x89PNG"),
        "screenshot of {} bytes",
        png.len()
    );
    let dom = run_chromium(&bin, &dir, &all, &["--dump-dom".into()]);
    assert_eq!(dom.matches("<article").count(), docs.len());
    // Each article alone: the marks equal the analysis.
    for (text, a) in &docs {
        let one = dir.join("one.html");
        std::fs::write(&one, page(&[(text.clone(), a.clone())], &[])).unwrap();
        let dom = run_chromium(&bin, &dir, &one, &["--dump-dom".into()]);
        let id = a.id.as_deref().unwrap();
        assert_eq!(
            distinct(&dom, "data-mention"),
            a.mentions.len(),
            "{id}: mentions"
        );
        assert_eq!(distinct(&dom, "data-quote"), a.quotes.len(), "{id}: quotes");
        let evidence = a.sentiment.as_ref().map_or(0, |s| s.evidence.len());
        assert_eq!(distinct(&dom, "data-evidence"), evidence, "{id}: evidence");
        // The text is all there, in order.
        assert!(dom.contains("<div class=\"text\">"));
    }
}

#[test]
fn hostile_text_creates_no_element() {
    let Some(bin) = chromium() else {
        eprintln!("chromium not found; skipping the browser test");
        return;
    };
    let dir = temp_dir("hostile");
    let hostile = [
        "<script>document.title='pwned'</script>Putin sagte: „<script>alert(1)</script>“",
        "\"><img src=x onerror=\"document.title='pwned'\"> Kim lobte Putin.",
        "<a href=\"javascript:alert(1)\">klick</a> und <iframe src=\"https://example.com\"></iframe>",
        "</style><style>body{display:none}</style><link rel=stylesheet href=https://example.com/x.css>",
        "</div></article><svg onload=alert(1)><foreignObject><body onload=alert(1)>",
        "<!-- Kommentar --><![CDATA[x]]><meta http-equiv=refresh content=0;url=https://example.com>",
        "Normaler Text: Wladimir Putin kritisierte die USA scharf.\u{0}\u{1b}[31m",
    ];
    let p = Pipeline::new();
    let docs: Vec<(String, Analysis)> = hostile
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let id = format!("<img src=x onerror=alert({i})>");
            (
                t.to_string(),
                p.analyze(t).with_id(id).into_unit(t, OffsetUnit::Chars),
            )
        })
        .collect();
    let html = page(
        &docs,
        &[(
            "<script>x</script>",
            "bad_json",
            "<img src=x onerror=alert(9)>",
        )],
    );
    let file = dir.join("hostile.html");
    std::fs::write(&file, &html).unwrap();
    let dom = run_chromium(&bin, &dir, &file, &["--dump-dom".into()]);
    assert!(dom.contains("<article"), "page did not render");
    let allowed: BTreeSet<&str> = [
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "header",
        "h1",
        "h2",
        "h3",
        "p",
        "nav",
        "ul",
        "li",
        "a",
        "main",
        "section",
        "figure",
        "svg",
        "rect",
        "text",
        "figcaption",
        "details",
        "summary",
        "strong",
        "blockquote",
        "span",
        "br",
        "div",
        "table",
        "caption",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "article",
        "mark",
        "footer",
    ]
    .into_iter()
    .collect();
    for t in tags(&dom) {
        assert!(
            allowed.contains(t.as_str()),
            "unexpected element <{t}> in the rendered page"
        );
    }
    assert_eq!(dom.matches("<style").count(), 1);
    // The hostile scripts would set the document title.
    let title = dom
        .split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next())
        .unwrap_or("");
    assert!(
        title.starts_with("wortlaut report"),
        "title changed: {title}"
    );
    let allowed_attrs = [
        "lang",
        "charset",
        "http-equiv",
        "content",
        "name",
        "class",
        "id",
        "href",
        "title",
        "role",
        "aria-label",
        "aria-labelledby",
        "width",
        "height",
        "viewbox",
        "x",
        "y",
        "fill",
        "text-anchor",
        "transform",
        "scope",
        "data-mention",
        "data-quote",
        "data-evidence",
        "data-cluster",
    ];
    let attrs = attributes(&dom);
    assert!(
        attrs.iter().filter(|(_, n, _)| n == "data-mention").count() >= 3,
        "marks parsed"
    );
    for (tag, name, value) in attrs {
        assert!(
            allowed_attrs.contains(&name.as_str()),
            "<{tag} {name}=…> in the rendered page"
        );
        if name == "href" {
            assert!(value.starts_with('#'), "link leaves the page: {value}");
        }
        if name == "http-equiv" {
            assert_eq!(value, "Content-Security-Policy");
        }
    }
}

/// (tag, attribute name, value) of every element of a serialised DOM: the
/// serialiser escapes `<` in text and `"` in values, so tags and quoted
/// values can be read off directly.
fn attributes(dom: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let b = dom.as_bytes();
    let mut i = 0;
    while let Some(off) = dom[i..].find('<') {
        i += off + 1;
        let tag: String = b[i..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|&c| (c as char).to_ascii_lowercase())
            .collect();
        if tag.is_empty() {
            continue;
        }
        i += tag.len();
        loop {
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' || b[i] == b'/' {
                break;
            }
            let start = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'>' {
                i += 1;
            }
            let name = dom[start..i].to_ascii_lowercase();
            let mut value = String::new();
            if i < b.len() && b[i] == b'=' {
                i += 1;
                if i < b.len() && b[i] == b'"' {
                    let end = dom[i + 1..].find('"').map_or(b.len(), |e| i + 1 + e);
                    value = dom[i + 1..end].to_string();
                    i = end + 1;
                }
            }
            out.push((tag.clone(), name, value));
        }
    }
    out
}

/// A corpus of 10,000 short documents with an outlet and a date, the first
/// 200 rendered (the CLI's `--report-docs` default).
fn large_corpus() -> (String, Vec<(String, Analysis)>, usize) {
    let p = Pipeline::new();
    let outlets = ["taz", "FAZ", "Süddeutsche", "Spiegel"];
    let mut corpus = CorpusBuilder::with_views(wortlaut_corpus::Views {
        group_by: Some("outlet".into()),
        time: Some(("date".into(), wortlaut_corpus::Interval::Month)),
    });
    let mut shown = Vec::new();
    let n = 10_000;
    for i in 0..n {
        let text = format!(
            "„Die Lage {i} ist ernst“, sagte Wladimir Putin am Montag in Moskau. \
             Washington kritisierte Russland scharf. Der Sprecher Carl Thayer{} erklärte, \
             man werde die Gespräche {} fortsetzen.",
            if i % 3 == 0 { "" } else { " Junior" },
            i % 97
        );
        let meta = serde_json::json!({
            "outlet": outlets[i % outlets.len()],
            "date": if i % 500 == 7 { "unbekannt".to_string() } else { format!("2024-{:02}-{:02}", 1 + i % 12, 1 + i % 28) },
        });
        let serde_json::Value::Object(meta) = meta else {
            unreachable!()
        };
        let a = p
            .analyze(&text)
            .with_id(format!("doc-{i}"))
            .with_meta(Some(meta))
            .into_unit(&text, OffsetUnit::Chars);
        corpus.add(&text, &a);
        if shown.len() < 200 {
            shown.push((text, a));
        }
    }
    let summary = corpus.finish();
    let refs: Vec<(&str, &Analysis)> = shown.iter().map(|(t, a)| (t.as_str(), a)).collect();
    (report::html(&refs, &summary, &[]), shown, n)
}

#[test]
fn report_of_ten_thousand_documents_is_small_and_its_links_land() {
    let (html, shown, n) = large_corpus();
    eprintln!("report of {n} documents: {} bytes", html.len());
    assert!(html.len() < 10_000_000, "{} bytes", html.len());
    assert_eq!(html.matches("<article").count(), shown.len());
    assert!(html.contains(&format!("The first 200 of {n} documents are shown")));
    // The summary covers all documents, by outlet and month.
    assert!(html.contains("id=\"groups-chart-t\"") && html.contains("id=\"time-chart-t\""));
    assert!(html.contains("Wladimir Putin"));
    let Some(bin) = chromium() else {
        eprintln!("chromium not found; skipping the browser part");
        return;
    };
    let dir = temp_dir("large");
    let file = dir.join("large.html");
    std::fs::write(&file, &html).unwrap();
    let dom = run_chromium(&bin, &dir, &file, &["--dump-dom".into()]);
    assert_eq!(dom.matches("<article").count(), shown.len());
    // Every link from the lists lands on an element of the page.
    let ids: BTreeSet<String> = attributes(&dom)
        .into_iter()
        .filter(|(_, name, _)| name == "id")
        .map(|(_, _, v)| v)
        .collect();
    let mut links = 0;
    for (_, name, value) in attributes(&dom) {
        if name == "href" {
            let target = value.strip_prefix('#').expect("fragment link");
            assert!(ids.contains(target), "link to #{target} lands nowhere");
            links += 1;
        }
    }
    assert!(links > 1000, "{links} links");
    // The speaker at each statement, with the quotation's anchor.
    for (i, (_, a)) in shown.iter().enumerate() {
        for (k, q) in a.quotes.iter().enumerate() {
            assert!(ids.contains(&format!("doc-{i}-q-{k}")), "doc {i} quote {k}");
            if !q.nested && q.speaker_name.is_some() {
                let label = format!("id=\"doc-{i}-q-{k}\"");
                let at = dom.find(&label).unwrap();
                let tag = &dom[dom[..at].rfind('<').unwrap()..];
                let shown_name = q.speaker_name.as_deref().unwrap();
                assert!(
                    tag.contains("class=\"who\"")
                        && tag[..tag.find("</").unwrap()].ends_with(shown_name),
                    "doc {i} quote {k}: {}",
                    &tag[..tag.len().min(200)]
                );
            }
        }
        for k in 0..a.stance.len() {
            assert!(ids.contains(&format!("doc-{i}-s-{k}")));
        }
    }
}
