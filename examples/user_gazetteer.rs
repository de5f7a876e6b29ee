//! The gazetteer crate on its own, with a gazetteer of your own: find the
//! mentions of your entities (with their German inflections) in a text.
//!
//! ```sh
//! cargo run --example user_gazetteer
//! cargo run --example user_gazetteer -- my-entities.tsv "Text …"
//! ```
//!
//! The file format (one entity per line: id, type, name, aliases,
//! attributes) is in docs/FORMATS.md.

use wortlaut_gazetteer::Gazetteer;
use wortlaut_normalize::Normalizer;

const SAMPLE: &str = "\
# id\ttype\tname\taliases\tattributes
acme\tORG\tAcme Werke\tAcme\tcountry=germany
erika_muster\tPER\tErika Mustermann\t\trole=Vorstandschefin der Acme Werke@2026-01-01
musterstadt\tGPE\tMusterstadt\t\tcountry=germany
";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let gazetteer = match args.first() {
        Some(path) => Gazetteer::load(path)?,
        None => Gazetteer::from_tsv(SAMPLE)?,
    };
    let text = args.get(1).cloned().unwrap_or_else(|| {
        "Die Vorstandschefin der Acme Werke, Erika Mustermann, eröffnete in Musterstadt \
         ein Werk. Mustermann sagte, Acmes Umsatz wachse; die Musterstädter freuten sich."
            .to_string()
    });
    // The gazetteer matches on the normalised text and reports spans of
    // the original.
    let normalized = Normalizer::new().normalize(&text);
    for m in gazetteer.find(&normalized) {
        println!(
            "{:<5} {:>4}..{:<4} {:<20} {}",
            m.kind.as_str(),
            m.span.start,
            m.span.end,
            &text[m.span.start..m.span.end],
            m.entity.as_deref().unwrap_or("(ambiguous)")
        );
    }
    Ok(())
}
