//! The JSON export, read back with serde_json and checked against the model and the
//! source texts: shape, offsets in code points, sentences, grid.

use serde_json::Value;
use stances::export::Format;
use stances::model::Model;
use stances::source::normalize::normalize;
use stances::testing::fixtures::*;
use stances::view::View;

/// The keys of an object, sorted (serde_json's `Value` does not keep their order).
fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    k.sort_unstable();
    k
}

/// The top-level keys of the JSON export, in the order docs/SPEC.md §3 gives them, then the
/// comparison of docs/SPEC.md §5.
const TOP_LEVEL: [&str; 9] = [
    "schema",
    "title",
    "as_of",
    "parties",
    "issues",
    "sources",
    "positions",
    "grid",
    "comparison",
];

/// Checks one JSON export against its model; returns the parsed document.
fn check(model: &Model, date: Option<&str>) -> Value {
    let out = render(model, Format::Json, date);
    assert!(!has_raw_control(&out), "raw control character in JSON");
    let doc: Value = serde_json::from_str(&out).unwrap();
    for k in TOP_LEVEL {
        assert!(doc.get(k).is_some(), "missing {k}");
    }
    assert_eq!(doc["schema"], 1);
    assert_eq!(doc["title"], model.title.as_str());
    let base = model.path.parent().unwrap();

    let parties = doc["parties"].as_array().unwrap();
    assert_eq!(parties.len(), model.parties.len());
    for (j, p) in parties.iter().zip(&model.parties) {
        assert_eq!(
            (&j["id"], &j["name"], &j["short"]),
            (
                &Value::from(p.id.as_str()),
                &Value::from(p.name.as_str()),
                &Value::from(p.short.as_str())
            )
        );
    }
    let issues = doc["issues"].as_array().unwrap();
    for (j, i) in issues.iter().zip(&model.issues) {
        assert_eq!(j["id"], i.id.as_str());
        assert_eq!(j["name"], i.name.as_str());
        let scale = j["scale"].as_array().unwrap();
        assert_eq!(scale.len(), i.scale.len());
        for (s, step) in scale.iter().zip(&i.scale) {
            assert_eq!(keys(s), ["id", "label"]);
            assert_eq!(
                (s["id"].as_str(), s["label"].as_str()),
                (Some(step.id.as_str()), Some(step.label.as_str()))
            );
        }
    }

    // Sources: `file` is relative to positions.toml's directory; texts by id.
    let mut texts = std::collections::HashMap::new();
    for (j, s) in doc["sources"]
        .as_array()
        .unwrap()
        .iter()
        .zip(model.sources.iter())
    {
        for k in ["id", "file", "title", "publisher", "published", "url"] {
            assert!(j.get(k).is_some(), "source missing {k}");
        }
        let file = j["file"].as_str().unwrap();
        let bytes = std::fs::read(base.join(file)).unwrap();
        let text = stances::source::decode(bytes).unwrap();
        assert_eq!(text, s.text.text);
        assert_eq!(
            j["published"],
            s.published
                .map(|d| d.to_string())
                .map_or(Value::Null, Value::from)
        );
        texts.insert(
            j["id"].as_str().unwrap().to_string(),
            text.chars().collect::<Vec<char>>(),
        );
    }

    // Positions: file order, header lines, citations by code point.
    let toml_lines: Vec<String> = std::fs::read_to_string(&model.path)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    let positions = doc["positions"].as_array().unwrap();
    assert_eq!(positions.len(), model.positions.len());
    for (j, p) in positions.iter().zip(&model.positions) {
        for k in [
            "party",
            "issue",
            "as_of",
            "summary",
            "detail",
            "stance",
            "status",
            "confidence",
            "line",
            "citations",
        ] {
            assert!(j.get(k).is_some(), "position missing {k}");
        }
        assert_eq!(j["summary"], p.summary.as_str());
        assert_eq!(j["party"], model.parties[p.party].id.as_str());
        let line = j["line"].as_u64().unwrap() as usize;
        assert_eq!(toml_lines[line - 1].trim(), "[[position]]", "line {line}");
        let cites = j["citations"].as_array().unwrap();
        assert_eq!(cites.len(), p.citations.len());
        for (c, mc) in cites.iter().zip(&p.citations) {
            let text = &texts[c["source"].as_str().unwrap()];
            let at = |v: &Value| v.as_u64().unwrap() as usize;
            let (start, end) = (at(&c["start"]), at(&c["end"]));
            let span: String = text[start..end].iter().collect();
            assert_eq!(normalize(&span), normalize(c["quote"].as_str().unwrap()));
            assert_eq!(c["quote"], &*mc.quote);
            let s = &c["sentence"];
            assert_eq!(keys(s), ["end", "start", "text"]);
            let (ss, se) = (at(&s["start"]), at(&s["end"]));
            let sentence: String = text[ss..se].iter().collect();
            assert_eq!(s["text"].as_str().unwrap(), sentence);
            assert_eq!(
                sentence.trim(),
                sentence,
                "sentence has white space around it"
            );
            assert!(ss <= start && end <= se, "sentence does not hold the quote");
        }
    }

    // Grid: per issue in order, each party's cell index at the view date.
    let view = View::new(
        std::sync::Arc::new(model.clone()),
        date.map(|d| stances::date::Date::parse(d).unwrap()),
    );
    let grid = doc["grid"].as_array().unwrap();
    assert_eq!(grid.len(), model.issues.len());
    for ((row, issue), cells) in grid.iter().zip(&model.issues).zip(&view.cells) {
        assert_eq!(keys(row), ["cells", "issue"]);
        assert_eq!(row["issue"], issue.id.as_str());
        let ids: Vec<&str> = model.parties.iter().map(|p| p.id.as_str()).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        assert_eq!(keys(&row["cells"]), sorted, "one cell per party");
        for (id, cell) in ids.iter().zip(cells) {
            let index = cell.map(stances::model::PositionId::index);
            assert_eq!(row["cells"][*id], index.map_or(Value::Null, Value::from));
        }
    }
    doc
}

#[test]
fn bundled_model_round_trips() {
    let m = load(&bundled());
    let doc = check(&m, None);
    assert_eq!(doc["as_of"], "2025-04-25");
    assert_eq!(doc["sources"][0]["file"], "seeds/000_654284435287354a.txt");
    // Curly quotes in the source are several bytes but one code point each.
    let moscow = doc["positions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["citations"].as_array().unwrap())
        .find(|c| c["source"] == "moscow-2025-04-25")
        .unwrap();
    assert!(moscow["start"].as_u64().unwrap() > 0);
    check(&m, Some("2025-04-17"));
    // Top-level keys come in the order docs/SPEC.md §3 shows.
    let out = render(&m, Format::Json, None);
    let at = |k: &str| out.find(&format!("\n  \"{k}\":")).unwrap();
    let order = TOP_LEVEL;
    assert!(order.windows(2).all(|w| at(w[0]) < at(w[1])));
}

#[test]
fn hostile_model_round_trips_exactly() {
    let h = Hostile::write();
    let m = load(&h.path());
    let doc = check(&m, None);
    // Strings are exact (escaped, not altered).
    assert_eq!(doc["parties"][0]["name"], "<script>alert('a')</script>");
    assert_eq!(
        doc["parties"][2]["name"],
        "中文 \u{202E}evil\u{202C} العربية"
    );
    assert_eq!(
        doc["positions"][4]["summary"],
        "\u{1b}[31mred\u{1b}[0m\ttab"
    );
    let out = render(&m, Format::Json, None);
    assert!(out.contains(r"\u001b[31mred") && out.contains(r"\u202e"));
    // Offsets count code points: the CJK quote sits after multi-byte text.
    let cjk = &doc["positions"][2]["citations"][0];
    let chars: Vec<char> = HOSTILE_SOURCE.chars().collect();
    let (s, e) = (
        cjk["start"].as_u64().unwrap() as usize,
        cjk["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        chars[s..e].iter().collect::<String>(),
        "北京与基辅的谈判仍在继续"
    );
}

#[test]
fn as_of_changes_the_grid() {
    let h = Hostile::write();
    let m = load(&h.path());
    let early = check(&m, Some("2025-04-15"));
    let late = check(&m, None);
    assert_eq!(early["as_of"], "2025-04-15");
    assert_eq!(early["grid"][1]["cells"]["a"], 4);
    assert_eq!(late["grid"][1]["cells"]["a"], 5);
    assert_eq!(early["grid"][0]["cells"]["a"], Value::Null);
    // Undated positions count as older than any dated one: shown at every date.
    assert_eq!(early["grid"][2]["cells"]["b"], 6);
}
