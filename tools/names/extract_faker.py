"""Extract given names and family names from the person providers of the
Python package Faker (MIT licence) for wortlaut's name lists.

Usage: pip download faker==40.63.0 --no-deps; unzip the wheel; then
    python3 tools/names/extract_faker.py UNZIPPED_DIR OUT_DIR

Writes OUT_DIR/faker-given.txt and OUT_DIR/faker-family.txt: one name a line,
sorted, Latin script only (a name with a letter outside Latin is left out).
"""

import importlib
import sys
import unicodedata
from pathlib import Path

LOCALES = [
    "cs_CZ", "da_DK", "de_AT", "de_CH", "de_DE", "en_GB", "en_IE", "en_US",
    "es_ES", "es_MX", "es_AR", "et_EE", "fi_FI", "fr_FR", "fr_CH", "hr_HR", "hu_HU",
    "id_ID", "is_IS", "it_IT", "lt_LT", "lv_LV", "nl_NL", "no_NO", "pl_PL",
    "pt_BR", "pt_PT", "ro_RO", "sk_SK", "sl_SI", "sv_SE", "tr_TR", "vi_VN",
]


def latin(name: str) -> bool:
    return all(
        c in " -'" or (c.isalpha() and "LATIN" in unicodedata.name(c, ""))
        for c in name
    )


def names(provider, attrs):
    out = set()
    for a in attrs:
        v = getattr(provider, a, None)
        if v is None:
            continue
        items = v.keys() if isinstance(v, dict) else v
        for n in items:
            n = str(n).strip()
            if len(n) >= 2 and " " not in n and latin(n) and n[0].isupper():
                out.add(n)
    return out


def main() -> None:
    root, out_dir = Path(sys.argv[1]), Path(sys.argv[2])
    sys.path.insert(0, str(root))
    given, family = set(), set()
    for loc in LOCALES:
        mod = importlib.import_module(f"faker.providers.person.{loc}")
        p = mod.Provider
        given |= names(p, ["first_names", "first_names_male", "first_names_female"])
        family |= names(p, ["last_names", "last_names_male", "last_names_female"])
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "faker-given.txt").write_text("\n".join(sorted(given)) + "\n")
    (out_dir / "faker-family.txt").write_text("\n".join(sorted(family)) + "\n")
    print(len(given), len(family))


if __name__ == "__main__":
    main()
