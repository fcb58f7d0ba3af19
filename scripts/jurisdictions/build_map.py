#!/usr/bin/env python3
"""Build services/Jurisdictions/Map/Data/jurisdiction-map.json.

Re-run (from anywhere; plain python3, standard library only):

    python3 scripts/jurisdictions/build_map.py            # writes the map, prints the checks
    python3 scripts/jurisdictions/build_map.py --check    # only checks the existing map is up to date

Inputs:
  * services/Jurisdictions/Regions/Data/idn-area-data/{provinces,regencies,districts}.csv
    (vendored, unmodified idn-area-data 4.0.1, ODbL; Kemendagri codes with dots).
  * scripts/jurisdictions/curated.json -- the HAND-CURATED part: the Polda of every
    province (real names; the newer Papua provinces are served by Polda Papua /
    Polda Papua Barat, see the notes there), and the Polres whose real name and type
    are known reliably, with the Polda exceptions (Kabupaten/Kota Bekasi, Kota Depok,
    Kota Tangerang, Kota Tangerang Selatan -> Polda Metro Jaya). Edit that file, not
    the output.

Everything else is GENERATED and marked "nameIsReal": false:
  * a Polres for every regency/city not listed in curated.json, named
    "Polres <name>" for a kabupaten and "Polres <name> Kota" for a kota, under the
    Polda of its province;
  * a Polsek for every district, named "Polsek <district name>", id
    "polsek-<district code with dashes>", under the Polres of its regency.

The script exits non-zero when a check fails (every regency has exactly one Polres,
every district exactly one Polsek, every Polres a Polda that exists, ids unique, the
Polda Metro Jaya / Polda Banten exceptions hold) and then writes nothing.
"""

import csv
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
REGIONS_DIR = os.path.join(ROOT, "services", "Jurisdictions", "Regions", "Data", "idn-area-data")
CURATED = os.path.join(HERE, "curated.json")
OUTPUT = os.path.join(ROOT, "services", "Jurisdictions", "Map", "Data", "jurisdiction-map.json")

EXPECTED_COUNTS = {"provinces": 38, "regencies": 514, "districts": 7285}
POLRES_TYPES = {"Polres", "Polresta", "Polrestabes", "Polres Metro"}

# The real exceptions the map must hold: regency code -> (polda id, polres name).
EXPECTED_EXCEPTIONS = {
    "32.16": ("polda-metro-jaya", "Polres Metro Bekasi"),          # Kabupaten Bekasi
    "32.75": ("polda-metro-jaya", "Polres Metro Bekasi Kota"),     # Kota Bekasi
    "32.76": ("polda-metro-jaya", "Polres Metro Depok"),           # Kota Depok
    "36.71": ("polda-metro-jaya", "Polres Metro Tangerang Kota"),  # Kota Tangerang
    "36.74": ("polda-metro-jaya", "Polres Tangerang Selatan"),     # Kota Tangerang Selatan
    "36.03": ("polda-banten", "Polresta Tangerang"),               # Kabupaten Tangerang
}


def kebab(text):
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def read_csv(name):
    with open(os.path.join(REGIONS_DIR, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def generated_polres_name(regency_name):
    for prefix, suffix in (("Kabupaten Administrasi ", ""), ("Kota Administrasi ", " Kota"),
                           ("Kabupaten ", ""), ("Kota ", " Kota")):
        if regency_name.startswith(prefix):
            return "Polres " + regency_name[len(prefix):] + suffix
    raise ValueError("unexpected regency name: " + regency_name)


def build():
    provinces = read_csv("provinces.csv")
    regencies = read_csv("regencies.csv")
    districts = read_csv("districts.csv")
    with open(CURATED, encoding="utf-8") as f:
        curated = json.load(f)

    errors = []

    def check(cond, msg):
        if not cond:
            errors.append(msg)

    for key, rows in (("provinces", provinces), ("regencies", regencies), ("districts", districts)):
        check(len(rows) == EXPECTED_COUNTS[key], f"{key}: {len(rows)} rows, expected {EXPECTED_COUNTS[key]}")

    valid_from = curated["validFrom"]
    province_codes = {p["code"] for p in provinces}
    regency_by_code = {r["code"]: r for r in regencies}

    # --- Polda -----------------------------------------------------------------
    poldas = []
    polda_of_province = {}
    for c in curated["poldas"]:
        pid = "polda-" + kebab(c["name"][len("Polda "):])
        poldas.append({"id": pid, "name": c["name"], "provinces": c["provinces"],
                       "validFrom": c.get("validFrom", valid_from), "validTo": c.get("validTo")})
        for p in c["provinces"]:
            check(p in province_codes, f"{c['name']}: unknown province {p}")
            check(p not in polda_of_province, f"province {p} has more than one Polda")
            polda_of_province[p] = pid
    polda_ids = {p["id"] for p in poldas}
    for p in sorted(province_codes):
        check(p in polda_of_province, f"province {p} has no Polda")

    # --- Polres ----------------------------------------------------------------
    polres = []
    polres_of_regency = {}
    for c in curated["polres"]:
        check(c["type"] in POLRES_TYPES, f"{c['name']}: unknown type {c['type']}")
        check(len(c["regions"]) == len(c["regencyNames"]), f"{c['name']}: regions/regencyNames length differ")
        for code, expected_name in zip(c["regions"], c["regencyNames"]):
            reg = regency_by_code.get(code)
            check(reg is not None, f"{c['name']}: unknown regency {code}")
            if reg is not None:
                check(reg["name"] == expected_name,
                      f"{c['name']}: regency {code} is '{reg['name']}', curated says '{expected_name}'")
        home_polda = polda_of_province.get(c["regions"][0].split(".")[0])
        polres.append({"id": kebab(c["name"]), "name": c["name"], "type": c["type"],
                       "regions": c["regions"], "polda": c.get("polda", home_polda), "nameIsReal": True,
                       "validFrom": c.get("validFrom", valid_from), "validTo": c.get("validTo")})
    curated_regions = {code for c in curated["polres"] for code in c["regions"]}
    for reg in regencies:
        if reg["code"] in curated_regions:
            continue
        name = generated_polres_name(reg["name"])
        polres.append({"id": kebab(name), "name": name, "type": "Polres", "regions": [reg["code"]],
                       "polda": polda_of_province.get(reg["province_code"]), "nameIsReal": False,
                       "validFrom": valid_from, "validTo": None})

    # Disambiguate colliding ids with the (first) regency code.
    counts = {}
    for p in polres:
        counts[p["id"]] = counts.get(p["id"], 0) + 1
    for p in polres:
        if counts[p["id"]] > 1:
            p["id"] += "-" + p["regions"][0].replace(".", "-")

    polres.sort(key=lambda p: p["regions"][0])
    for p in polres:
        check(p["polda"] in polda_ids, f"{p['id']}: Polda {p['polda']} does not exist")
        for code in p["regions"]:
            check(code in regency_by_code, f"{p['id']}: unknown regency {code}")
            check(code not in polres_of_regency, f"regency {code} has more than one Polres")
            polres_of_regency[code] = p
    for reg in regencies:
        check(reg["code"] in polres_of_regency, f"regency {reg['code']} has no Polres")

    # --- Polsek ----------------------------------------------------------------
    polsek = []
    seen_districts = set()
    for d in sorted(districts, key=lambda d: d["code"]):
        check(d["code"] not in seen_districts, f"district {d['code']} appears twice")
        seen_districts.add(d["code"])
        owner = polres_of_regency.get(d["regency_code"])
        check(owner is not None, f"district {d['code']}: regency {d['regency_code']} has no Polres")
        polsek.append({"id": "polsek-" + d["code"].replace(".", "-"), "name": "Polsek " + d["name"],
                       "region": d["code"], "polres": owner["id"] if owner else None, "nameIsReal": False,
                       "validFrom": valid_from, "validTo": None})
    polres_ids = {p["id"] for p in polres}
    for s in polsek:
        check(s["polres"] in polres_ids, f"{s['id']}: Polres {s['polres']} does not exist")

    # --- global checks -----------------------------------------------------------
    all_ids = [x["id"] for x in poldas + polres + polsek]
    check(len(all_ids) == len(set(all_ids)), "ids are not unique")
    for code, (polda_id, name) in EXPECTED_EXCEPTIONS.items():
        p = polres_of_regency.get(code)
        check(p is not None and p["polda"] == polda_id and p["name"] == name,
              f"exception {code}: expected {name} under {polda_id}, got {p and (p['name'], p['polda'])}")
    for reg in regencies:
        if reg["province_code"] == "31":
            check(polres_of_regency[reg["code"]]["polda"] == "polda-metro-jaya",
                  f"{reg['code']}: DKI Jakarta must be Polda Metro Jaya")

    doc = {
        "version": curated["version"],
        "validFrom": valid_from,
        "source": ("Generated by scripts/jurisdictions/build_map.py from idn-area-data 4.0.1 "
                   "(Kemendagri region codes, ODbL) and scripts/jurisdictions/curated.json; "
                   "entries with nameIsReal=false carry generated placeholder names."),
        "poldas": poldas,
        "polres": polres,
        "polsek": polsek,
    }
    return doc, errors


def render(doc):
    """Compact JSON, one entry per line."""
    def entry(e):
        return json.dumps(e, ensure_ascii=False, separators=(",", ":"))

    out = ["{"]
    for key in ("version", "validFrom", "source"):
        out.append(f'"{key}":{json.dumps(doc[key], ensure_ascii=False)},')
    lists = ("poldas", "polres", "polsek")
    for i, key in enumerate(lists):
        out.append(f'"{key}":[')
        out.append(",\n".join(entry(e) for e in doc[key]))
        out.append("]" + ("," if i < len(lists) - 1 else ""))
    out.append("}")
    return "\n".join(out) + "\n"


def main():
    doc, errors = build()
    if errors:
        for e in errors:
            print("CHECK FAILED:", e, file=sys.stderr)
        return 1
    text = render(doc)
    assert json.loads(text) == doc
    real = sum(1 for p in doc["polres"] if p["nameIsReal"])
    multi = [p["name"] + " " + "+".join(p["regions"]) for p in doc["polres"] if len(p["regions"]) > 1]
    print(f"poldas: {len(doc['poldas'])} (for {sum(len(p['provinces']) for p in doc['poldas'])} provinces)")
    print(f"polres: {len(doc['polres'])} (real names {real}, generated {len(doc['polres']) - real}); "
          f"covering {sum(len(p['regions']) for p in doc['polres'])} regencies; multi-regency: {multi}")
    print(f"polsek: {len(doc['polsek'])} (all generated names)")
    print("checks: every province one Polda, every regency exactly one Polres, every district exactly "
          "one Polsek under its regency's Polres, every Polres a Polda that exists, ids unique, "
          "Polda Metro Jaya / Polda Banten exceptions: OK")
    if "--check" in sys.argv[1:]:
        with open(OUTPUT, encoding="utf-8") as f:
            if f.read() != text:
                print(f"{OUTPUT} is out of date: re-run without --check", file=sys.stderr)
                return 1
        print("up to date:", OUTPUT)
        return 0
    with open(OUTPUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {OUTPUT} ({len(text.encode('utf-8'))} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
