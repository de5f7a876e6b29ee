//! Segmentation and quotation quality on German Wikinews (dev), when the shared
//! evaluation data is present next to the workspace. These floors lock in
//! the figures recorded in docs/EVAL.md (a drop below them fails).

use wortlaut::eval::score_wikinews_segmentation;
use wortlaut::Pipeline;

#[test]
fn wikinews_dev_segmentation() {
    let Some(dir) = wortlaut_suite::eval_dir() else {
        eprintln!("../shared/eval not found; skipping the Wikinews segmentation check");
        return;
    };
    let path = dir.join("wikinews-quotes/dev.jsonl");
    let s = score_wikinews_segmentation(&Pipeline::new(), &path, None).unwrap();
    assert_eq!(s.documents, 150);
    assert!(
        s.sentence_boundaries.f1() >= 0.965,
        "sentence boundary F1 {}",
        s.sentence_boundaries.f1()
    );
    assert!(
        s.tokens_exact.f1() >= 0.995,
        "token F1 {}",
        s.tokens_exact.f1()
    );
    assert!(
        s.token_boundaries.f1() >= 0.999,
        "token boundary F1 {}",
        s.token_boundaries.f1()
    );
}

#[test]
fn wikinews_dev_quotes() {
    use wortlaut::quote_eval::{predict, read_gold, score};
    let Some(dir) = wortlaut_suite::eval_dir() else {
        eprintln!("../shared/eval not found; skipping the Wikinews quotation check");
        return;
    };
    let gold = read_gold(dir.join("wikinews-quotes/dev.jsonl")).unwrap();
    let s = score(&gold, &predict(&Pipeline::new(), &gold));
    let o = &s.official;
    assert!(o.messages.f1 >= 0.72, "Messages F1 {}", o.messages.f1);
    assert!(o.roles.f1 >= 0.615, "Roles F1 {}", o.roles.f1);
    assert!(o.joint.f1 >= 0.65, "Joint F1 {}", o.joint.f1);
}

/// Document polarity on GermEval 2017 dev (CC BY-NC, evaluation only) and
/// stance triples on the seeds' gold: floors of the figures in docs/EVAL.md.
#[test]
fn sentiment_and_stance_floors() {
    let Some(dir) = wortlaut_suite::eval_dir() else {
        eprintln!("../shared/eval not found; skipping the sentiment and stance checks");
        return;
    };
    let mut b = Pipeline::builder();
    b.no_gazetteer().no_quotes();
    let (all, even, odd) = wortlaut::eval::score_germeval2017(
        &b.build().unwrap(),
        &dir.join("germeval2017/dev.jsonl"),
    )
    .unwrap();
    assert_eq!(all.documents, 2369);
    assert!(
        all.macro_f1 >= 0.49,
        "GermEval 2017 macro-F1 {}",
        all.macro_f1
    );
    // Defaults were chosen on the even half: the odd half must not fall
    // behind it by much.
    assert!(
        odd.macro_f1 >= even.macro_f1 - 0.03,
        "odd {} even {}",
        odd.macro_f1,
        even.macro_f1
    );
    let root = wortlaut_suite::workspace_root();
    let s = wortlaut::eval::score_seed_stance(
        &Pipeline::new(),
        &dir.join("seeds/gold.json"),
        &root.join("seeds"),
    )
    .unwrap();
    assert!(
        s.quote_triples.f1() >= 0.70,
        "stance quote triples F1 {}",
        s.quote_triples.f1()
    );
}
