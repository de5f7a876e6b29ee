//! The GermEval 2014 outer-exact view and the REDEWIEDERGABE token scores on
//! the real dev files (`../shared/eval`, or `$WORTLAUT_EVAL_DIR`): the
//! readers find every annotation the data's READMEs count, the reference
//! scored against itself is perfect, and against nothing has recall 0 with
//! one error per reference mention. Read at test time only; nothing derived
//! from the data is kept. Skipped (with a message) when the data is absent;
//! failing then when `WORTLAUT_REQUIRE_EVAL` or `WORTLAUT_REQUIRE_SHARED` is
//! set.

use std::path::{Path, PathBuf};

use wortlaut_eval::germeval_outer::{self, Entity};
use wortlaut_eval::redewiedergabe::{self, Predicted};

/// `name` under the evaluation folder, if present.
fn data(name: &str) -> Option<PathBuf> {
    let eval = std::env::var_os("WORTLAUT_EVAL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval"));
    let path = eval.join(name);
    if path.is_file() {
        Some(path)
    } else if ["WORTLAUT_REQUIRE_EVAL", "WORTLAUT_REQUIRE_SHARED"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty() && x != "0"))
    {
        panic!(
            "{} not found, and WORTLAUT_REQUIRE_EVAL or WORTLAUT_REQUIRE_SHARED is set \
             (docs/EVAL.md says where the data comes from)",
            path.display()
        );
    } else {
        eprintln!("{} not found; skipping", path.display());
        None
    }
}

#[test]
fn germeval2014_dev_outer_exact() {
    let Some(path) = data("germeval2014/dev.jsonl") else {
        return;
    };
    let sentences = germeval_outer::read_germeval2014(&path).unwrap();
    assert_eq!(sentences.len(), 2200);
    let outer = |s: &germeval_outer::GermEvalSentence| -> Vec<Entity> {
        s.entities
            .iter()
            .filter(|e| e.level == 1)
            .map(|e| e.entity.clone())
            .collect()
    };
    // The reference against itself (with its unscored types, which must
    // not count).
    let itself: Vec<Vec<Entity>> = sentences.iter().map(outer).collect();
    let s = germeval_outer::score_sentences(&sentences, &itself);
    assert_eq!(s.documents, 2200);
    // The README's level-1 counts: PER 711, LOC 763, ORG 496.
    for (t, n) in [("PER", 711), ("LOC", 763), ("ORG", 496)] {
        let c = s.by_type[t].counts;
        assert_eq!((c.tp, c.fp, c.fn_), (n, 0, 0), "{t}");
    }
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    // Against nothing: every reference mention is one "missed" error.
    let none = germeval_outer::score_sentences(&sentences, &[]);
    assert_eq!(none.overall.counts.fn_, 1970);
    assert_eq!(none.overall.prf.recall, 0.0);
    assert_eq!(none.errors.iter().map(|e| e.count).sum::<usize>(), 1970);
    assert!(none.errors.iter().all(|e| e.class.starts_with("missed ")));
    // Every reference LOC given as GPE and one code point too short.
    let shifted: Vec<Vec<Entity>> = itself
        .iter()
        .map(|v| {
            v.iter()
                .filter(|e| e.kind == "LOC" && e.end - e.start > 1)
                .map(|e| Entity::new(e.start, e.end - 1, "GPE"))
                .collect()
        })
        .collect();
    let s = germeval_outer::score_sentences(&sentences, &shifted);
    assert_eq!(s.overall.counts.tp, 0);
    let short = s
        .errors
        .iter()
        .find(|e| e.class == "boundary too short LOC")
        .unwrap();
    assert_eq!(short.count, 763);
}

#[test]
fn redewiedergabe_dev_tokens() {
    let Some(path) = data("redewiedergabe/dev.jsonl") else {
        return;
    };
    let docs = redewiedergabe::read_redewiedergabe(&path).unwrap();
    // The README's counts.
    assert_eq!(docs.len(), 327);
    let count = |genre: &str, kind: &str| {
        docs.iter()
            .filter(|d| d.genre == genre)
            .flat_map(|d| &d.quotes)
            .filter(|q| q.kind == kind)
            .count()
    };
    for (kind, fiction, nonfiction) in [
        ("direct", 1146, 215),
        ("indirect", 553, 464),
        ("free_indirect", 33, 0),
        ("reported", 1070, 1020),
    ] {
        assert_eq!(count("fiction", kind), fiction, "{kind}");
        assert_eq!(count("nonfiction", kind), nonfiction, "{kind}");
    }
    let itself: Vec<Vec<Predicted>> = docs
        .iter()
        .map(|d| {
            d.quotes
                .iter()
                .map(|q| Predicted {
                    kind: q.kind.clone(),
                    segments: q.segments.clone(),
                })
                .collect()
        })
        .collect();
    let s = redewiedergabe::score(&docs, &itself);
    assert_eq!((s.all.documents, s.all.tokens), (327, 191_111));
    assert_eq!((s.fiction.documents, s.fiction.tokens), (149, 92_285));
    assert_eq!((s.nonfiction.documents, s.nonfiction.tokens), (178, 98_826));
    for (k, c) in &s.all.kinds {
        assert!(c.counts.tp > 0, "{k}");
        assert_eq!((c.counts.fp, c.counts.fn_), (0, 0), "{k}");
    }
    // All kinds taken for direct speech: direct recall stays 1, its
    // precision falls, the other kinds are not found.
    let as_direct: Vec<Vec<Predicted>> = itself
        .iter()
        .map(|v| {
            v.iter()
                .map(|q| Predicted {
                    kind: "direct".into(),
                    ..q.clone()
                })
                .collect()
        })
        .collect();
    let d = redewiedergabe::score(&docs, &as_direct);
    assert_eq!(d.all.kinds["direct"].prf.recall, 1.0);
    assert!(d.all.kinds["direct"].prf.precision < 0.7);
    assert_eq!(d.all.kinds["reported"].counts.tp, 0);
    assert_eq!(d.all.any, s.all.any);
}

/// Quality floors of the default pipeline on the dev files: a change that
/// loses more than about one point fails here (docs/EVAL.md has the full
/// figures and the commands that print them).
#[test]
fn germeval2014_dev_outer_exact_floor() {
    let Some(path) = data("germeval2014/dev.jsonl") else {
        return;
    };
    let pipeline = wortlaut::Pipeline::new();
    let s = germeval_outer::score_germeval2014_outer(&pipeline, &path).unwrap();
    let o = s.overall.prf;
    eprintln!("GermEval 2014 dev outer-exact: {o:?}");
    assert!(o.precision >= 0.77, "{o:?}");
    assert!(o.f1 >= 0.62, "{o:?}");
    for (t, recall) in [("PER", 0.44), ("ORG", 0.36), ("LOC", 0.69)] {
        let r = s.by_type[t].prf.recall;
        assert!(r >= recall, "{t} recall {r}");
    }
}

#[test]
fn redewiedergabe_dev_floor() {
    let Some(path) = data("redewiedergabe/dev.jsonl") else {
        return;
    };
    let pipeline = wortlaut::Pipeline::new();
    let s = redewiedergabe::score_redewiedergabe(&pipeline, &path).unwrap();
    eprintln!("REDEWIEDERGABE dev any-kind: {:?}", s.all.any.prf);
    assert!(s.all.any.prf.f1 >= 0.59, "{:?}", s.all.any.prf);
    assert!(
        s.all.kinds["direct"].prf.f1 >= 0.70,
        "{:?}",
        s.all.kinds["direct"].prf
    );
    assert!(
        s.all.kinds["indirect"].prf.f1 >= 0.39,
        "{:?}",
        s.all.kinds["indirect"].prf
    );
}

/// The Wikinews dev floor of the rules, and of a speaker model trained on
/// train only (the model is built here and dropped: nothing derived from
/// the data is kept). Training twice gives the same model bytes.
#[test]
fn wikinews_dev_floor_rules_and_trained_speaker_model() {
    use wortlaut_eval::wikinews;
    let (Some(train), Some(dev)) = (
        data("wikinews-quotes/train.jsonl"),
        data("wikinews-quotes/dev.jsonl"),
    ) else {
        return;
    };
    let train = wikinews::read_gold(&train).unwrap();
    let dev = wikinews::read_gold(&dev).unwrap();
    let rules = wortlaut::Pipeline::new();
    let s = wikinews::score(&dev, &wikinews::predict(&rules, &dev));
    let (joint, speaker) = (s.official.joint.f1, s.extras.speaker_on_matched.exact_acc);
    eprintln!("Wikinews dev, rules: joint {joint:.4}, speaker exact {speaker:.4}");
    assert!(joint >= 0.670, "{joint}");
    assert!(speaker >= 0.685, "{speaker}");
    let examples = wikinews::speaker_examples(&rules, &train).examples;
    let settings = wortlaut::TrainSettings {
        epochs: 12,
        seed: 1,
    };
    let dev_examples = wikinews::speaker_examples(&rules, &dev).examples;
    let mut best: Option<(f64, wortlaut::SpeakerModel)> = None;
    wortlaut::SpeakerModel::train(&examples, settings, |_, m| {
        let a = wikinews::accuracy(m, &dev_examples);
        if best.as_ref().is_none_or(|(b, _)| a > *b) {
            best = Some((a, m.clone()));
        }
        true
    });
    let (_, model) = best.unwrap();
    let again = wortlaut::SpeakerModel::train(&examples, settings, |_, _| true);
    let once = wortlaut::SpeakerModel::train(&examples, settings, |_, _| true);
    assert_eq!(again.to_text(), once.to_text());
    let mut builder = wortlaut::Pipeline::builder();
    builder.speaker_model(model);
    let learned = builder.build().unwrap();
    let m = wikinews::score(&dev, &wikinews::predict(&learned, &dev));
    let (mjoint, mspeaker) = (m.official.joint.f1, m.extras.speaker_on_matched.exact_acc);
    eprintln!(
        "Wikinews dev, trained speaker model: joint {mjoint:.4}, speaker exact {mspeaker:.4}"
    );
    assert!(mspeaker >= speaker + 0.015, "{mspeaker} vs rules {speaker}");
    assert!(mjoint >= joint, "{mjoint} vs rules {joint}");
    // Messages do not change: the model only chooses speakers.
    assert_eq!(m.official.messages, s.official.messages);
}
