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
