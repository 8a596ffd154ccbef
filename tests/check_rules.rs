//! Every rule of docs/SPEC.md §1 and every bad input the foundation issue lists, through the library.

use stances::diagnostic::Severity::{Error, Warning};
use stances::testing::project::{Project, at, diagnostics, find, valid};

#[test]
fn the_valid_fixture_has_no_diagnostics() {
    let p = Project::valid();
    let loaded = stances::model::load(&p.path());
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let m = loaded.model.unwrap();
    let c = &m.positions[0].citations[0];
    assert_eq!(m.quote_text(c), "Russia rejected a 30-day ceasefire");
    assert_eq!(m.sentence_text(c), "Russia rejected a 30-day ceasefire.");
    assert_eq!(m.positions[0].line, 21);
}

#[test]
fn toml_syntax_error_has_line_and_column() {
    let d = diagnostics("schema = 1\ntitle = \"x\"\nname = = 3\n");
    let e = find(&d, Error, "TOML syntax");
    assert_eq!(at(e).0, 3);
}

#[test]
fn empty_file_and_binary_garbage() {
    find(&diagnostics(""), Error, "empty");
    find(&diagnostics("  \n\n"), Error, "empty");
    let p = Project::new("");
    p.write("positions.toml", &[0x00, 0xFF, 0x13, 0x37, 0x80, 0x00]);
    let d = p.diagnostics();
    assert!(d[0].is_error() && d[0].message.contains("UTF-8"), "{d:?}");
    p.write("positions.toml", b"\x00\x01\x02schema = 1");
    find(&p.diagnostics(), Error, "binary");
}

#[test]
fn schema_must_be_one() {
    let d = diagnostics(&valid().replace("schema = 1", "schema = 2"));
    let e = find(&d, Error, "unsupported schema `2`");
    assert_eq!(at(e), (1, 10));
    find(
        &diagnostics(&valid().replace("schema = 1", "schema = \"1\"")),
        Error,
        "`schema`",
    );
    find(
        &diagnostics(&valid().replace("schema = 1\n", "")),
        Error,
        "required key `schema`",
    );
}

#[test]
fn missing_title() {
    let d = diagnostics(&valid().replace("title = \"Test talks\"\n", ""));
    let e = find(&d, Error, "required key `title`");
    assert_eq!(
        e.hint.as_deref(),
        Some("add a line like: title = \"Ukraine peace talks, April 2025\"")
    );
}

#[test]
fn unknown_keys_suggest_the_near_name() {
    let d = diagnostics(&valid().replace("summary = ", "sumary = "));
    let e = find(&d, Error, "unknown key `sumary`");
    assert_eq!(at(e), (24, 1));
    assert_eq!(e.hint.as_deref(), Some("did you mean `summary`?"));
    let d = diagnostics(&valid().replace("[sources.a]\n", "[sources.a]\npublsher = \"X\"\n"));
    assert_eq!(
        find(&d, Error, "unknown key `publsher`").hint.as_deref(),
        Some("did you mean `publisher`?")
    );
    let d = diagnostics(&valid().replace("schema = 1", "schema = 1\ncolour = \"red\""));
    assert!(
        find(&d, Error, "unknown key `colour`")
            .hint
            .as_deref()
            .unwrap()
            .contains("allowed keys")
    );
}

#[test]
fn references_by_short_name_or_name_in_any_case_resolve_with_a_warning_asking_for_the_id() {
    for (written, id) in [("RU", "ru"), ("russia", "ru"), ("United States", "us")] {
        let d = diagnostics(&valid().replace("party = \"ru\"", &format!("party = \"{written}\"")));
        assert!(d.iter().all(|d| d.severity != Error), "{written}: {d:#?}");
        let w = find(
            &d,
            Warning,
            &format!("`{written}` is party `{id}` as shown, not its id"),
        );
        assert_eq!(
            w.hint.as_deref(),
            Some(format!("write the id: party = \"{id}\"").as_str())
        );
    }
    let d = diagnostics(&valid().replace("issue = \"ceasefire\"", "issue = \"CEASEFIRE\""));
    assert!(d.iter().all(|d| d.severity != Error), "{d:#?}");
    find(&d, Warning, "`CEASEFIRE` is issue `ceasefire` as shown");
    // Did-you-mean weighs the names: `eu` is Europe's, not one edit from `ru`.
    let europe = valid().replace(
        "[parties.ru]",
        "[parties.europe]\nname = \"Europe\"\n\n[parties.ru]",
    );
    let d = diagnostics(&europe.replace("party = \"ru\"", "party = \"eu\""));
    let e = find(&d, Error, "unknown party `eu`");
    assert_eq!(
        e.hint.as_deref(),
        Some("did you mean `europe`?\nknown: us, europe, ru")
    );
}

#[test]
fn unknown_references_name_the_known_ids() {
    let d = diagnostics(&valid().replace("party = \"ru\"", "party = \"rus\""));
    let e = find(&d, Error, "unknown party `rus`");
    assert_eq!(at(e), (22, 9));
    assert_eq!(e.hint.as_deref(), Some("did you mean `ru`?\nknown: us, ru"));

    let d = diagnostics(&valid().replace("issue = \"ceasefire\"", "issue = \"cesefire\""));
    assert!(
        find(&d, Error, "unknown issue `cesefire`")
            .hint
            .as_deref()
            .unwrap()
            .contains("ceasefire")
    );

    let d = diagnostics(&valid().replace("source = \"a\"", "source = \"b\""));
    assert!(
        find(&d, Error, "unknown source `b`")
            .hint
            .as_deref()
            .unwrap()
            .contains("known: a")
    );

    let d = diagnostics(&valid().replace("stance = \"none\"", "stance = \"nne\""));
    let e = find(
        &d,
        Error,
        "unknown stance `nne`: not a step of the `ceasefire` scale",
    );
    assert!(e.hint.as_deref().unwrap().contains("did you mean `none`?"));

    let d = diagnostics(&valid().replace("stance = \"none\"", "acceptable = [\"full\", \"nada\"]"));
    find(&d, Error, "`nada`");
    let d = diagnostics(&valid().replace("stance = \"none\"", "acceptable = [\"full\"]"));
    find(&d, Error, "[from, to] pair");
    // Step numbers instead of keys: each is named, no list of "0 items".
    let d = diagnostics(&valid().replace("stance = \"none\"", "acceptable = [0, 2]"));
    let numbers: Vec<_> = d
        .iter()
        .filter(|d| d.message.contains("`acceptable`") && d.message.contains("an integer"))
        .collect();
    assert_eq!(numbers.len(), 2, "{d:#?}");
    assert!(d.iter().all(|d| !d.message.contains("items")), "{d:#?}");
}

#[test]
fn enumerated_values_are_checked() {
    let d = diagnostics(&valid().replace("stance = \"none\"", "status = \"propsed\""));
    assert!(
        find(&d, Error, "`status` cannot be `propsed`")
            .hint
            .as_deref()
            .unwrap()
            .contains("did you mean `proposed`?")
    );
    let d =
        diagnostics(&valid().replace("name = \"Russia\"", "name = \"Russia\"\nkind = \"empire\""));
    find(&d, Error, "`kind` cannot be `empire`");
}

#[test]
fn a_date_given_as_a_string() {
    let d = diagnostics(&valid().replace("as_of = 2025-04-23", "as_of = \"2025-04-23\""));
    let e = find(&d, Error, "`as_of` must be a TOML date, not a string");
    assert_eq!(at(e), (25, 9));
    assert_eq!(
        e.hint.as_deref(),
        Some("write the date without quotes: as_of = 2025-04-23")
    );
    let d = diagnostics(&valid().replace("as_of = 2025-04-23", "as_of = 2025-04-23T10:00:00"));
    find(&d, Error, "plain date");
}

#[test]
fn an_id_with_spaces() {
    let d = diagnostics(&valid().replace("[parties.us]", "[parties.\"united states\"]"));
    let e = find(&d, Error, "invalid party id `united states`");
    assert!(e.hint.as_deref().unwrap().contains("try `united-states`"));
    let d = diagnostics(&valid().replace("full = ", "\"Full Stop\" = "));
    find(&d, Error, "invalid scale step id");
}

#[test]
fn two_positions_for_the_same_party_issue_and_date() {
    let second = "\n[[position]]\nparty = \"ru\"\nissue = \"ceasefire\"\nsummary = \"Again\"\nas_of = 2025-04-23\n[[position.cite]]\nsource = \"a\"\nquote = \"Putin\"\n";
    let d = diagnostics(&format!("{}{second}", valid()));
    let e = find(
        &d,
        Error,
        "a second position of `ru` on `ceasefire` with as_of 2025-04-23",
    );
    assert_eq!(at(e).0, 32);
    assert!(e.hint.as_deref().unwrap().contains("line 21"));
    // A different date is a timeline, not a duplicate.
    let d = diagnostics(&format!(
        "{}{}",
        valid(),
        second.replace("2025-04-23", "2025-04-20")
    ));
    assert!(d.is_empty(), "{d:#?}");
}

#[test]
fn quotes_empty_missing_and_ambiguous() {
    let d = diagnostics(&valid().replace(
        "quote = \"Russia rejected a 30-day ceasefire\"",
        "quote = \"  \"",
    ));
    find(&d, Error, "the quote is empty");

    let d = diagnostics(&valid().replace("Russia rejected a 30-day", "Russia refused a 30-day"));
    let e = find(&d, Error, "quote not found in source `a`");
    assert_eq!(at(e), (30, 9));
    // One word away from the source's text: re-anchored (issue 13), the fix attached.
    assert_eq!(
        e.hint.as_deref(),
        Some(
            "the source now reads \"Russia rejected a 30-day ceasefire\"\n\
             88% alike; `stances check --fix` shows the change"
        )
    );
    let fix = e.fix.as_deref().unwrap();
    assert_eq!(
        (fix.quote.as_str(), fix.similarity),
        ("Russia rejected a 30-day ceasefire", 88)
    );
    // Further off, no fix: where it departs and the most similar sentence.
    let d = diagnostics(&valid().replace("Russia rejected a 30-day", "Russia refused a long"));
    let e = find(&d, Error, "quote not found in source `a`");
    assert_eq!(
        e.hint.as_deref(),
        Some(
            "it matches up to “…Russia”; then the source has “rejected a 30-day ceasefire. H…” where the quote has “refused a long ceasefire…”\n\
             the most similar sentence of `a` is:\n  Russia rejected a 30-day ceasefire."
        )
    );
    assert_eq!(e.fix, None);
    // Case matters.
    let d = diagnostics(&valid().replace("Russia rejected", "russia rejected"));
    let e = find(&d, Error, "quote not found");
    assert!(
        e.hint
            .as_deref()
            .unwrap()
            .starts_with("it is there with other capital letters")
    );

    let d = diagnostics(&valid().replace(
        "quote = \"Russia rejected a 30-day ceasefire\"",
        "quote = \"said no\"",
    ));
    let w = find(&d, Warning, "occurs 2 times");
    assert!(w.hint.as_deref().unwrap().contains("prefix"));
    let d = diagnostics(&valid().replace(
        "quote = \"Russia rejected a 30-day ceasefire\"",
        "quote = \"said no\"\nprefix = \"She \"",
    ));
    assert!(d.is_empty(), "{d:#?}");
}

#[test]
fn normalization_allows_spacing_curly_quotes_and_dashes() {
    let p = Project::new(&valid().replace(
        "quote = \"Russia rejected a 30-day ceasefire\"",
        "quote = \"Russia  rejected\\na 30\u{2013}day ceasefire\"",
    ));
    let m = stances::model::load(&p.path()).model.expect("loads");
    let c = &m.positions[0].citations[0];
    assert_eq!(m.quote_text(c), "Russia rejected a 30-day ceasefire");
}

#[test]
fn source_files_that_cannot_be_used() {
    let cases: &[(&str, &str)] = &[
        ("missing.txt", "does not exist"),
        ("../positions.toml", "outside the sources directory"),
        ("/etc/hostname", "outside the sources directory"),
        ("sub", "is a directory"),
        (
            "latin1.txt",
            "is not UTF-8 text (invalid byte at line 1, column 4)",
        ),
        ("big.txt", "over the 16 MiB limit"),
    ];
    for (file, needle) in cases {
        let p = Project::new(&valid().replace("file = \"a.txt\"", &format!("file = \"{file}\"")));
        p.write("seeds/sub/x.txt", b"x");
        p.write("seeds/latin1.txt", b"Caf\xE9 \xE9t\xE9");
        let big = std::fs::File::create(p.dir.path().join("seeds/big.txt")).unwrap();
        big.set_len(16 * 1024 * 1024 + 1).unwrap();
        let d = p.diagnostics();
        let e = find(&d, Error, needle);
        assert_eq!(at(e), (17, 8), "{file}");
    }
}

#[test]
fn a_bom_and_crlf_source_is_fine() {
    let p = Project::valid();
    p.write(
        "seeds/a.txt",
        "\u{FEFF}Intro.\r\nRussia rejected a 30-day ceasefire.\r\n".as_bytes(),
    );
    let m = stances::model::load(&p.path()).model.expect("loads");
    let c = &m.positions[0].citations[0];
    let (span, _) = c.place().expect("the quote is found");
    assert_eq!(span.start, "Intro.\r\n".len());
}

#[test]
fn missing_sources_dir() {
    let d = diagnostics(&valid().replace(
        "title = \"Test talks\"",
        "title = \"T\"\nsources_dir = \"texts\"",
    ));
    let e = find(&d, Error, "sources_dir `texts` does not exist");
    assert_eq!(at(e), (3, 15));
    let p = Project::valid();
    std::fs::remove_dir_all(p.dir.path().join("seeds")).unwrap();
    find(
        &p.diagnostics(),
        Error,
        "default sources directory `seeds` does not exist",
    );
}

#[test]
fn deeply_nested_toml_is_an_error_not_a_crash() {
    for deep in [
        "a = ".to_string() + &"[".repeat(50_000),
        "[".repeat(50_000),
        "x = ".to_string() + &"{a=".repeat(50_000),
    ] {
        let d = diagnostics(&deep);
        assert!(
            d.iter().any(stances::diagnostic::Diagnostic::is_error),
            "{d:?}"
        );
    }
}

#[test]
fn warnings_uncited_unused_and_late() {
    let d = diagnostics(&valid().replace(
        "\n[[position.cite]]\nsource = \"a\"\nquote = \"Russia rejected a 30-day ceasefire\"\n",
        "\n",
    ));
    find(&d, Warning, "cites no source");
    find(&d, Warning, "source `a` is not cited");
    assert!(d.iter().all(|d| !d.is_error()), "{d:#?}");

    let d = diagnostics(&valid().replace("as_of = 2025-04-23", "as_of = 2025-05-01"));
    let w = find(
        &d,
        Warning,
        "as_of 2025-05-01 is later than every source citing it",
    );
    assert_eq!(at(w), (25, 9));
}

#[test]
fn the_source_date_line_counts_as_published() {
    let p = Project::new(
        &valid()
            .replace("published = 2025-04-23\n", "")
            .replace("as_of = 2025-04-23", "as_of = 2025-05-01"),
    );
    p.write(
        "seeds/a.txt",
        format!(" date 2025-04-25 {}", stances::testing::project::SOURCE_A).as_bytes(),
    );
    let d = p.diagnostics();
    find(&d, Warning, "latest published 2025-04-25");
}

#[test]
fn a_summary_on_several_lines_is_a_warning() {
    let d = diagnostics(&valid().replace(
        "summary = \"Rejects a 30-day ceasefire\"",
        "summary = \"\"\"Rejects a 30-day\nceasefire\"\"\"",
    ));
    let w = find(&d, Warning, "`summary` spans several lines");
    assert_eq!(at(w), (24, 11));
    assert_eq!(d.len(), 1);
}

#[test]
fn all_errors_are_reported_in_one_run() {
    let d = diagnostics(
        &valid()
            .replace("party = \"ru\"", "party = \"xx\"")
            .replace("name = \"Russia\"", "nam = \"Russia\""),
    );
    assert!(d.len() >= 3, "{d:#?}");
}

/// valid() with a second source `b` (seeds/b.txt, cited by a second position).
fn with_source_b() -> Project {
    let toml = valid().replace(
        "[[position]]",
        "[sources.b]\nfile = \"b.txt\"\ntitle = \"Article B\"\n\n[[position]]",
    ) + "\n[[position]]\nparty = \"us\"\nissue = \"ceasefire\"\nsummary = \"Proposes a truce\"\n\n[[position.cite]]\nsource = \"b\"\nquote = \"Kyiv proposed a truce\"\n";
    let p = Project::new(&toml);
    p.write(
        "seeds/b.txt",
        b"Kyiv proposed a truce on strikes. Talks go on.\n",
    );
    p
}

#[test]
fn a_quote_cited_from_the_wrong_source_names_the_right_one() {
    let p = with_source_b();
    assert!(p.diagnostics().is_empty(), "{:#?}", p.diagnostics());
    let toml = std::fs::read_to_string(p.path())
        .unwrap()
        .replace("source = \"b\"", "source = \"a\"");
    p.write("positions.toml", toml.as_bytes());
    let d = p.diagnostics();
    let e = find(&d, Error, "quote not found in source `a`");
    assert!(
        e.message
            .ends_with(": the quote is in source `b` (file seeds/b.txt)"),
        "{e:?}"
    );
    assert!(
        e.hint.as_deref().unwrap().contains("source = \"b\""),
        "{e:?}"
    );
    // `check --fix` moves the citation to the source that has the quote word for word.
    let fix = e.fix.as_ref().expect("a fix");
    assert_eq!(fix.source.as_deref(), Some("b"));
    assert_eq!(fix.quote, "Kyiv proposed a truce");
    let out = assert_cmd::Command::cargo_bin("stances")
        .unwrap()
        .args(["check", "--fix"])
        .arg(p.path())
        .output()
        .unwrap();
    let diff = String::from_utf8_lossy(&out.stdout);
    assert!(
        diff.contains("-source = \"a\"") && diff.contains("+source = \"b\""),
        "{diff}"
    );
}

#[test]
fn an_unknown_source_with_an_unregistered_file_shows_the_block_to_add() {
    let p = with_source_b();
    p.write(
        "seeds/c.txt",
        b"Talks resumed in Riyadh. Nothing was agreed.\n",
    );
    p.write("seeds/My Notes.txt", b"A note.\n");
    let toml = std::fs::read_to_string(p.path()).unwrap();
    for (id, file, title) in [
        ("c", "c.txt", "Talks resumed in Riyadh."),
        ("my-notes", "My Notes.txt", "A note."),
    ] {
        p.write(
            "positions.toml",
            toml.replace("source = \"b\"", &format!("source = \"{id}\""))
                .as_bytes(),
        );
        let d = p.diagnostics();
        let e = find(&d, Error, &format!("unknown source `{id}`"));
        let hint = e.hint.as_deref().unwrap();
        let want = format!(
            "is in the sources directory but not registered; add it:\n  [sources.{id}]\n  file = \"{file}\"\n  title = \"{title}\"\nknown: a, b"
        );
        assert!(hint.contains(&want), "{hint}");
        assert!(
            hint.starts_with(&p.dir.path().join("seeds").join(file).display().to_string()),
            "{hint}"
        );
    }
    // A file registered under another id is not offered again.
    p.write(
        "positions.toml",
        toml.replace("[sources.b]", "[sources.bee]").as_bytes(),
    );
    let d = p.diagnostics();
    let e = find(&d, Error, "unknown source `b`");
    assert_eq!(e.hint.as_deref(), Some("did you mean `a`?\nknown: a, bee"));
}

#[test]
fn a_cite_written_as_a_table_says_position_cite() {
    let d = diagnostics(&valid().replace("[[position.cite]]", "[position.cite]"));
    let e = find(&d, Error, "must be an array of tables");
    assert_eq!(
        e.message,
        "`cite` in the [[position]] at line 21 must be an array of tables, written [[position.cite]], found a table"
    );
    assert_eq!(at(e), (28, 1));
    assert!(
        e.hint
            .as_deref()
            .unwrap()
            .contains("double brackets, [[position.cite]]")
    );
}

#[test]
fn a_cite_before_any_position_is_explained() {
    let head = "schema = 1\ntitle = \"T\"\n\n[[position.cite]]\nsource = \"a\"\nquote = \"q\"\n";
    // Followed by a [[position]]: the TOML layer's "duplicate key", explained.
    let d = diagnostics(&format!(
        "{head}\n[[position]]\nparty = \"us\"\nissue = \"x\"\nsummary = \"s\"\n"
    ));
    let e = find(
        &d,
        Error,
        "a [[position.cite]] comes before any [[position]]",
    );
    assert_eq!(at(e), (4, 1));
    assert!(
        e.hint
            .as_deref()
            .unwrap()
            .contains("belongs to the [[position]] above it")
    );
    // With no [[position]] at all.
    let d = diagnostics(head);
    let e = find(
        &d,
        Error,
        "a [[position.cite]] comes before any [[position]]",
    );
    assert_eq!(at(e), (4, 1));
    assert_eq!(d.len(), 1, "{d:#?}");
    // A real duplicate key keeps the TOML layer's message.
    let d = diagnostics("schema = 1\ntitle = \"T\"\ntitle = \"U\"\n");
    let e = find(&d, Error, "TOML syntax: duplicate key");
    assert_eq!(at(e).0, 3);
}

#[test]
fn a_duplicate_key_elsewhere_is_not_blamed_on_an_early_cite() {
    let d = diagnostics("schema = 1\n[[position.cite]]\nsource = \"a\"\nsource = \"b\"\n");
    let e = find(&d, Error, "TOML syntax: duplicate key");
    assert_eq!(at(e).0, 4);
}

#[test]
fn a_mistyped_quote_is_offered_a_whole_sentence_broken_over_two_lines() {
    let p = Project::new(&valid().replace(
        "quote = \"Russia rejected a 30-day ceasefire\"",
        "quote = \"Kyiv would attend talks only after a full ceasefire\"",
    ));
    p.write(
        "seeds/a.txt",
        b"Russia rejected a 30-day ceasefire and continued its attacks on Ukrainian cities, officials in Kyiv said on Monday.\n\
Zelensky said Kyiv would only attend talks\n\
after a full ceasefire had taken effect.\n\
Moscow did not answer at once, a spokesman said later that day in a short statement.\n",
    );
    let d = p.diagnostics();
    let e = find(&d, Error, "quote not found in source `a`");
    assert!(
        e.hint.as_deref().unwrap().ends_with(
            "the most similar sentence of `a` is:\n  Zelensky said Kyiv would only attend talks after a full ceasefire had taken effect."
        ),
        "{e:?}"
    );
}

#[test]
fn contested_is_a_known_key_holding_a_reason() {
    let marked = valid().replace(
        "stance = \"none\"\n",
        "stance = \"none\"\ncontested = \"denied the next day\"\n",
    );
    let p = Project::new(&marked);
    let loaded = stances::model::load(&p.path());
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let m = loaded.model.unwrap();
    assert_eq!(
        m.positions[0].contested.as_deref(),
        Some("denied the next day")
    );
    find(
        &diagnostics(&valid().replace(
            "stance = \"none\"\n",
            "stance = \"none\"\ncontested = \" \"\n",
        )),
        Error,
        "`contested` is empty",
    );
    find(
        &diagnostics(&valid().replace(
            "stance = \"none\"\n",
            "stance = \"none\"\ncontested = true\n",
        )),
        Error,
        "`contested`",
    );
    let typo = diagnostics(&valid().replace(
        "stance = \"none\"\n",
        "stance = \"none\"\ncontestd = \"x\"\n",
    ));
    let e = find(&typo, Error, "unknown key `contestd`");
    assert!(
        e.hint.as_deref().unwrap_or("").contains("contested"),
        "{e:?}"
    );
}

#[test]
fn an_acceptable_range_without_the_stance_is_a_warning() {
    let d = diagnostics(&valid().replace(
        "stance = \"none\"\n",
        "stance = \"none\"\nacceptable = [\"full\", \"full\"]\n",
    ));
    find(&d, Warning, "does not contain the stance `none`");
    let ok = diagnostics(&valid().replace(
        "stance = \"none\"\n",
        "stance = \"none\"\nacceptable = [\"full\", \"none\"]\n",
    ));
    assert!(ok.is_empty(), "{ok:#?}");
    // A range with no stance at all is not used by the comparison: said, not ignored.
    let unused =
        diagnostics(&valid().replace("stance = \"none\"\n", "acceptable = [\"full\", \"none\"]\n"));
    find(&unused, Warning, "`acceptable` without a `stance`");
}

// ---- Re-anchored quotes that would change what a position says (issue 20) ----------

/// The article as it reads after its corrections. Each quote of [`CORRECTIONS`] was
/// copied from it before; all are 85% or more alike to what it now says, and all but
/// the last say something different.
const CORRECTED: &str = "Officials said they would accept a formal recognition of Crimea. \
Kyiv will never agree to the withdrawal terms. \
The strikes killed 13 people in Sumy on Sunday morning. \
Four prisoners were exchanged on Monday. \
Ukraine rejected the draft plan at the talks in Paris on Thursday. \
The envoy met the delegation in Riyadh for talks on energy.\n";

/// The quotes as written, each with the text the source now has there.
const CORRECTIONS: [(&str, &str); 6] = [
    (
        "they would not accept a formal recognition of Crimea",
        "they would accept a formal recognition of Crimea",
    ),
    (
        "Kyiv will agree to the withdrawal terms",
        "Kyiv will never agree to the withdrawal terms",
    ),
    (
        "The strikes killed 12 people in Sumy on Sunday morning",
        "The strikes killed 13 people in Sumy on Sunday morning",
    ),
    (
        "Three prisoners were exchanged on Monday",
        "Four prisoners were exchanged on Monday",
    ),
    (
        "Russia rejected the draft plan at the talks in Paris on Thursday",
        "Ukraine rejected the draft plan at the talks in Paris on Thursday",
    ),
    (
        "The envoy met the delegation in Riyadh for talks on enrgy",
        "The envoy met the delegation in Riyadh for talks on energy",
    ),
];

/// A project citing each of `quotes` (one position each) from the [`CORRECTED`] article.
fn corrected(quotes: &[&str]) -> Project {
    let mut model = stances::model::build::ModelText::new("Corrections")
        .party("us", "United States")
        .party("ru", "Russia")
        .party("ua", "Ukraine")
        .issue("talks", "Talks")
        .source("a", "a.txt", "Article A", CORRECTED);
    for (i, quote) in quotes.iter().enumerate() {
        model = model.position(
            stances::model::build::PositionText::new("ru", "talks", "Said something")
                .as_of(&format!("2025-04-{:02}", i + 1))
                .cite("a", quote),
        );
    }
    let p = Project::new(&model.to_toml());
    p.write("seeds/a.txt", CORRECTED.as_bytes());
    p
}

/// `stances ARGS` run in project `p`: exit code, stdout, stderr.
fn run(p: &Project, args: &[&str]) -> (i32, String, String) {
    let out = assert_cmd::Command::cargo_bin("stances")
        .unwrap()
        .current_dir(p.dir.path())
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The `-quote = OLD` / `+quote = NEW` lines of the diff that fix quote `old`.
fn fixed_in(diff: &str, (old, new): (&str, &str)) -> bool {
    diff.contains(&format!("\n-quote = \"{old}\"\n+quote = \"{new}\"\n"))
}

#[test]
fn a_fix_that_drops_or_adds_a_negation_is_not_routine() {
    let p = corrected(&[CORRECTIONS[0].0, CORRECTIONS[1].0]);
    let d = p.diagnostics();
    let hints: Vec<&str> = d.iter().filter_map(|d| d.hint.as_deref()).collect();
    assert_eq!(
        hints,
        [
            "the source now says something different: \"they would accept a formal recognition of Crimea\"\n\
             92% alike, but a negation dropped: \"not\"\n\
             not a routine fix: reread the source; `stances check --fix --allow-meaning-change` shows the change",
            "the source now says something different: \"Kyiv will never agree to the withdrawal terms\"\n\
             86% alike, but a negation added: \"never\"\n\
             not a routine fix: reread the source; `stances check --fix --allow-meaning-change` shows the change",
        ]
    );
    let json: serde_json::Value = serde_json::from_slice(&p.check_json(1)).unwrap();
    for (d, (_, new)) in json.as_array().unwrap().iter().zip(CORRECTIONS) {
        assert_eq!(d["fix"]["meaning_change"], "negation", "{d}");
        // The other fields of the fix as before.
        assert_eq!(d["fix"]["quote"], new, "{d}");
        assert!(d["fix"]["similarity"].as_f64().unwrap() >= 0.85, "{d}");
    }
    let (code, diff, err) = run(&p, &["check", "--fix"]);
    assert_eq!(code, 1);
    assert_eq!(diff, "", "nothing is fixed routinely");
    assert!(
        err.ends_with(
            "stances: note: the diff on stdout fixes 0 of the 2 errors; 2 fixes are left out: the source now says something different (a negation, a number or a party changed; their hints say which): reread the source, then fix them by hand or include them with --allow-meaning-change\n"
        ),
        "{err}"
    );
}

#[test]
fn a_fix_that_changes_a_number_is_not_routine() {
    let p = corrected(&[CORRECTIONS[2].0, CORRECTIONS[3].0, CORRECTIONS[5].0]);
    let d = p.diagnostics();
    let hint = |needle: &str| {
        d.iter()
            .filter_map(|d| d.hint.as_deref())
            .find(|h| h.contains(needle))
            .unwrap()
            .lines()
            .take(2)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        hint("13 people"),
        [
            "the source now says something different: \"The strikes killed 13 people in Sumy on Sunday morning\"",
            "98% alike, but a number changed: \"12\" became \"13\"",
        ]
    );
    assert_eq!(
        hint("Four prisoners"),
        [
            "the source now says something different: \"Four prisoners were exchanged on Monday\"",
            "87% alike, but a number changed: \"Three\" became \"Four\"",
        ]
    );
    let json: serde_json::Value = serde_json::from_slice(&p.check_json(1)).unwrap();
    let kinds: Vec<Option<&str>> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["fix"]["meaning_change"].as_str())
        .collect();
    assert_eq!(kinds, [Some("number"), Some("number"), None]);
    // Only the typo is in the diff; the note says why the others are not.
    let (code, diff, err) = run(&p, &["check", "--fix"]);
    assert_eq!(code, 1);
    assert!(fixed_in(&diff, CORRECTIONS[5]), "{diff}");
    assert!(
        !diff.contains("people") && !diff.contains("prisoners"),
        "{diff}"
    );
    assert!(
        err.ends_with(
            "stances: note: the diff on stdout fixes 1 of the 3 errors; 2 fixes are left out: the source now says something different (a negation, a number or a party changed; their hints say which): reread the source, then fix them by hand or include them with --allow-meaning-change\n"
        ),
        "{err}"
    );
}

#[test]
fn a_fix_that_names_another_party_is_not_routine() {
    let p = corrected(&[CORRECTIONS[4].0]);
    let d = p.diagnostics();
    let e = find(&d, Error, "quote not found in source `a`");
    assert_eq!(
        e.hint.as_deref().unwrap().lines().nth(1),
        Some("90% alike, but a party changed: \"Russia\" became \"Ukraine\"")
    );
    let json: serde_json::Value = serde_json::from_slice(&p.check_json(1)).unwrap();
    assert_eq!(json[0]["fix"]["meaning_change"], "party");
    let (_, diff, err) = run(&p, &["check", "--fix"]);
    assert_eq!(diff, "");
    assert!(
        err.ends_with("; 1 fix is left out: the source now says something different (a negation, a number or a party changed; its hint says which): reread the source, then fix it by hand or include it with --allow-meaning-change\n"),
        "{err}"
    );
    // A party named by its short name, or a member of a coalition, counts as well.
    let toml = std::fs::read_to_string(p.path()).unwrap().replace(
        "name = \"Ukraine\"\n",
        "name = \"Ukraine\"\nshort = \"Kyiv\"\n\n[parties.europe]\nname = \"Europe\"\nmembers = [\"France\", \"Germany\"]\n",
    );
    for (written, now, what) in [
        (
            CORRECTIONS[1].1,
            CORRECTIONS[1].1.replace("Kyiv", "Moscow"),
            "a party dropped: \"Kyiv\"",
        ),
        (
            "France objected to the terms of the draft deal",
            "Germany objected to the terms of the draft deal".into(),
            "a party changed: \"France\" became \"Germany\"",
        ),
    ] {
        let other = Project::new(&toml.replace(CORRECTIONS[4].0, written));
        other.write("seeds/a.txt", format!("{now}.\n").as_bytes());
        let d = other.diagnostics();
        let e = find(&d, Error, "quote not found in source `a`");
        let hint = e.hint.as_deref().unwrap();
        assert!(hint.contains(&format!("% alike, but {what}\n")), "{hint}");
        assert_eq!(
            e.fix.as_ref().unwrap().meaning_change,
            Some(stances::source::meaning::Change::Party)
        );
    }
}

#[test]
fn an_ordinary_typo_is_still_fixed_as_before() {
    let p = corrected(&[CORRECTIONS[5].0]);
    let d = p.diagnostics();
    let e = find(&d, Error, "quote not found in source `a`");
    assert_eq!(
        e.hint.as_deref(),
        Some(
            "the source now reads \"The envoy met the delegation in Riyadh for talks on energy\"\n\
             98% alike; `stances check --fix` shows the change"
        )
    );
    let json: serde_json::Value = serde_json::from_slice(&p.check_json(1)).unwrap();
    let fix = json[0]["fix"].as_object().unwrap();
    let keys: Vec<&str> = fix.keys().map(String::as_str).collect();
    assert_eq!(keys, ["quote", "similarity"]);
    let (code, diff, err) = run(&p, &["check", "--fix"]);
    assert_eq!(code, 1);
    assert!(fixed_in(&diff, CORRECTIONS[5]), "{diff}");
    assert!(
        err.ends_with("stances: note: the diff on stdout fixes 1 of the 1 errors\n"),
        "{err}"
    );
}

#[test]
fn allow_meaning_change_puts_every_fix_in_the_diff_and_patch_applies_it() {
    let quotes: Vec<&str> = CORRECTIONS.iter().map(|c| c.0).collect();
    let p = corrected(&quotes);
    let before = std::fs::read_to_string(p.path()).unwrap();
    let (code, diff, err) = run(&p, &["check", "--fix", "--allow-meaning-change"]);
    assert_eq!(code, 1);
    for c in CORRECTIONS {
        assert!(fixed_in(&diff, c), "{c:?}\n{diff}");
    }
    assert!(
        err.ends_with(
            "stances: note: the diff on stdout fixes 6 of the 6 errors (5 of them change what their quotes say, included by --allow-meaning-change)\n"
        ),
        "{err}"
    );
    // Never written; the diff applies and the file passes.
    assert_eq!(std::fs::read_to_string(p.path()).unwrap(), before);
    p.write("fix.diff", diff.as_bytes());
    let status = std::process::Command::new("patch")
        .current_dir(p.dir.path())
        .args(["-p1", "--quiet", "-i", "fix.diff"])
        .status();
    if let Ok(status) = status {
        assert!(status.success());
        let (code, diff, err) = run(&p, &["check", "--fix"]);
        assert_eq!((code, diff.as_str()), (0, ""), "{err}");
    }
    // Only with --fix.
    let (code, _, err) = run(&p, &["check", "--allow-meaning-change"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--fix"), "{err}");
}

#[test]
fn a_fix_from_another_source_that_says_something_different_is_not_routine() {
    let p = with_source_b();
    p.write(
        "seeds/b.txt",
        b"Kyiv proposed a truce on strikes against the energy grid. Talks go on.\n",
    );
    let toml = std::fs::read_to_string(p.path()).unwrap().replace(
        "source = \"b\"\nquote = \"Kyiv proposed a truce\"",
        "source = \"a\"\nquote = \"Kyiv never proposed a truce on strikes against the energy grid\"",
    );
    p.write("positions.toml", toml.as_bytes());
    let d = p.diagnostics();
    let e = find(&d, Error, "quote not found in source `a`");
    assert_eq!(
        e.hint.as_deref(),
        Some(
            "source `b` (file seeds/b.txt) says something different: \"Kyiv proposed a truce on strikes against the energy grid\"\n\
             90% alike, but a negation dropped: \"never\"\n\
             not a routine fix: reread the source; `stances check --fix --allow-meaning-change` shows the change, citing it from there"
        )
    );
    let fix = e.fix.as_deref().unwrap();
    assert_eq!(fix.source.as_deref(), Some("b"));
    assert_eq!((run(&p, &["check", "--fix"]).1), "");
    let (_, diff, _) = run(&p, &["check", "--fix", "--allow-meaning-change"]);
    assert!(
        diff.contains("-source = \"a\"\n-quote = \"Kyiv never proposed a truce on strikes against the energy grid\"\n+source = \"b\"\n+quote = \"Kyiv proposed a truce on strikes against the energy grid\"\n"),
        "{diff}"
    );
}

/// True when `tool --version` runs.
fn have(tool: &str) -> bool {
    std::process::Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[cfg(unix)]
#[test]
fn check_fix_names_any_file_so_that_patch_and_git_apply_change_that_file_only() {
    let tools: Vec<&str> = ["patch", "git"].into_iter().filter(|t| have(t)).collect();
    assert!(
        !tools.is_empty(),
        "neither patch nor git is installed: nothing applies the diff"
    );
    let p = corrected(&[CORRECTIONS[5].0]);
    let toml = std::fs::read(p.path()).unwrap();
    // A name with a space, one with a newline, one with a backslash and an `n`, one
    // with a double quote and a tab: each patched, never one of the others.
    let names = [
        "my positions.toml",
        "a\nb.toml",
        "a\\nb.toml",
        "q\"u\tote.toml",
    ];
    for tool in &tools {
        for name in names {
            for n in names {
                p.write(n, &toml);
            }
            let out = assert_cmd::Command::cargo_bin("stances")
                .unwrap()
                .current_dir(p.dir.path())
                .args(["check", "--fix", name])
                .output()
                .unwrap();
            let diff = out.stdout;
            assert!(fixed_in(&String::from_utf8_lossy(&diff), CORRECTIONS[5]));
            let apply = match *tool {
                "patch" => std::process::Command::new("patch")
                    .args(["-s", "-p1", "-d"])
                    .arg(p.dir.path())
                    .stdin(std::process::Stdio::piped())
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn(),
                _ => std::process::Command::new("git")
                    .args(["apply", "-p1", "-"])
                    .current_dir(p.dir.path())
                    .stdin(std::process::Stdio::piped())
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn(),
            };
            let mut child = apply.unwrap();
            std::io::Write::write_all(&mut child.stdin.take().unwrap(), &diff).unwrap();
            let done = child.wait_with_output().unwrap();
            assert!(
                done.status.success(),
                "{tool} on {name:?}: {}\n{}",
                String::from_utf8_lossy(&done.stderr),
                String::from_utf8_lossy(&diff)
            );
            for n in names {
                let now = std::fs::read(p.dir.path().join(n)).unwrap();
                assert_eq!(
                    now != toml,
                    n == name,
                    "{tool}: the diff of {name:?} changed {n:?}"
                );
            }
        }
    }
}

#[test]
fn a_corrected_word_at_the_end_of_a_quote_is_replaced_in_the_hint_and_the_fix() {
    let p = corrected(&["rejected the joint monitoring plan"]);
    p.write(
        "seeds/a.txt",
        "date 2025-05-02\n\nMoscow rejected the joint monitoring scheme, officials said on Friday.\n"
            .as_bytes(),
    );
    let d = p.diagnostics();
    let e = find(&d, Error, "quote not found in source `a`");
    let hint = e.hint.as_deref().unwrap();
    assert!(
        hint.starts_with("the source now reads \"rejected the joint monitoring scheme\""),
        "the changed word is kept, not dropped: {hint}"
    );
    let (_, diff, _) = run(&p, &["check", "--fix"]);
    assert!(
        fixed_in(
            &diff,
            (
                "rejected the joint monitoring plan",
                "rejected the joint monitoring scheme"
            )
        ),
        "{diff}"
    );
}
