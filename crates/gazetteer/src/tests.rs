use super::*;
use wortlaut_normalize::Normalizer;

const TSV: &str = "\
united_states\tGPE\tVereinigte Staaten\tUSA|US|Amerika\tqid=Q30;adjective=amerikanisch;demonym=Amerikaner
russia\tGPE\tRussland\tRussische Föderation\tqid=Q159;adjective=russisch;demonym=Russe
north_korea\tGPE\tNordkorea\tNord Korea\tqid=Q423;adjective=nordkoreanisch;demonym=Nordkoreaner
ukraine\tGPE\tUkraine\t\tqid=Q212;adjective=ukrainisch;demonym=Ukrainer
vietnam\tGPE\tVietnam\t\tqid=Q881;adjective=vietnamesisch;demonym=Vietnamese
the_hague\tGPE\tDen Haag\t\tqid=Q36600
kremlin\tORG\tKreml\t\tqid=Q1713
un\tORG\tVereinte Nationen\tUN|UNO\tqid=Q1065
vladimir_putin\tPER\tWladimir Putin\tVladimir Putin\tqid=Q7747;country=russia;role=Präsident Russlands@2024-05-07
kim_jong_un\tPER\tKim Jong Un\t\tqid=Q56226;country=north_korea;short=Kim
kim_yo_jong\tPER\tKim Yo Jong\t\tqid=Q1349427;country=north_korea;short=Kim
to_lam\tPER\tTo Lam\tTô Lâm\tcountry=vietnam;short=Lam
matthew_miller\tPER\tMatthew Miller\t\tcountry=united_states
";

fn g() -> Gazetteer {
    Gazetteer::from_tsv(TSV).unwrap()
}

fn found(text: &str) -> Vec<(String, Option<String>, EntityType)> {
    g().find_in(text)
        .into_iter()
        .map(|m| (text[m.span.start..m.span.end].to_string(), m.entity, m.kind))
        .collect()
}

fn surfaces(text: &str) -> Vec<String> {
    found(text).into_iter().map(|(s, _, _)| s).collect()
}

#[test]
fn latin1_fast_paths_agree_with_std() {
    for u in 0..0x3000u32 {
        let Some(c) = char::from_u32(u) else { continue };
        assert_eq!(
            crate::search::is_alphanumeric(c),
            c.is_alphanumeric(),
            "{c:?}"
        );
        assert_eq!(crate::search::is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        assert_eq!(crate::search::is_uppercase(c), c.is_uppercase(), "{c:?}");
    }
}

#[test]
fn send_sync() {
    fn f<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
    f::<Gazetteer>();
    f::<crate::GazetteerBuilder>();
    f::<Mention>();
    f::<Entity>();
    f::<crate::EntityType>();
    f::<crate::Role>();
    f::<crate::Form>();
    f::<crate::Problem>();
    f::<crate::CompiledError>();
    fn g<T: Send + Sync>() {}
    g::<crate::Error>();
}

#[test]
fn builder_with_a_profile() {
    use wortlaut_text::Profile;
    // The German lists with the glue words left out: a glued name is no
    // longer found.
    let names: Vec<&str> = Profile::german().names().collect();
    let lists: Vec<(&str, &str)> = names
        .iter()
        .map(|&n| {
            let text = Profile::german().list(n).unwrap().text();
            (
                n,
                if n == "gazetteer/glue-words" {
                    "# none\n"
                } else {
                    text
                },
            )
        })
        .collect();
    let profile = Profile::from_lists("de", lists);
    let tsv = "vladimir_putin\tPER\tWladimir Putin\tPutin\n";
    let text = "Dann Putinunterzeichnete er.";
    let german = Gazetteer::from_tsv(tsv).unwrap();
    assert_eq!(german.find_in(text).len(), 1);
    let mut builder = crate::GazetteerBuilder::new();
    builder.profile(&profile);
    assert!(builder.build_tsv(tsv).unwrap().find_in(text).is_empty());
    // A compiled gazetteer loaded with that profile reads its lists too.
    let mut bytes = Vec::new();
    german.save_compiled(&mut bytes).unwrap();
    assert!(builder
        .build_bytes(&bytes)
        .unwrap()
        .find_in(text)
        .is_empty());
    assert_eq!(
        Gazetteer::from_bytes(&bytes).unwrap().find_in(text).len(),
        1
    );
    // A profile without the lists fails at build time, with the list's name.
    let e = crate::GazetteerBuilder::new()
        .profile(&Profile::from_lists("xx", []))
        .build(Vec::new())
        .unwrap_err();
    assert!(matches!(e, crate::Error::Profile(_)), "{e}");
    assert!(e.to_string().contains("gazetteer/"), "{e}");
}

#[test]
fn variants_and_norp() {
    let text = "Die russischen Truppen und die Nordkoreaner; Nordkoreanerinnen und Russen. Russlands Krieg.";
    let f = found(text);
    assert_eq!(
        f.iter()
            .map(|(s, e, k)| (s.as_str(), e.as_deref().unwrap(), *k))
            .collect::<Vec<_>>(),
        [
            ("russischen", "russia", EntityType::Norp),
            ("Nordkoreaner", "north_korea", EntityType::Norp),
            ("Nordkoreanerinnen", "north_korea", EntityType::Norp),
            ("Russen", "russia", EntityType::Norp),
            ("Russlands", "russia", EntityType::Gpe),
        ]
    );
}

#[test]
fn compounds_and_exceptions() {
    assert_eq!(
        surfaces("Der US-Präsident und der Ukraine-Krieg"),
        ["US", "Ukraine"]
    );
    assert_eq!(surfaces("3,5 Milliarden US-Dollar"), Vec::<String>::new());
    assert_eq!(surfaces("im Ukrainekrieg"), ["Ukraine"]);
    // A name as the start of an unrelated word does not fire.
    assert_eq!(surfaces("Die Kremlinologie"), Vec::<String>::new());
}

#[test]
fn glued_names_are_found_and_flagged() {
    let text = "Wladimir Putinunterzeichnete mit To Lamwährend des Besuchs in Vietnamein Abkommen.";
    let ms = g().find_in(text);
    let got: Vec<(&str, bool)> = ms
        .iter()
        .map(|m| (&text[m.span.start..m.span.end], m.glued))
        .collect();
    assert_eq!(
        got,
        [
            ("Wladimir Putin", true),
            ("To Lam", true),
            ("Vietnam", true)
        ]
    );
}

/// Every mention's normalised span, mapped from the folded view directly,
/// is the one its original span maps to, and names the same words —
/// across repairs (mojibake, no-break spaces, glued names, soft hyphens)
/// and on every seed.
#[test]
fn normalised_spans_agree_with_the_original_ones() {
    let mut texts = seed_texts();
    texts.push(
        "Die PrÃ¤sidentin traf Wladimir\u{a0}Putinunterzeichnete in Vietnamein Abkommen, \
         Berlin-Charlottenburg und Frei\u{ad}burg im Breisgau, Carl Thayer und Thayer."
            .to_string(),
    );
    let g = g();
    let mut n = 0;
    for text in &texts {
        let normalized = Normalizer::new().normalize(text);
        for m in g.find(&normalized) {
            assert_eq!(
                m.norm,
                normalized.to_normalized(m.span),
                "{m:?} in {text:?}"
            );
            assert!(m.norm.is_valid_for(normalized.text()), "{m:?}");
            n += 1;
        }
    }
    assert!(n > 100, "only {n} mentions");
}

#[test]
fn german_words_and_case() {
    // "Den" alone is an article; "Den Haag" is a city.
    assert_eq!(surfaces("Den ganzen Tag in Den Haag"), ["Den Haag"]);
    // Acronyms need their exact letters; capitalised names need a capital.
    assert_eq!(surfaces("Sie sagte us nichts, aber die US schon"), ["US"]);
    assert_eq!(
        surfaces("russland ist klein geschrieben"),
        Vec::<String>::new()
    );
}

#[test]
fn white_space_and_soft_hyphens_inside_names() {
    assert_eq!(
        surfaces("die Vereinigte\nStaaten und Vereinigte  Staa\u{ad}ten"),
        ["Vereinigte\nStaaten", "Vereinigte  Staa\u{ad}ten"]
    );
}

#[test]
fn unicode_word_boundaries() {
    let g = Gazetteer::from_tsv("lt\tORG\tlt.\n").unwrap();
    assert!(g.find_in("Er erhält den Preis").is_empty());
}

#[test]
fn transliterations_and_diacritics() {
    assert_eq!(
        found("Kim Jong-un traf Tô Lâm.")
            .iter()
            .map(|(_, e, _)| e.clone().unwrap())
            .collect::<Vec<_>>(),
        ["kim_jong_un", "to_lam"]
    );
}

#[test]
fn short_forms_resolve_within_the_document() {
    let f = found("Lam kam. Matthew Miller sprach. Später sagte Miller, Lam habe Putin getroffen. To Lam lachte, und Lam ging.");
    let got: Vec<(&str, Option<&str>)> = f
        .iter()
        .map(|(s, e, _)| (s.as_str(), e.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("Matthew Miller", Some("matthew_miller")),
            ("Miller", Some("matthew_miller")),
            ("To Lam", Some("to_lam")),
            ("Lam", Some("to_lam")),
        ]
    );
}

#[test]
fn ambiguous_short_forms_stay_unresolved() {
    let f = found("Kim Jong Un und Kim Yo Jong kamen. Kim sprach.");
    let got: Vec<&str> = f.iter().map(|(s, _, _)| s.as_str()).collect();
    assert_eq!(got, ["Kim Jong Un", "Kim Yo Jong"]);
    let f = found("Kim Jong Un kam. Kim sprach.");
    assert_eq!(f[1].1.as_deref(), Some("kim_jong_un"));
}

#[test]
fn overlapping_api_returns_nested_names() {
    let g = Gazetteer::from_tsv(
        "un\tORG\tVereinte Nationen\nunsc\tORG\tSicherheitsrat der Vereinte Nationen\n",
    )
    .unwrap();
    let n = wortlaut_normalize::Normalizer::new()
        .normalize("Der Sicherheitsrat der Vereinte Nationen tagt.");
    let all: Vec<Option<String>> = g
        .find_overlapping(&n)
        .into_iter()
        .map(|m| m.entity)
        .collect();
    assert_eq!(all, [Some("unsc".to_string()), Some("un".to_string())]);
    let flat: Vec<Option<String>> = g.find(&n).into_iter().map(|m| m.entity).collect();
    assert_eq!(flat, [Some("unsc".to_string())]);
}

#[test]
fn shorter_match_survives_a_failed_longer_one() {
    // "Nord Korea" fails at its end ("Koreaner…" runs on), "Nord" is no
    // entity, but the longer valid "Nord Korea'S" apostrophe case and the
    // plain match still work.
    let g = Gazetteer::from_tsv("korea\tGPE\tKorea\nnk\tGPE\tNord Korea\n").unwrap();
    let text = "Nord Koreakritik: Nord Korea'S Kim";
    let got: Vec<(&str, String)> = g
        .find_in(text)
        .into_iter()
        .map(|m| (&text[m.span.start..m.span.end], m.entity.unwrap()))
        .collect();
    assert_eq!(got, [("Nord Korea", "nk".to_string())]);
}

#[test]
fn loading_never_panics() {
    for junk in [
        "",
        "\t\t\t\t\t\t",
        "a\tPER",
        "\u{0}\tPER\tx",
        "x\tPER\t\u{feff}",
        "id\ttype\n",
        "a\tPER\tA\t|||\t;;;",
    ] {
        let _ = Gazetteer::from_tsv(junk);
        let _ = check_tsv(junk);
    }
}

#[test]
fn embedded_default_loads_and_finds_world_news() {
    let t = std::time::Instant::now();
    let g = Gazetteer::german().unwrap();
    assert!(g.entities().len() > 600, "{}", g.entities().len());
    assert!(t.elapsed().as_secs_f64() < 5.0);
    assert!(check_tsv(include_str!("../data/default.tsv")).is_empty());
    let text = "Der russische Präsident Wladimir Putin traf in Pjöngjang Kim Jong Un; US-amerikanische \
                und südkoreanische Beobachter, die Vereinten Nationen und der Kreml äußerten sich. Kim lachte.";
    let ms = g.find_in(text);
    let got: Vec<(&str, &str)> = ms
        .iter()
        .map(|m| {
            (
                &text[m.span.start..m.span.end],
                m.entity.as_deref().unwrap_or("?"),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("russische", "russia"),
            ("Wladimir Putin", "vladimir_putin"),
            ("Pjöngjang", "pyongyang"),
            ("Kim Jong Un", "kim_jong_un"),
            ("US-amerikanische", "united_states"),
            ("südkoreanische", "south_korea"),
            ("Vereinten Nationen", "united_nations"),
            ("Kreml", "kremlin"),
            ("Kim", "kim_jong_un"),
        ]
    );
}

#[test]
fn clubs_are_not_cities_and_capitals_are_not_acronyms() {
    let g = Gazetteer::from_tsv("dortmund\tGPE\tDortmund\ncologne\tGPE\tKöln\nrome\tGPE\tRom\n")
        .unwrap();
    let text = "Borussia Dortmund schlug den 1. FC Köln in Dortmund; CD-ROM aus Rom.";
    let got: Vec<(&str, Option<String>, EntityType)> = g
        .find_in(text)
        .into_iter()
        .map(|m| (&text[m.span.start..m.span.end], m.entity, m.kind))
        .collect();
    assert_eq!(
        got,
        [
            ("Borussia Dortmund", None, EntityType::Org),
            ("1. FC Köln", None, EntityType::Org),
            ("Dortmund", Some("dortmund".to_string()), EntityType::Gpe),
            ("Rom", Some("rome".to_string()), EntityType::Gpe),
        ]
    );
}

#[test]
fn regression_person_surname_inside_club_name() {
    // Found by proptest: a surname standing alone must not overlap a club
    // name that the club rule built around a place.
    for t in [
        "WladimirDollarBorussiaDollarBorussiaRussland",
        "US-UniversitätRussland-",
    ] {
        let ms = g().find_in(t);
        for w in ms.windows(2) {
            assert!(w[0].span.end <= w[1].span.start, "{t}: {w:?}");
        }
    }
}

#[test]
fn organisations_named_after_places() {
    let g = Gazetteer::from_tsv("hamburg\tGPE\tHamburg\nhannover\tGPE\tHannover\ngermany\tGPE\tDeutschland\t\tadjective=deutsch\n").unwrap();
    let text = "Er lehrt an der Universität Hamburg und der Medizinischen Hochschule Hannover, spart bei der Deutschen Bank und lebt in Hamburg. Deutsche Firmen und die deutsche Bank.";
    let got: Vec<(&str, EntityType)> = g
        .find_in(text)
        .into_iter()
        .map(|m| (&text[m.span.start..m.span.end], m.kind))
        .collect();
    assert_eq!(
        got,
        [
            ("Universität Hamburg", EntityType::Org),
            ("Medizinischen Hochschule Hannover", EntityType::Org),
            ("Deutschen Bank", EntityType::Org),
            ("Hamburg", EntityType::Gpe),
            ("Deutsche", EntityType::Norp),
            ("deutsche", EntityType::Norp),
        ]
    );
}

fn compiled(g: &Gazetteer) -> Vec<u8> {
    let mut bytes = Vec::new();
    g.save_compiled(&mut bytes).unwrap();
    bytes
}

fn seed_texts() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    out.sort();
    assert!(!out.is_empty());
    out
}

#[test]
fn compiled_round_trip_gives_identical_mentions() {
    for g in [g(), Gazetteer::german().unwrap()] {
        let bytes = compiled(&g);
        let h = Gazetteer::from_compiled(&bytes).unwrap();
        assert_eq!(h.entities(), g.entities());
        assert_eq!(h.pattern_count(), g.pattern_count());
        assert_eq!(compiled(&h), bytes, "saving again gives the same bytes");
        let n = Normalizer::new();
        for text in seed_texts()
            .iter()
            .map(String::as_str)
            .chain([TSV, "Kim Jong-un traf Tô Lâm. Putins Russlands"])
        {
            let norm = n.normalize(text);
            assert_eq!(h.find(&norm), g.find(&norm));
            assert_eq!(h.find_overlapping(&norm), g.find_overlapping(&norm));
        }
        // `from_bytes` tells the formats apart.
        assert_eq!(
            Gazetteer::from_bytes(&bytes).unwrap().pattern_count(),
            g.pattern_count()
        );
    }
}

#[test]
fn bad_compiled_files_give_typed_errors() {
    let bytes = compiled(&g());
    let err = |b: &[u8]| match Gazetteer::from_compiled(b) {
        Err(Error::Compiled(e)) => e,
        other => panic!("expected a compiled-format error, got {other:?}"),
    };
    // Foreign data.
    assert_eq!(err(b"id\ttype\tname\n"), CompiledError::NotCompiled);
    assert_eq!(err(b"\x89PNG\r\n\x1a\n...."), CompiledError::NotCompiled);
    assert_eq!(err(b""), CompiledError::NotCompiled);
    // Truncated anywhere.
    for cut in [8, 11, 12, 20, bytes.len() / 2, bytes.len() - 1] {
        let e = err(&bytes[..cut]);
        assert!(
            matches!(e, CompiledError::Truncated | CompiledError::Checksum),
            "cut at {cut}: {e:?}"
        );
    }
    // A flipped payload byte.
    let mut b = bytes.clone();
    let k = b.len() - 40;
    b[k] ^= 0x10;
    assert_eq!(err(&b), CompiledError::Checksum);
    // Another format version, newer or older (1: before `acts_for`).
    for v in [99, 1] {
        let mut b = bytes.clone();
        b[8] = v;
        assert_eq!(
            err(&b),
            CompiledError::FormatVersion {
                found: u32::from(v),
                supported: 2
            }
        );
    }
    // Another crate version (same length, so only the text differs).
    let mut b = bytes.clone();
    b[16] = b'9';
    assert!(matches!(err(&b), CompiledError::CrateVersion { .. }));
    // An entity type out of range behind a valid checksum.
    let mut b = bytes.clone();
    let at = 8 + 8 + env!("CARGO_PKG_VERSION").len() + 4 + 4 + "united_states".len();
    b[at] = 42;
    crate::compiled::reseal(&mut b);
    assert!(
        matches!(err(&b), CompiledError::Invalid(_)),
        "{:?}",
        err(&b)
    );
    // `load` of a binary file that is neither format.
    assert!(matches!(
        Gazetteer::from_bytes(&[0xff, 0xfe, 0, 1]),
        Err(Error::Parse(_))
    ));
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Flipped, overwritten or cut bytes, with and without a repaired
        /// checksum, never panic; what loads still finds valid spans.
        #[test]
        fn damaged_compiled_files_never_panic(
            edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
            cut in any::<prop::sample::Index>(),
            reseal in any::<bool>(),
            truncate in any::<bool>(),
        ) {
            static BYTES: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
            let bytes = BYTES.get_or_init(|| compiled(&g()));
            let mut b = bytes.clone();
            for (i, v) in &edits {
                let k = i.index(b.len());
                b[k] = if *v == 0 { b[k] ^ 1 } else { *v };
            }
            if truncate {
                b.truncate(cut.index(b.len()));
            }
            if reseal {
                crate::compiled::reseal(&mut b);
            }
            if let Ok(h) = Gazetteer::from_compiled(&b) {
                let t = "Wladimir Putin und Kim Jong Un in Russland, die Vereinigten Staaten.";
                for m in h.find_in(t).into_iter().chain(h.find_overlapping(&Normalizer::new().normalize(t))) {
                    prop_assert!(m.span.is_valid_for(t));
                }
            }
        }
    }

    fn text() -> impl Strategy<Value = String> {
        let atoms = prop::sample::select(vec![
            "Russland",
            "russische",
            "US",
            "-",
            "Dollar",
            " ",
            "\n",
            "Kim",
            "Jong",
            "Un",
            "Wladimir",
            "Putin",
            "unterzeichnete",
            "s",
            "'",
            "„",
            "“",
            ".",
            ",",
            "Borussia",
            "Dortmund",
            "Universität",
            "ä",
            "ß",
            "Ã¤",
            "\u{ad}",
            "Den",
            "Haag",
            "Carl",
            "Thayer",
            "Nguyen",
            "Khac",
            "Giang",
            "😀",
        ]);
        prop::collection::vec(atoms, 0..30).prop_map(|v| v.concat())
    }

    fn tsv() -> impl Strategy<Value = String> {
        let cell = prop::sample::select(vec![
            "",
            "a",
            "PER",
            "GPE",
            "XX",
            "Name",
            "Kim Jong Un",
            "x|y|",
            "qid=Q1",
            "qid=1",
            "adjective=russisch",
            "demonym=Russe",
            "short=Kim",
            "acts_for=a",
            "role=A@2024",
            "=",
            ";;",
            "\u{0}",
            "ß",
            "US",
        ]);
        prop::collection::vec(prop::collection::vec(cell, 0..6), 0..8).prop_map(|rows| {
            rows.into_iter()
                .map(|r| r.join("\t"))
                .collect::<Vec<_>>()
                .join("\n")
        })
    }

    proptest! {
        #[test]
        fn mentions_are_valid_spans(t in text()) {
            let ms = g().find_in(&t);
            for m in &ms {
                prop_assert!(m.span.is_valid_for(&t), "{:?} in {:?}", m, t);
                prop_assert!(m.span.start < m.span.end);
            }
            for w in ms.windows(2) {
                prop_assert!(w[0].span.end <= w[1].span.start, "overlap {:?}", w);
            }
        }

        #[test]
        fn any_gazetteer_file_loads_or_fails_cleanly(f in tsv(), t in text()) {
            let problems = check_tsv(&f);
            match Gazetteer::from_tsv(&f) {
                Ok(g) => {
                    // Only what loading does not check.
                    prop_assert!(problems
                        .iter()
                        .all(|p| p.message.contains("repeats") || p.message.contains("names no entity")));
                    for m in g.find_in(&t) {
                        prop_assert!(m.span.is_valid_for(&t));
                    }
                }
                Err(_) => prop_assert!(!problems.is_empty()),
            }
        }
    }
}

#[test]
fn places_written_as_one_name_are_one_mention() {
    let g = Gazetteer::from_tsv(
        "germany\tGPE\tDeutschland\t\tadjective=deutsch\n\
         russia\tGPE\tRussland\t\tadjective=russisch\n\
         north_korea\tGPE\tNordkorea\t\tadjective=nordkoreanisch\n\
         berlin\tGPE\tBerlin\t\tcountry=germany\n\
         charlottenburg\tGPE\tCharlottenburg\t\tcountry=germany\n\
         freiburg\tGPE\tFreiburg\t\tcountry=germany\n\
         breisgau\tLOC\tBreisgau\n",
    )
    .unwrap();
    let text =
        "In Berlin-Charlottenburg und in Freiburg im Breisgau, nach dem Russland-Nordkorea-Gipfel.";
    let got: Vec<(String, Option<String>)> = g
        .find_in(text)
        .into_iter()
        .map(|m| (text[m.span.start..m.span.end].to_string(), m.entity))
        .collect();
    assert_eq!(
        got,
        [
            ("Berlin-Charlottenburg".to_string(), None),
            ("Freiburg im Breisgau".to_string(), None),
            ("Russland".to_string(), Some("russia".to_string())),
            ("Nordkorea".to_string(), Some("north_korea".to_string())),
        ]
    );
}

#[test]
fn capitals_act_for_their_country() {
    let g = Gazetteer::german().unwrap();
    for (capital, country) in [
        ("washington", "united_states"),
        ("moscow", "russia"),
        ("hanoi", "vietnam"),
        ("pyongyang", "north_korea"),
        ("beijing", "china"),
        ("kyiv", "ukraine"),
        ("berlin", "germany"),
        ("seoul", "south_korea"),
        ("tokyo", "japan"),
    ] {
        assert_eq!(g.acting_id(capital), country, "{capital}");
        assert!(g.entity(country).is_some(), "{country}");
    }
    // Other cities act for themselves, and so do countries.
    for id in [
        "hamburg",
        "munich",
        "saint_petersburg",
        "shanghai",
        "russia",
    ] {
        assert_eq!(g.entity(id).unwrap().acts_for, None, "{id}");
        assert_eq!(g.acting_id(id), id);
    }
    // Every acts_for names an entity of the gazetteer.
    for e in g.entities() {
        if let Some(a) = &e.acts_for {
            assert!(g.entity(a).is_some(), "{}: acts_for={a}", e.id);
        }
    }
}

#[test]
fn acts_for_survives_compiling_and_changes_no_mention() {
    let with = format!(
        "{TSV}moscow\tGPE\tMoskau\t\tcountry=russia;acts_for=russia\n\
         kasan\tGPE\tKasan\t\tcountry=russia\n"
    );
    let without = with.replace(";acts_for=russia", "");
    let g = Gazetteer::from_tsv(&with).unwrap();
    let h = Gazetteer::from_compiled(&compiled(&g)).unwrap();
    assert_eq!(h.entities(), g.entities());
    assert_eq!(h.acting_id("moscow"), "russia");
    assert_eq!(h.acting_id("kasan"), "kasan");
    let plain = Gazetteer::from_tsv(&without).unwrap();
    assert_eq!(plain.acting_id("moscow"), "moscow");
    let text = "Moskau und Kasan: Moskaus Antwort, Russlands Präsident Wladimir Putin.";
    assert_eq!(g.find_in(text), plain.find_in(text));
    assert_eq!(g.find_in(text).len(), 5);
}
