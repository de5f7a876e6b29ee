//! The outlet and time views of a corpus: the summary's speakers, stance
//! and quotations per value of a metadata field (`--group-by outlet`) and
//! per day, ISO week or month of a date field (`--time-field date
//! --interval month`), and per value and period when both are asked for.
//!
//! Dates are ISO 8601 (`2024-06-20`, `2024-06-20T10:15:00Z`, `20240620`):
//! the calendar date as written is used, any time and offset after it are
//! ignored. A date that cannot be read is counted and its documents listed
//! (the first ten), never an error. Sums run in input order, in `f64`, so
//! the same input gives the same figures.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use wortlaut::{Analysis, Label};

/// Calendar periods of the time view.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Interval {
    /// `2024-06-20`.
    Day,
    /// ISO week, `2024-W25`.
    Week,
    /// `2024-06`.
    Month,
}

impl Interval {
    /// `"day"`, `"week"` or `"month"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Interval::Day => "day",
            Interval::Week => "week",
            Interval::Month => "month",
        }
    }
}

/// Which views a [`crate::CorpusBuilder`] computes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Views {
    /// Group by this metadata field.
    pub group_by: Option<String>,
    /// Count over time by this metadata field and interval.
    pub time: Option<(String, Interval)>,
}

/// One speaker within a slice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SliceSpeaker {
    /// Entity id.
    pub entity: String,
    /// Display name.
    pub name: String,
    /// Statements (not nested quotations).
    pub quotes: usize,
}

/// One stance pair within a slice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SliceStance {
    /// Holder entity id.
    pub holder: String,
    /// Display name of the holder.
    pub holder_name: String,
    /// Target entity id.
    pub target: String,
    /// Display name of the target.
    pub target_name: String,
    /// Triples.
    pub count: usize,
    /// Positive triples.
    pub positive: usize,
    /// Negative triples.
    pub negative: usize,
    /// Mean polarity score.
    pub mean: f32,
    /// Label of the mean.
    pub label: Label,
}

/// The counts of one group, period, or group and period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Slice {
    /// The field's value (`group`), the period (`period`), or both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The period (`2024-06`, `2024-W25`, `2024-06-20`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// Documents.
    pub documents: usize,
    /// Statements (quotations not nested in another one).
    pub quotes: usize,
    /// Entity mentions.
    pub mentions: usize,
    /// Speakers by statements, most first.
    pub speakers: Vec<SliceSpeaker>,
    /// Stance pairs by triples, most first.
    pub stance: Vec<SliceStance>,
}

/// The grouped view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupView {
    /// The metadata field.
    pub field: String,
    /// Documents without the field (or with `null`).
    pub missing: usize,
    /// One slice per value, most documents first (then by value).
    pub groups: Vec<Slice>,
}

/// The time view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimeView {
    /// The metadata field.
    pub field: String,
    /// The interval.
    pub interval: Interval,
    /// Documents without the field (or with `null`).
    pub missing: usize,
    /// Documents whose date could not be read.
    pub unparseable: usize,
    /// The first ten of them: document id and the value as given.
    pub unparseable_examples: Vec<(String, String)>,
    /// One slice per period, in calendar order.
    pub periods: Vec<Slice>,
    /// With a group field too: one slice per value and period, by value,
    /// then in calendar order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by_group: Vec<Slice>,
}

#[derive(Default)]
struct Acc {
    documents: usize,
    quotes: usize,
    mentions: usize,
    speakers: BTreeMap<String, usize>,
    /// (holder, target) → count, positive, negative, sum.
    stance: BTreeMap<(String, String), (usize, usize, usize, f64)>,
}

impl Acc {
    fn add(&mut self, a: &Analysis) {
        self.documents += 1;
        self.mentions += a.mentions.len();
        for q in a.quotes.iter().filter(|q| !q.nested) {
            self.quotes += 1;
            if let Some(sp) = &q.speaker_entity {
                *self.speakers.entry(sp.clone()).or_default() += 1;
            }
        }
        for s in &a.stance {
            let c = self
                .stance
                .entry((s.holder.clone(), s.target.clone()))
                .or_default();
            c.0 += 1;
            match s.polarity.label {
                Label::Positive => c.1 += 1,
                Label::Negative => c.2 += 1,
                Label::Neutral => {}
            }
            c.3 += f64::from(s.polarity.score);
        }
    }

    fn slice(
        self,
        group: Option<String>,
        period: Option<String>,
        name: &dyn Fn(&str) -> String,
    ) -> Slice {
        let mut speakers: Vec<SliceSpeaker> = self
            .speakers
            .into_iter()
            .map(|(entity, quotes)| SliceSpeaker {
                name: name(&entity),
                entity,
                quotes,
            })
            .collect();
        speakers.sort_by(|a, b| {
            b.quotes
                .cmp(&a.quotes)
                .then_with(|| a.entity.cmp(&b.entity))
        });
        let mut stance: Vec<SliceStance> = self
            .stance
            .into_iter()
            .map(|((holder, target), (count, positive, negative, sum))| {
                let mean = (sum / count.max(1) as f64) as f32;
                SliceStance {
                    holder_name: name(&holder),
                    target_name: name(&target),
                    holder,
                    target,
                    count,
                    positive,
                    negative,
                    mean,
                    label: label_of(mean),
                }
            })
            .collect();
        stance.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| a.holder.cmp(&b.holder))
                .then_with(|| a.target.cmp(&b.target))
        });
        Slice {
            group,
            period,
            documents: self.documents,
            quotes: self.quotes,
            mentions: self.mentions,
            speakers,
            stance,
        }
    }
}

fn label_of(mean: f32) -> Label {
    if mean > wortlaut::sentiment::NEUTRAL_BAND {
        Label::Positive
    } else if mean < -wortlaut::sentiment::NEUTRAL_BAND {
        Label::Negative
    } else {
        Label::Neutral
    }
}

/// Accumulates the views one document at a time.
#[derive(Default)]
pub(crate) struct ViewsBuilder {
    views: Views,
    group_missing: usize,
    groups: BTreeMap<String, Acc>,
    time_missing: usize,
    unparseable: usize,
    unparseable_examples: Vec<(String, String)>,
    periods: BTreeMap<String, Acc>,
    cross: BTreeMap<(String, String), Acc>,
}

/// A metadata value as text: a string as it is, anything else as its JSON;
/// `None` for a missing field or `null`.
fn value_text(a: &Analysis, field: &str) -> Option<String> {
    match a.meta.as_ref()?.get(field)? {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s.clone()),
        v => Some(v.to_string()),
    }
}

impl ViewsBuilder {
    pub(crate) fn new(views: Views) -> ViewsBuilder {
        ViewsBuilder {
            views,
            ..ViewsBuilder::default()
        }
    }

    pub(crate) fn add(&mut self, doc: &str, a: &Analysis) {
        let group = match &self.views.group_by {
            Some(f) => {
                let g = value_text(a, f);
                match &g {
                    Some(g) => self.groups.entry(g.clone()).or_default().add(a),
                    None => self.group_missing += 1,
                }
                g
            }
            None => None,
        };
        let Some((field, interval)) = &self.views.time else {
            return;
        };
        let Some(value) = value_text(a, field) else {
            self.time_missing += 1;
            return;
        };
        let Some(period) = period_of(&value, *interval) else {
            self.unparseable += 1;
            if self.unparseable_examples.len() < 10 {
                self.unparseable_examples.push((doc.to_string(), value));
            }
            return;
        };
        if let Some(g) = group {
            self.cross.entry((g, period.clone())).or_default().add(a);
        }
        self.periods.entry(period).or_default().add(a);
    }

    pub(crate) fn finish(
        self,
        name: &dyn Fn(&str) -> String,
    ) -> (Option<GroupView>, Option<TimeView>) {
        let groups = self.views.group_by.clone().map(|field| {
            let mut groups: Vec<Slice> = self
                .groups
                .into_iter()
                .map(|(g, acc)| acc.slice(Some(g), None, name))
                .collect();
            groups.sort_by(|a, b| {
                b.documents
                    .cmp(&a.documents)
                    .then_with(|| a.group.cmp(&b.group))
            });
            GroupView {
                field,
                missing: self.group_missing,
                groups,
            }
        });
        let time = self.views.time.clone().map(|(field, interval)| TimeView {
            field,
            interval,
            missing: self.time_missing,
            unparseable: self.unparseable,
            unparseable_examples: self.unparseable_examples,
            periods: self
                .periods
                .into_iter()
                .map(|(p, acc)| acc.slice(None, Some(p), name))
                .collect(),
            by_group: self
                .cross
                .into_iter()
                .map(|((g, p), acc)| acc.slice(Some(g), Some(p), name))
                .collect(),
        });
        (groups, time)
    }
}

/// The period of an ISO 8601 date or date-time, `None` if it is not one.
pub fn period_of(value: &str, interval: Interval) -> Option<String> {
    let (y, m, d) = parse_date(value.trim())?;
    Some(match interval {
        Interval::Day => format!("{y:04}-{m:02}-{d:02}"),
        Interval::Month => format!("{y:04}-{m:02}"),
        Interval::Week => {
            let (wy, w) = iso_week(y, m, d);
            format!("{wy:04}-W{w:02}")
        }
    })
}

/// Year, month and day of `YYYY-MM-DD` or `YYYYMMDD`, optionally followed
/// by a time (`T…` or ` …`); the day must exist.
fn parse_date(s: &str) -> Option<(i32, u32, u32)> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(r)?;
        if part.iter().all(u8::is_ascii_digit) {
            std::str::from_utf8(part).ok()?.parse().ok()
        } else {
            None
        }
    };
    let (y, m, d, rest) = if b.get(4) == Some(&b'-') && b.get(7) == Some(&b'-') {
        (digits(0..4)?, digits(5..7)?, digits(8..10)?, 10)
    } else {
        (digits(0..4)?, digits(4..6)?, digits(6..8)?, 8)
    };
    match b.get(rest) {
        None | Some(b'T') | Some(b't') | Some(b' ') => {}
        _ => return None,
    }
    let y = y as i32;
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    Some((y, m, d))
}

fn leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if leap(y) => 29,
        _ => 28,
    }
}

/// Day of the year, from 1.
fn ordinal(y: i32, m: u32, d: u32) -> u32 {
    (1..m).map(|k| days_in_month(y, k)).sum::<u32>() + d
}

/// ISO weekday, Monday 1 … Sunday 7 (Sakamoto's method).
fn weekday(y: i32, m: u32, d: u32) -> u32 {
    const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if m < 3 { y - 1 } else { y };
    let w = (y + y / 4 - y / 100 + y / 400 + T[(m - 1) as usize] + d as i32).rem_euclid(7);
    // 0 = Sunday.
    if w == 0 {
        7
    } else {
        w as u32
    }
}

/// Weeks in an ISO year: 53 when 1 January is a Thursday, or a Wednesday
/// in a leap year.
fn weeks_in(y: i32) -> u32 {
    let jan1 = weekday(y, 1, 1);
    if jan1 == 4 || (jan1 == 3 && leap(y)) {
        53
    } else {
        52
    }
}

/// ISO 8601 week-numbering year and week.
fn iso_week(y: i32, m: u32, d: u32) -> (i32, u32) {
    let w = (ordinal(y, m, d) as i32 - weekday(y, m, d) as i32 + 10) / 7;
    if w < 1 {
        (y - 1, weeks_in(y - 1))
    } else if w as u32 > weeks_in(y) {
        (y + 1, 1)
    } else {
        (y, w as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_of_dates_and_date_times() {
        let p = |s: &str, i| period_of(s, i);
        assert_eq!(
            p("2024-06-20", Interval::Day).as_deref(),
            Some("2024-06-20")
        );
        assert_eq!(
            p("2024-06-20T23:59:00+02:00", Interval::Month).as_deref(),
            Some("2024-06")
        );
        assert_eq!(p("20240620", Interval::Day).as_deref(), Some("2024-06-20"));
        assert_eq!(p("2024-06-20", Interval::Week).as_deref(), Some("2024-W25"));
        // ISO weeks across the year's edges.
        assert_eq!(p("2021-01-03", Interval::Week).as_deref(), Some("2020-W53"));
        assert_eq!(p("2024-12-30", Interval::Week).as_deref(), Some("2025-W01"));
        assert_eq!(p("2026-01-01", Interval::Week).as_deref(), Some("2026-W01"));
        assert_eq!(p("2015-12-31", Interval::Week).as_deref(), Some("2015-W53"));
        assert_eq!(
            p("2024-02-29", Interval::Day).as_deref(),
            Some("2024-02-29")
        );
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "gestern",
            "",
            "2024-06",
            "2024-06-20x",
            "２０２４-06-20",
        ] {
            assert_eq!(p(bad, Interval::Day), None, "{bad}");
        }
    }
}

#[cfg(test)]
mod view_tests {
    use super::*;
    use crate::CorpusBuilder;
    use wortlaut::Pipeline;

    fn doc(p: &Pipeline, id: &str, text: &str, meta: serde_json::Value) -> Analysis {
        let serde_json::Value::Object(m) = meta else {
            unreachable!()
        };
        p.analyze(text).with_id(id).with_meta(Some(m))
    }

    #[test]
    fn groups_periods_and_bad_dates() {
        let p = Pipeline::new();
        let a = "Washington kritisierte Russland scharf. „Wir kommen“, sagte Wladimir Putin.";
        let b = "Putin sagte, er sei zufrieden.";
        let docs = [
            doc(
                &p,
                "1",
                a,
                serde_json::json!({"outlet": "taz", "date": "2024-06-20"}),
            ),
            doc(
                &p,
                "2",
                b,
                serde_json::json!({"outlet": "taz", "date": "2024-07-01T08:00:00Z"}),
            ),
            doc(
                &p,
                "3",
                a,
                serde_json::json!({"outlet": "FAZ", "date": "irgendwann"}),
            ),
            doc(&p, "4", b, serde_json::json!({"date": null})),
        ];
        let texts = [a, b, a, b];
        let mut c = CorpusBuilder::with_views(Views {
            group_by: Some("outlet".into()),
            time: Some(("date".into(), Interval::Month)),
        });
        for (t, d) in texts.iter().zip(&docs) {
            c.add(t, d);
        }
        let s = c.finish();
        let g = s.groups.unwrap();
        assert_eq!(g.missing, 1);
        let names: Vec<(&str, usize)> = g
            .groups
            .iter()
            .map(|s| (s.group.as_deref().unwrap(), s.documents))
            .collect();
        assert_eq!(names, [("taz", 2), ("FAZ", 1)]);
        let taz = &g.groups[0];
        assert_eq!(taz.speakers[0].name, "Wladimir Putin");
        assert_eq!(taz.speakers[0].quotes, 2);
        assert_eq!(taz.stance[0].holder_name, "Vereinigte Staaten");
        let t = s.timeline.unwrap();
        assert_eq!((t.missing, t.unparseable), (1, 1));
        assert_eq!(
            t.unparseable_examples,
            [("3".to_string(), "irgendwann".to_string())]
        );
        let periods: Vec<&str> = t
            .periods
            .iter()
            .map(|s| s.period.as_deref().unwrap())
            .collect();
        assert_eq!(periods, ["2024-06", "2024-07"]);
        assert_eq!(t.by_group.len(), 2);
        // The same input gives the same figures, to the bit.
        let mut again = CorpusBuilder::with_views(Views {
            group_by: Some("outlet".into()),
            time: Some(("date".into(), Interval::Month)),
        });
        for (t, d) in texts.iter().zip(&docs) {
            again.add(t, d);
        }
        assert_eq!(again.finish().groups, Some(g));
    }
}
