use crate::{Medium, QuoteKind, Quoter};

fn q(text: &str) -> Vec<(QuoteKind, String, String)> {
    Quoter::german()
        .extract(text)
        .iter()
        .map(|q| {
            let join = |v: &[crate::Span]| {
                v.iter()
                    .map(|s| &text[s.start..s.end])
                    .collect::<Vec<_>>()
                    .join(" … ")
            };
            (q.kind, join(&q.quote), join(&q.speaker))
        })
        .collect()
}

#[test]
fn direct_with_frame_after_and_before() {
    let r = q("„Wir befürchten das Schlimmste“, sagte er gegenüber AFP. Kölns Präsident Wolfgang Overath sagte: „Ja, wir haben uns geeinigt.“");
    assert_eq!(r.len(), 2, "{r:?}");
    assert_eq!(r[0].2, "er");
    assert_eq!(r[1].1, "„Ja, wir haben uns geeinigt.“");
    assert_eq!(r[1].2, "Kölns Präsident Wolfgang Overath");
}

#[test]
fn indirect_frames() {
    let r = q("Die holländische Fluggesellschaft KLM versicherte am Dienstag, sie würden die Listen selbst kontrollieren.");
    assert_eq!(
        r,
        [(
            QuoteKind::Indirect,
            "sie würden die Listen selbst kontrollieren".into(),
            "Die holländische Fluggesellschaft KLM".into()
        )]
    );
    let r = q("Die Lage sei sehr ernst, sagte der Sprecher des Ministeriums.");
    assert_eq!(r[0].1, "Die Lage sei sehr ernst");
    assert_eq!(r[0].2, "der Sprecher des Ministeriums");
    let r = q("Die Polizei teilte am Montag mit, dass zwei Männer festgenommen worden seien.");
    assert_eq!(r[0].1, "dass zwei Männer festgenommen worden seien");
    assert_eq!(r[0].2, "Die Polizei");
}

#[test]
fn cue_words() {
    let r = q("Nach Angaben der Polizei wurden drei Menschen verletzt.");
    assert_eq!(r[0].1, "wurden drei Menschen verletzt");
    assert_eq!(r[0].2, "Angaben der Polizei");
    let r = q("Der Meldung zufolge sind die Infektionen zurückgegangen.");
    assert_eq!(r[0].2, "Der Meldung");
    let r = q("Laut dem Bericht sind die Preise stark gestiegen.");
    assert_eq!(r[0].1, "sind die Preise stark gestiegen");
}

#[test]
fn continuation_and_reported() {
    let r = q("Der Minister sagte, die Lage sei ernst. Man werde alles tun. Die Opposition forderte den Rücktritt des Ministers.");
    let kinds: Vec<QuoteKind> = r.iter().map(|x| x.0).collect();
    assert_eq!(
        kinds,
        [
            QuoteKind::Indirect,
            QuoteKind::IndirectFreeIndirect,
            QuoteKind::Reported
        ]
    );
    assert_eq!(r[1].2, "Der Minister");
    assert_eq!(
        r[2].1,
        "Die Opposition forderte den Rücktritt des Ministers."
    );
}

#[test]
fn partial_quote_is_nested() {
    let text =
        "Das Außenministerium erklärte, ein solcher Dialog sei eine „innere Angelegenheit“ Chinas.";
    let quotes = Quoter::german().extract(text);
    assert_eq!(quotes.len(), 2);
    assert!(quotes[1].nested);
    assert_eq!(&text[quotes[1].quote[0]], "„innere Angelegenheit“");
    assert_eq!(quotes[1].speaker, quotes[0].speaker);
    assert_eq!(quotes[0].medium, Medium::SpeechWriting);
}

#[test]
fn unbalanced_marks_never_fail() {
    for text in [
        "„",
        "“",
        "„„„",
        "„a“ “ „ b",
        "„Das ist gut.\n\n„Und das auch“, sagte sie.",
        "",
    ] {
        let quotes = Quoter::german().extract(text);
        for q in quotes {
            for s in q
                .quote
                .iter()
                .chain(&q.speaker)
                .chain(&q.cue)
                .chain(&q.frame)
            {
                assert!(s.start <= s.end && s.end <= text.len());
                assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            }
        }
    }
}

#[test]
fn frames_found_on_train_errors() {
    // A trailing "wie"-frame.
    let r = q("Der Polizei gelang es am Dienstag, den Boss zu verhaften, wie die Nachrichtenagentur ANSA gestern berichtete.");
    assert_eq!(r[0].0, QuoteKind::Indirect);
    assert_eq!(r[0].2, "die Nachrichtenagentur ANSA");
    // A separable verb whose particle follows an apposition.
    let r = q("Vor dem Absturz wurde kein Notsignal gesendet, teilte später der Direktor der Behörde, Bagus Puruhito, mit.");
    assert_eq!(r[0].1, "Vor dem Absturz wurde kein Notsignal gesendet");
    assert_eq!(r[0].2, "der Direktor der Behörde, Bagus Puruhito");
    // The sentence before, taken up by "Dies".
    let r = q("Trapattoni wird neuer Trainer beim VfB Stuttgart. Dies gab die Vereinsführung heute bekannt.");
    assert_eq!(
        r[0].1,
        "Trapattoni wird neuer Trainer beim VfB Stuttgart … Dies"
    );
    assert_eq!(r[0].2, "die Vereinsführung");
    // A subordinate clause has its own subject.
    let r = q("Er lachte, während der Beamte erklärte, Moskau sei schuld.");
    assert_eq!(r[0].2, "der Beamte");
    // Konjunktiv I after a pronoun, without a listed form.
    let r = q("So berichtete Gary Moore im Fernsehen, er warte im zwölften Stock auf Rettung.");
    assert_eq!(r[0].1, "er warte im zwölften Stock auf Rettung");
    // Statement nouns and "Demnach".
    let r = q("Der Anwalt vertritt die Ansicht, Clarkson habe sich selbst getötet.");
    assert_eq!(r[0].1, "Clarkson habe sich selbst getötet");
    let r = q("Demnach sollen ältere Atomkraftwerke acht Jahre länger laufen.");
    assert_eq!(
        r[0].1,
        "sollen ältere Atomkraftwerke acht Jahre länger laufen"
    );
    let r = q("Nach Behördenangaben wurden erhöhte Strahlungswerte gemessen.");
    assert_eq!(r[0].2, "Behördenangaben");
}

#[test]
fn names_and_addresses_in_marks_are_not_quotes() {
    for text in [
        "Die Partei „Partij voor de Vrijheid“ gewann die Wahl deutlich.",
        "Der Text steht auf „news.bbc.co.uk“ im Archiv.",
    ] {
        assert!(q(text).is_empty(), "{text}: {:?}", q(text));
    }
    // A quoted phrase in a reporting sentence is one.
    let r = q("McCarthy nannte die Entscheidung „eine sehr schlechte Wahl“.");
    assert_eq!(
        r,
        [(
            QuoteKind::Direct,
            "„eine sehr schlechte Wahl“".into(),
            "McCarthy".into()
        )]
    );
}

#[test]
fn marks_used_as_bullets_are_not_quotes() {
    let r = q(
        "„ Punkt eins\n„ Punkt zwei\n„Wir kommen wieder, ganz sicher.\n„Und zwar bald“, sagte sie.",
    );
    let quotes: Vec<&str> = r.iter().map(|x| x.1.as_str()).collect();
    assert_eq!(
        quotes,
        ["„Wir kommen wieder, ganz sicher.", "„Und zwar bald“"]
    );
}

#[test]
fn german_profile_builds() {
    crate::Quoter::new(crate::Profile::german()).unwrap();
    crate::QuoterBuilder::new().build().unwrap();
}

#[test]
fn public_types_are_send_sync() {
    fn f<T: Send + Sync>() {}
    f::<crate::Quoter>();
    f::<crate::QuoterBuilder>();
    f::<crate::Quote>();
    f::<crate::QuoteKind>();
    f::<crate::Medium>();
    f::<crate::Error>();
}

#[test]
fn a_bad_profile_is_an_error_naming_the_list() {
    let p = crate::Profile::from_lists("xx", [("quotes/function-words", "der\tdet\n")]);
    let e = crate::Quoter::new(&p).unwrap_err().to_string();
    assert!(e.contains("`quotes/word-roles`"), "{e}");
}

#[test]
fn list_bullets_are_not_part_of_the_quote() {
    let r = q(
        "Schlüsselerkenntnisse\n- Russland hat Berichten zufolge Nordkorea mit Technik versorgt\n",
    );
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].1, "Russland hat … Nordkorea mit Technik versorgt");
    // A dash inside a line stays.
    let r = q("Die Ausgaben - so der Minister - seien gestiegen.");
    assert!(r.iter().all(|x| !x.1.starts_with("- ")), "{r:?}");
}

/// The cue of each quote in `text`, its spans joined with " … ".
fn cues(text: &str) -> Vec<String> {
    Quoter::german()
        .extract(text)
        .iter()
        .map(|q| {
            q.cue
                .iter()
                .map(|s| &text[s.start..s.end])
                .collect::<Vec<_>>()
                .join(" … ")
        })
        .collect()
}

#[test]
fn cue_phrases_take_auxiliary_expletive_reflexive_correlate_and_wie() {
    // The finite auxiliary of a participle, before it and after it.
    assert_eq!(
        cues("Der Regierungssprecher hatte am Mittwoch erklärt, die Gespräche würden fortgesetzt."),
        ["hatte … erklärt"]
    );
    assert_eq!(
        cues("Wie der Verband in der Nacht bekanntgegeben hat, ist der Trainer entlassen."),
        ["Wie … bekanntgegeben hat"]
    );
    // "es" of an impersonal frame and of a passive one.
    assert_eq!(
        cues("Im Bericht heißt es, die Zahl der Opfer sei gestiegen."),
        ["heißt es"]
    );
    assert_eq!(
        cues("Es wird vermutet, dass der Brand gelegt worden sei."),
        ["Es wird vermutet"]
    );
    // A reflexive pronoun and a correlate.
    assert_eq!(
        cues("Am Montag äußerte sich der Sprecher: „Wir sind zuversichtlich.“"),
        ["äußerte sich"]
    );
    assert_eq!(
        cues("Die Meteorologen warnten davor, der Sturm könne großen Schaden anrichten."),
        ["warnten davor"]
    );
    // A finite cue with no auxiliary keeps its verb alone, and "dazu"
    // ("about it") is not part of the cue.
    assert_eq!(
        cues("Der Sprecher erklärt dazu, man prüfe alle Möglichkeiten."),
        ["erklärt"]
    );
}

/// Speaker and addressee of each quote in `text`, spans joined with " … ".
fn speaker_addressee(text: &str) -> Vec<(String, String)> {
    let join = |v: &[crate::Span]| {
        v.iter()
            .map(|s| &text[s.start..s.end])
            .collect::<Vec<_>>()
            .join(" … ")
    };
    Quoter::german()
        .extract(text)
        .iter()
        .map(|q| (join(&q.speaker), join(&q.addressee)))
        .collect()
}

#[test]
fn addressees_of_objects_prepositions_and_the_passive() {
    let pair = |s: &str, a: &str| vec![(s.to_string(), a.to_string())];
    // The object of a verb whose object is addressed, and the separable
    // verb read with its particle ("forderte … auf" is auffordern).
    assert_eq!(
        speaker_addressee("Der Kanzler forderte die Opposition auf, den Haushalt zu unterstützen."),
        pair("Der Kanzler", "die Opposition")
    );
    // "gegenüber X": the addressee without the preposition.
    assert_eq!(
        speaker_addressee("Der Minister sagte gegenüber der Zeitung, die Lage sei ernst."),
        pair("Der Minister", "der Zeitung")
    );
    // In the passive the subject is the one addressed, not the speaker.
    assert_eq!(
        speaker_addressee("Israel wurde am Montag gebeten, es solle die Gespräche fortsetzen."),
        pair("", "Israel")
    );
    assert_eq!(
        speaker_addressee("Die Regierung wurde aufgefordert: „Setzen Sie die Gespräche fort.“"),
        pair("", "Die Regierung")
    );
    // A verb whose object is not addressed has no addressee from it.
    assert_eq!(
        speaker_addressee("Der Sprecher bestätigte die Angaben, man prüfe alle Möglichkeiten."),
        pair("Der Sprecher", "")
    );
}

#[test]
fn a_particle_after_the_comma_belongs_to_the_reported_clause() {
    // "aus" closes "schließe … aus", not "sagte": the quote stays indirect
    // and the cue is "sagte" alone.
    assert_eq!(
        cues("Putin sagte, er schließe eine Zusammenarbeit mit Pjöngjang nicht aus."),
        ["sagte"]
    );
    // Between two commas an apposition: the particle is the cue's.
    assert_eq!(
        cues("Dazu teilte der Direktor, Bagus Puruhito, mit, der Vulkan sei ruhig."),
        ["teilte … mit"]
    );
    // "forderte" without "auf" is fordern: its object is not addressed.
    assert_eq!(
        speaker_addressee("Putin forderte eine Überprüfung der Sanktionen und sagte, man werde sich nicht beugen."),
        [("Putin".to_string(), String::new())]
    );
}
