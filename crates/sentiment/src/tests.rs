use super::*;
use wortlaut_segment::Segmenter;
use wortlaut_text::{Doc, EntityMention, EntityType};

fn labels(text: &str) -> Vec<Label> {
    Tagger::german()
        .tag(text)
        .sentences
        .iter()
        .map(|s| s.polarity.label)
        .collect()
}

fn with_lexicon(lexicon: &str) -> Tagger {
    Tagger::builder()
        .lexicon(Lexicon::parse(lexicon).unwrap())
        .build()
        .unwrap()
}

fn doc(text: &str) -> Polarity {
    Tagger::german().tag(text).document
}

#[test]
fn plain_polarity() {
    assert_eq!(labels("Das Essen war gut."), [Label::Positive]);
    assert_eq!(
        labels("Der Zug war schon wieder verspätet."),
        [Label::Negative]
    );
    assert_eq!(labels("Der Zug fährt um acht Uhr."), [Label::Neutral]);
}

#[test]
fn negation_scopes() {
    let t = Tagger::german();
    let s = t.tag("Das war nicht gut.");
    assert!(s.evidence[0].negated);
    assert_eq!(s.document.label, Label::Negative);
    let s = t.tag("Es gab keine Unterstützung.");
    assert!(s.evidence[0].negated);
    // Post-verbal "nicht".
    let s = t.tag("Die Regierung unterstützt den Plan nicht.");
    assert!(s.evidence.iter().any(|e| e.negated), "{s:?}");
    assert!(s.document.score < 0.0);
    // "ohne"
    let s = t.tag("Die Verhandlungen endeten ohne Erfolg.");
    assert!(s.document.score < 0.0, "{s:?}");
    // Negation does not cross a clause boundary.
    let s = t.tag("Er kam nicht, aber das Treffen war ein Erfolg.");
    assert!(s.evidence.iter().all(|e| !e.negated), "{s:?}");
}

#[test]
fn degree_words() {
    let plain = doc("Das ist besorgniserregend.").score;
    let strong = doc("Das ist äußerst besorgniserregend.").score;
    let weak = doc("Das ist etwas besorgniserregend.").score;
    assert!(
        strong < plain && plain < weak && weak < 0.0,
        "{strong} {plain} {weak}"
    );
    let s = Tagger::german().tag("Japan ist zutiefst besorgt.");
    assert!(s.evidence[0].degree > 1.0);
}

#[test]
fn shifters_flip_what_they_govern() {
    let s = Tagger::german().tag("Die Partei fordert den Abbau von Diskriminierung.");
    assert!(s.evidence.iter().any(|e| e.shifted), "{s:?}");
    assert!(s.document.score > 0.0, "{s:?}");
    // Without a polar word to govern, the shifter keeps its own polarity.
    let s = Tagger::german().tag("Der Abbau von Arbeitsplätzen geht weiter.");
    assert!(s.document.score < 0.0, "{s:?}");
}

#[test]
fn contrast_conditional_question() {
    // The clause after "aber" weighs more.
    assert_eq!(
        doc("Das Hotel war schön, aber das Essen war schrecklich.").label,
        Label::Negative
    );
    // With negative words weighed like positive ones, the later clause
    // decides; with the default negativity bias it still moves the score.
    let even = Tagger::builder()
        .negativity(1.0)
        .length_damping(0.0)
        .build()
        .unwrap();
    assert_eq!(
        even.tag("Das Essen war schrecklich, aber das Hotel war wunderbar.")
            .document
            .label,
        Label::Positive
    );
    assert!(
        doc("Das Essen war schrecklich, aber das Hotel war wunderbar.").score
            > doc("Das Hotel war wunderbar, aber das Essen war schrecklich.").score
    );
    let plain = doc("Das ist ein schwerer Fehler.").score;
    let cond = doc("Wenn das so kommt, ist das ein schwerer Fehler.").score;
    let question = doc("Ist das ein schwerer Fehler?").score;
    assert!(
        plain < cond && plain < question,
        "{plain} {cond} {question}"
    );
}

#[test]
fn document_length_damping() {
    let t = Tagger::german();
    let short = t.tag("Das Konzert war schrecklich.");
    let long = t.tag(
        "Das Konzert war schrecklich. Die Halle liegt am Rand der Stadt, der \
         Eintritt kostet zwanzig Euro, die Türen öffnen um acht Uhr, und die \
         Busse fahren bis Mitternacht zurück in die Innenstadt. Im kommenden \
         Jahr spielt das Orchester an vier Abenden im März, die Karten gibt \
         es ab Januar an der Kasse und im Netz. Der Dirigent stammt aus Wien \
         und leitet das Ensemble seit dem Herbst.",
    );
    // The sentence scores the same in both; the long document less.
    assert_eq!(short.sentences[0].polarity, long.sentences[0].polarity);
    assert!(short.document.score < long.document.score);
    assert!(long.document.score < 0.0);
    assert_eq!(short.document.label, Label::Negative);
    assert_eq!(long.document.label, Label::Neutral);
    // Without damping a document scores like its evidence alone.
    let undamped = Tagger::builder()
        .length_damping(0.0)
        .build()
        .unwrap()
        .tag("Das Konzert war schrecklich.");
    assert_eq!(
        undamped.document.score,
        undamped.sentences[0].polarity.score
    );
}

#[test]
fn strong_and_separable_verbs() {
    let t = with_lexicon("ausfallen\tV\t-0.7\nkündigen\tV\t-0.7\n");
    // The particle closes the clause, with or without punctuation after it.
    for text in [
        "Der Zug fällt heute aus.",
        "Der Zug fiel gestern wegen eines Defekts aus, sagte sie.",
        "Weil der Zug ausfiel, nahm sie den Bus.",
        "Der Zug ist ausgefallen.",
    ] {
        let s = t.tag(text);
        assert_eq!(s.evidence.len(), 1, "{text}: {s:?}");
        assert!(s.evidence[0].weight < 0.0, "{text}");
    }
    // Without the particle "fällt" is another verb; a particle before a
    // noun phrase is a preposition.
    assert!(t.tag("Der Preis fällt.").evidence.is_empty());
    assert!(t.tag("Er fällt aus dem Bett.").evidence.is_empty());
    // A lexicon verb with a particle it does not list is another verb:
    // "kündigte … an" is "ankündigen", not "kündigen".
    assert!(t
        .tag("Die Firma kündigte neue Stellen an.")
        .evidence
        .is_empty());
    assert_eq!(t.tag("Die Firma kündigte ihm.").evidence.len(), 1);
    // Strong verbs of the default lexicon, plain, prefixed and separable.
    let t = Tagger::german();
    for text in [
        "Er betrog seine Kunden.",
        "Sie verlor alles.",
        "Die Stadt verbot die Demonstration.",
        "Der Hund griff das Kind an.",
    ] {
        let s = t.tag(text);
        assert!(s.document.score < 0.0, "{text}: {s:?}");
    }
    let s = t.tag("Moskau wies die Vorwürfe zurück.");
    assert!(s.evidence.iter().any(|e| e.stance_verb), "{s:?}");
    // An attack is an event, not an evaluation: negative, no stance verb.
    let s = t.tag("Russland griff die Ukraine an.");
    assert!(
        s.document.score < 0.0 && s.evidence.iter().all(|e| !e.stance_verb),
        "{s:?}"
    );
}

#[test]
fn constructions_and_formulas() {
    let t = Tagger::german();
    let neg = |text: &str| {
        let s = t.tag(text);
        assert!(s.document.score < 0.0, "{text}: {s:?}");
        s
    };
    // Annoyance at repetition.
    let s = neg("Der Bus ist schon wieder voll.");
    assert_eq!(s.evidence.len(), 1);
    neg("Mal wieder nur leere Regale.");
    assert!(t
        .tag("Er fährt morgen wieder nach Hause.")
        .evidence
        .is_empty());
    // "Warum …?" complains; "warum" in a statement does not.
    neg("Warum ist das Internet hier immer weg?");
    assert!(t.tag("Ich weiß, warum er kam.").evidence.is_empty());
    // Excess: "zu" before a predicative word, not before an infinitive,
    // a number or a pronoun; a good thing in excess is bad.
    neg("Der Bus kam zu spät.");
    neg("Das Essen war viel zu salzig.");
    neg("Er fährt zu schnell.");
    for text in [
        "Ich habe noch viel zu tun.",
        "Bis zu zehn Busse fahren.",
        "Er kam zu mir.",
        "Sie versucht zu schlafen.",
    ] {
        assert!(t.tag(text).evidence.is_empty(), "{text}");
    }
    // Salutations and greetings evaluate nothing.
    for text in [
        "Liebe Frau Meier, das Paket ist da.",
        "Liebe Grüße aus Berlin",
        "Guten Morgen, wann fährt der Bus?",
    ] {
        assert!(t.tag(text).evidence.is_empty(), "{text}: {:?}", t.tag(text));
    }
    assert!(t.tag("Die Liebe der Eltern ist groß.").document.score > 0.0);
    // "ss" for "ß".
    neg("So ein Scheiss.");
    assert!(t.tag("Das macht Spass.").document.score > 0.0);
}

#[test]
fn inflection_capitalisation_compounds() {
    let t = Tagger::german();
    // Inflected adjective and verb forms; sentence-initial capitals.
    assert!(
        t.tag("Schwerwiegende Fehler wurden gemacht.")
            .document
            .score
            < 0.0
    );
    assert!(t.tag("Sie kritisierten die Entscheidung.").document.score < 0.0);
    assert!(t.tag("Er lobte die Mannschaft.").document.score > 0.0);
    // Compound heads.
    assert!(t.tag("Wieder ein Zugausfall.").document.score < 0.0);
    // Nouns are capitalised: lower-case "arm" is not "Arm".
    let s = t.tag("Er hob den Arm.");
    assert!(s.evidence.is_empty(), "{s:?}");
}

#[test]
fn quote_polarity() {
    let t = Tagger::german();
    let text = "Er sagte: „Das ist ein großer Erfolg.“ Dann ging er.";
    let s = t.tag(text);
    let start = text.find('„').unwrap();
    let end = text.find('“').unwrap() + '“'.len_utf8();
    assert_eq!(
        t.polarity_in(&s, &[Span::new(start, end)]).label,
        Label::Positive
    );
    assert_eq!(t.polarity_in(&s, &[Span::new(0, 3)]).label, Label::Neutral);
}

fn stances(
    t: &Tagger,
    text: &str,
    s: &Sentiment,
    mentions: &[EntityMention],
    statements: &[Statement],
) -> Vec<Stance> {
    let mut doc = Doc::new(text, Segmenter::german().segment(text));
    doc.set_mentions(mentions.to_vec());
    t.stances(&doc, s, statements)
}

fn mention(text: &str, word: &str, entity: &str, kind: EntityType) -> EntityMention {
    let start = text.find(word).unwrap();
    EntityMention::new(
        Span::new(start, start + word.len()),
        Some(entity.into()),
        kind,
    )
}

#[test]
fn stance_from_an_evaluative_clause() {
    let t = Tagger::german();
    let text = "Washington wirft Nordkorea vor, Russland mit Munition zu versorgen.";
    let s = t.tag(text);
    let m = vec![
        mention(text, "Washington", "united_states", EntityType::Gpe),
        mention(text, "Nordkorea", "north_korea", EntityType::Gpe),
        mention(text, "Russland", "russia", EntityType::Gpe),
    ];
    let st = stances(&t, text, &s, &m, &[]);
    let got: Vec<(&str, &str, Label)> = st
        .iter()
        .map(|s| (s.holder.as_str(), s.target.as_str(), s.polarity.label))
        .collect();
    assert_eq!(got, [("united_states", "north_korea", Label::Negative)]);
}

#[test]
fn stance_from_a_statement() {
    let t = Tagger::german();
    let text = "Kim versprach Russland volle Unterstützung, sagte er in Pjöngjang.";
    let s = t.tag(text);
    let mut m = vec![
        mention(text, "Kim", "kim_jong_un", EntityType::Per),
        mention(text, "Russland", "russia", EntityType::Gpe),
        mention(text, "Pjöngjang", "north_korea", EntityType::Gpe),
    ];
    m[0].affiliation = Some("north_korea".into());
    let q = text.find("volle").unwrap();
    let statement = Statement {
        spans: vec![Span::new(q, q + "volle Unterstützung".len())],
        cue: vec![],
        holder: Some("kim_jong_un".into()),
        holder_spans: vec![m[0].span],
        frame: vec![],
        nested: false,
    };
    let st = stances(&t, text, &s, &m, &[statement]);
    let got: Vec<(&str, &str, Label)> = st
        .iter()
        .map(|s| (s.holder.as_str(), s.target.as_str(), s.polarity.label))
        .collect();
    assert_eq!(got, [("kim_jong_un", "russia", Label::Positive)]);
    assert_eq!(st[0].statement, Some(0));
    let matrix = stance_matrix(&st);
    assert_eq!(matrix[0].count, 1);
}

#[test]
fn user_lexicon_replaces_the_default() {
    let t = with_lexicon("Bahn\t-1\n");
    assert_eq!(t.tag("Die Bahn kommt.").document.label, Label::Negative);
    // Modifiers still apply.
    assert_eq!(t.tag("Keine Bahn kommt.").document.label, Label::Positive);
    assert_eq!(t.tag("Das ist gut.").document.label, Label::Neutral);
}

#[test]
fn no_panic_on_odd_input() {
    let t = Tagger::german();
    for text in [
        "",
        " ",
        "„„„„“",
        "nicht nicht nicht",
        "aber",
        "\0\u{FFFD}",
        "Abbau",
        "sehr",
    ] {
        let s = t.tag(text);
        for e in &s.evidence {
            assert!(e.span.is_valid_for(text));
        }
        let _ = stances(&t, text, &s, &[], &[Statement::default()]);
    }
}

#[test]
fn public_types_are_send_sync() {
    fn f<T: Send + Sync + std::panic::UnwindSafe>() {}
    f::<Tagger>();
    f::<TaggerBuilder>();
    f::<Lexicon>();
    f::<WordClass>();
    f::<Label>();
    f::<Polarity>();
    f::<Evidence>();
    f::<SentenceSentiment>();
    f::<Sentiment>();
    f::<Statement>();
    f::<Stance>();
    f::<StanceCell>();
    fn g<T: Send + Sync>() {}
    g::<Error>();
}

#[test]
fn settings_out_of_range_are_rejected_at_build() {
    for (setting, build) in [
        (
            "neutral_band",
            Tagger::builder().neutral_band(f32::NAN).build(),
        ),
        ("neutral_band", Tagger::builder().neutral_band(-0.1).build()),
        ("neutral_band", Tagger::builder().neutral_band(1.5).build()),
        ("negativity", Tagger::builder().negativity(0.0).build()),
        (
            "negativity",
            Tagger::builder().negativity(f32::INFINITY).build(),
        ),
        (
            "length_damping",
            Tagger::builder().length_damping(-1.0).build(),
        ),
    ] {
        match build {
            Err(e @ Error::Setting { .. }) => {
                let m = e.to_string();
                assert!(m.contains(setting) && m.contains("give a number"), "{m}");
            }
            other => panic!("{setting}: {other:?}"),
        }
    }
    let mut b = Tagger::builder();
    b.neutral_band(0.0).negativity(10.0).length_damping(0.0);
    assert!(b.build().is_ok());
}

#[test]
fn a_profile_builds_a_tagger_and_a_bad_list_is_an_error() {
    let de = wortlaut_text::Profile::german();
    let t = Tagger::new(de).unwrap();
    assert_eq!(t.tag("Das ist gut.").document.label, Label::Positive);
    let lists: Vec<(&str, &str)> = de
        .names()
        .map(|n| {
            let text = de.list(n).unwrap().text();
            (
                n,
                if n == "sentiment/modifiers" {
                    "nicht\tnegation\n"
                } else {
                    text
                },
            )
        })
        .collect();
    let e = Tagger::new(&wortlaut_text::Profile::from_lists("de", lists.clone()))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("sentiment/modifiers") && e.contains("line 1") && e.contains("`negation`"),
        "{e}"
    );
    let without: Vec<(&str, &str)> = lists
        .into_iter()
        .filter(|l| l.0 != "sentiment/grammar")
        .collect();
    let e = Tagger::new(&wortlaut_text::Profile::from_lists("de", without)).unwrap_err();
    assert!(e.to_string().contains("sentiment/grammar"), "{e}");
}
